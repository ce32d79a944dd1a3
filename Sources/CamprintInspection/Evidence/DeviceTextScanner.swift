import Foundation

/// Reads name/value pairs out of device text in whatever shape it arrives — XML elements with or
/// without a root or declaration, Python/JavaScript dict dumps (`{'model': 'DS-…', 'x': None}`),
/// JSON, `key: value` and `key=value` lines — and the namespace URIs it names (`xmlns="…"`,
/// `'@xmlns': '…'`, or a bare `http://…/XMLSchema` in a log line).
///
/// One pass over the bytes, no regular expressions and no backtracking: every scan stops at the
/// byte that starts the next construct, and every construct is bounded, so the cost is linear in
/// the input whatever a camera sends (nested unclosed tags, endless attributes, unmatched quotes).
enum DeviceTextScanner {
    struct Field: Hashable {
        var name: String
        var value: String
        /// Byte offset where the field starts (for splitting several devices).
        var offset: Int
    }

    struct Result {
        var fields: [Field] = []
        var namespaces: [String] = []
        /// Offsets of `{` and of opening tags not closed on the same field: where a record
        /// (a dict, a document) may start, in order.
        var recordStarts: [Int] = []
        /// Where each namespace was first named (byte offset), in order.
        var namespaceOffsets: [Int] = []
        /// Local names of the XML elements that were opened (`DeviceInfo`, `ResponseStatus`, …).
        var elements: [String] = []
        /// Offsets of elements carrying an option list `opt="a,b"` (one or more options).
        var optionListOffsets: [Int] = []
        /// Offsets of elements carrying a range attribute `min="…"` or `max="…"`.
        var rangeOffsets: [Int] = []

        /// Option lists and range attributes within `range` (byte offsets).
        func capabilityAttributes(in range: Range<Int>) -> (optionLists: Int, ranges: Int) {
            (optionListOffsets.count { range.contains($0) }, rangeOffsets.count { range.contains($0) })
        }
    }

    static let maximumFields = 2000
    static let maximumNameLength = 64
    static let maximumValueLength = 1024

    static func scan(_ text: String) -> Result {
        scan(Array(text.utf8))
    }

    static func scan(_ bytes: [UInt8]) -> Result {
        var result = Result()
        var index = 0
        let count = bytes.count
        var lineStart = true
        while index < count, result.fields.count < maximumFields {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lineStart = true
                index += 1
                continue
            }
            if lineStart, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                lineStart = false
                if let next = keyValueLine(bytes, from: index, into: &result)
                    ?? inlinePairsLine(bytes, from: index, into: &result)
                {
                    index = next
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "{"):
                if result.recordStarts.count < maximumFields { result.recordStarts.append(index) }
                index += 1
            case UInt8(ascii: "<"):
                let fieldsBefore = result.fields.count
                let next = element(bytes, from: index, into: &result)
                if result.fields.count == fieldsBefore, next > index + 1, bytes[index + 1] != UInt8(ascii: "/"),
                    result.recordStarts.count < maximumFields
                {
                    result.recordStarts.append(index)
                }
                index = next
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index = quotedPair(bytes, from: index, into: &result)
            case UInt8(ascii: "h"):
                index = bareNamespace(bytes, from: index, into: &result)
            case UInt8(ascii: "o") where index == 0 || !isKeyByte(bytes[index - 1]):
                index = bareScope(bytes, from: index, into: &result)
            default:
                index += 1
            }
        }
        return result
    }

    // MARK: XML elements

    /// At `<`: an opening tag (its `xmlns` attributes recorded) and, when text up to the matching
    /// closing tag follows, a field. Returns where scanning continues: never past the next `<`.
    private static func element(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int {
        var index = start + 1
        let count = bytes.count
        guard index < count, isNameStart(bytes[index]) else { return start + 1 }
        let nameStart = index
        while index < count, isNameByte(bytes[index]), index - nameStart <= maximumNameLength { index += 1 }
        guard index - nameStart <= maximumNameLength else { return index }
        let qualified = Array(bytes[nameStart..<index])
        let local = localName(qualified)
        // Attributes, up to `>`; a `<` first means the tag never closed: continue from it.
        var selfClosing = false
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "<") { return index }
            if byte == UInt8(ascii: "x"), matches(bytes, at: index, "xmlns") {
                index = namespaceAttribute(bytes, from: index, into: &result)
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                capabilityAttribute(bytes, at: index + 1, element: start, into: &result)
            }
            if byte == UInt8(ascii: "/"), index + 1 < count, bytes[index + 1] == UInt8(ascii: ">") {
                selfClosing = true
            }
            index += 1
        }
        guard index < count else { return index }
        index += 1  // past `>`
        if result.elements.count < maximumFields { result.elements.append(String(decoding: local, as: UTF8.self)) }
        if selfClosing { return index }
        // Text up to the next `<`; a field only when that `<` closes this element.
        let textStart = index
        while index < count, bytes[index] != UInt8(ascii: "<"), index - textStart <= maximumValueLength * 4 {
            index += 1
        }
        guard index < count, bytes[index] == UInt8(ascii: "<") else { return index }
        let closing = index
        let closes =
            closing + 2 + qualified.count < count && bytes[closing + 1] == UInt8(ascii: "/")
            && bytes[(closing + 2)..<(closing + 2 + qualified.count)].elementsEqual(qualified)
            && bytes[closing + 2 + qualified.count] == UInt8(ascii: ">")
        if closes || isClosingTagCutAtEnd(bytes, at: closing, qualified: qualified) {
            let value = trimmed(bytes[textStart..<closing])
            if !value.isEmpty {
                result.fields.append(
                    Field(
                        name: String(decoding: local, as: UTF8.self),
                        value: unescapeXML(String(decoding: value.prefix(maximumValueLength), as: UTF8.self)),
                        offset: start
                    )
                )
            }
        }
        return closing
    }

    /// `</` and the start of this element's name, then only blanks to the end of the text: the
    /// excerpt was cut inside the closing tag (`<tds:Manufacturer>IPCAM</tds:Manuf`).
    private static func isClosingTagCutAtEnd(_ bytes: [UInt8], at closing: Int, qualified: [UInt8]) -> Bool {
        guard closing + 2 < bytes.count, bytes[closing + 1] == UInt8(ascii: "/") else { return false }
        let rest = bytes[(closing + 2)...]
        let name = rest.prefix { isNameByte($0) }
        guard !name.isEmpty, name.count < qualified.count, qualified.starts(with: name) else { return false }
        return rest.dropFirst(name.count).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// At `xmlns`: `xmlns="uri"` or `xmlns:prefix="uri"`.
    private static func namespaceAttribute(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int {
        var index = start + 5
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            while index < count, isNameByte(bytes[index]), index - start < maximumNameLength { index += 1 }
        }
        guard index + 1 < count, bytes[index] == UInt8(ascii: "=") else { return index }
        let quote = bytes[index + 1]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return index + 1 }
        let valueStart = index + 2
        var end = valueStart
        while end < count, bytes[end] != quote, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: ">"),
            end - valueStart <= maximumValueLength
        {
            end += 1
        }
        guard end < count, bytes[end] == quote else { return end }
        appendNamespace(String(decoding: bytes[valueStart..<end], as: UTF8.self), at: start, into: &result)
        return end + 1
    }

    /// At an attribute name: `opt="a,b,…"` (an option list, not empty) or `min="…"`/`max="…"` (a range), the
    /// notation of capability documents (`GET …/capabilities`, HCNetSDK ability XML). Recorded once
    /// per element for each kind; the attribute itself is scanned on by the caller.
    private static func capabilityAttribute(_ bytes: [UInt8], at index: Int, element: Int, into result: inout Result) {
        let limit = 4096
        if matches(bytes, at: index, "opt=\"") {
            var end = index + 5
            while end < bytes.count, end - index < 512, bytes[end] != UInt8(ascii: "\""),
                bytes[end] != UInt8(ascii: "<")
            {
                end += 1
            }
            if end > index + 5, end < bytes.count, bytes[end] == UInt8(ascii: "\""),
                result.optionListOffsets.last != element, result.optionListOffsets.count < limit
            {
                result.optionListOffsets.append(element)
            }
        } else if matches(bytes, at: index, "min=\"") || matches(bytes, at: index, "max=\"") {
            if result.rangeOffsets.last != element, result.rangeOffsets.count < limit {
                result.rangeOffsets.append(element)
            }
        }
    }

    // MARK: Quoted pairs (dicts, JSON)

    /// At a quote: `'key': value` / `"key": value` / `'key' = value`, value quoted or bare
    /// (`None`, `True`, numbers). A quoted string that is not a key is skipped whole.
    private static func quotedPair(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int {
        guard let key = quoted(bytes, from: start) else { return start + 1 }
        var index = key.end
        let count = bytes.count
        while index < count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < count, bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: "=") else {
            // A pair as a tuple, the way Python prints an OrderedDict (xmltodict before 0.13):
            // `('model', 'DS-…')`.
            if let pair = tuplePair(bytes, key: key, from: start, comma: index) {
                if isKeyName(key.content) {
                    record(
                        name: String(decoding: key.content, as: UTF8.self),
                        value: pair.value,
                        offset: start,
                        into: &result
                    )
                }
                return pair.end
            }
            // A string in a list: `['onvif://www.onvif.org/name/…', …]` holds scopes.
            recordScopes(key.content, offset: start, into: &result)
            return key.end
        }
        index += 1
        while index < count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < count else { return index }
        let name = String(decoding: key.content, as: UTF8.self)
        guard isKeyName(key.content) else { return key.end }
        if bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") {
            guard let value = quoted(bytes, from: index) else { return index + 1 }
            record(name: name, value: value.content, offset: start, into: &result)
            return value.end
        }
        // A bare value: up to `,`, `}`, `]` or the end of the line.
        let valueStart = index
        while index < count, index - valueStart <= maximumValueLength {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
            {
                break
            }
            index += 1
        }
        let value = trimmed(bytes[valueStart..<index])
        let text = String(decoding: value, as: UTF8.self)
        switch text {
        case "", "None", "null", "undefined", "nil": break
        case "True", "true": record(name: name, value: Array("true".utf8)[...], offset: start, into: &result)
        case "False", "false": record(name: name, value: Array("false".utf8)[...], offset: start, into: &result)
        default: record(name: name, value: value, offset: start, into: &result)
        }
        return index
    }

    /// `(` `'key'` `,` `'value'` `)`: the value and where the tuple ends, when the quoted key at
    /// `start` opens a two-element tuple of strings.
    private static func tuplePair(
        _ bytes: [UInt8],
        key: (content: ArraySlice<UInt8>, end: Int),
        from start: Int,
        comma: Int
    ) -> (value: ArraySlice<UInt8>, end: Int)? {
        var before = start - 1
        while before >= 0, bytes[before] == UInt8(ascii: " ") { before -= 1 }
        guard before >= 0, bytes[before] == UInt8(ascii: "("), comma < bytes.count, bytes[comma] == UInt8(ascii: ",")
        else { return nil }
        var index = comma + 1
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
            let value = quoted(bytes, from: index)
        else { return nil }
        var end = value.end
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ")") else { return nil }
        return (value.content, end + 1)
    }

    private static func quoted(_ bytes: [UInt8], from start: Int) -> (content: ArraySlice<UInt8>, end: Int)? {
        let quote = bytes[start]
        var index = start + 1
        let count = bytes.count
        while index < count, index - start <= maximumValueLength {
            let byte = bytes[index]
            if byte == quote { return (bytes[(start + 1)..<index], index + 1) }
            if byte == UInt8(ascii: "\n") { return nil }
            if byte == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        return nil
    }

    private static func record(name: String, value: ArraySlice<UInt8>, offset: Int, into result: inout Result) {
        let local = String(decoding: localName(Array(name.utf8)), as: UTF8.self)
        let text = String(decoding: trimmed(value), as: UTF8.self)
        if local == "@xmlns" || name.hasPrefix("@xmlns") || name == "xmlns" {
            appendNamespace(text, at: offset, into: &result)
            return
        }
        guard !text.isEmpty, !local.hasPrefix("@"), local != "#text" || !text.isEmpty else { return }
        result.fields.append(
            Field(name: local.hasPrefix("@") ? String(local.dropFirst()) : local, value: text, offset: offset)
        )
    }

    // MARK: key: value lines

    /// At the first non-blank byte of a line: `key: value`, `key = value`, `- key: value`,
    /// `"key": value` is left to ``quotedPair(_:from:into:)``. Returns the end of the line when it
    /// was such a line whose value is not a nested structure.
    private static func keyValueLine(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int? {
        var index = start
        let count = bytes.count
        // List and tree markers before the key (`- key:`, `* key:`, nmap's `|   key:`).
        while index < count, index - start < 16,
            bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "*") || bytes[index] == UInt8(ascii: "|")
                || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: " ")
        {
            index += 1
        }
        guard index < count, isLetter(bytes[index]) else { return nil }
        let nameStart = index
        while index < count, isKeyByte(bytes[index]), index - nameStart <= maximumNameLength { index += 1 }
        let name = bytes[nameStart..<index]
        while index < count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < count, bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: "=") else {
            return nil
        }
        // `http://host/ISAPI/… {'model': …}`: a URL that starts a log line is not a key.
        if matches(bytes, at: index, "://") { return nil }
        index += 1
        let valueStart = index
        while index < count, bytes[index] != UInt8(ascii: "\n"), index - valueStart <= maximumValueLength { index += 1 }
        var value = unwrappedInspectValue(trimmed(bytes[valueStart..<index]))
        if value.last == UInt8(ascii: ",") { value = value.dropLast() }
        if let first = value.first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
            value.count >= 2, value.last == first
        {
            value = value.dropFirst().dropLast()
        }
        guard let first = value.first, first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
            first != UInt8(ascii: "<"), first != UInt8(ascii: "'"), first != UInt8(ascii: "\"")
        else { return nil }
        // An XML or dict line that merely starts with a word is scanned as such.
        guard !value.contains(UInt8(ascii: "<")) || !value.contains(UInt8(ascii: ">")) else { return nil }
        // A log line whose value holds a dict dump (`… deviceInfo {'model': …}`) is scanned as such.
        guard !containsDictOpening(value) else { return nil }
        // `Model: DS-I114W, Serial: DS-I114W2017…, Firmware: V5.4.81`: one line, several pairs.
        var pairName = name
        var rest = value
        while let (end, nextName, nextValue) = nextInlinePair(rest) {
            record(name: String(decoding: pairName, as: UTF8.self), value: rest[..<end], offset: start, into: &result)
            pairName = nextName
            rest = nextValue
        }
        record(name: String(decoding: pairName, as: UTF8.self), value: rest, offset: start, into: &result)
        return index
    }

    /// A value as Node's `util.inspect` prints xml2js output: `[ 'V' ],`, `'V' } },`. The closing
    /// brackets and commas after a quoted value, and a one-element array around it, are dropped so
    /// that the quoted value remains; any other value is returned as it is.
    static func unwrappedInspectValue(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = value.endIndex
        while end > value.startIndex,
            [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(value[end - 1])
        {
            end -= 1
        }
        guard end < value.endIndex, end > value.startIndex,
            value[end - 1] == UInt8(ascii: "'") || value[end - 1] == UInt8(ascii: "\"")
        else { return value }
        let quote = value[end - 1]
        var start = value.startIndex
        if value[start] == UInt8(ascii: "[") {
            start += 1
            while start < end, value[start] == UInt8(ascii: " ") { start += 1 }
        }
        // One quoted string only: `[ 'a', 'b' ]` is a list, not a value.
        guard end - start >= 2, value[start] == quote,
            !value[(start + 1)..<(end - 1)].contains(quote)
        else { return value }
        return value[start..<end]
    }

    /// A log line holding several unquoted `Name=value` or `Name:value` pairs, as logfmt and Go's `%+v`
    /// print a struct (`device: {Manufacturer:HIKVISION Model:DS-… FirmwareVersion:V5.7.3 build 220112}`).
    /// Each pair is a field when the line holds at least two; a value runs to the next pair, a closing
    /// brace or the end of the line. Lines with quotes or markup are left to the other readers (Digest
    /// parameters, dicts, XML), and so is `name: ` with a space, a URL's `scheme://` and a clock's `10:00`.
    private static func inlinePairsLine(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int? {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, end - start < 4096 { end += 1 }
        guard end - start < 4096,
            !bytes[start..<end].contains(where: {
                $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "<")
            })
        else { return nil }
        var pairs: [(name: Range<Int>, value: Int)] = []
        var index = start
        while index < end, pairs.count < 64 {
            let boundary =
                index == start
                || [UInt8(ascii: " "), UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: ",")].contains(
                    bytes[index - 1]
                )
            guard boundary, isLetter(bytes[index]) else {
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd < end, isKeyByte(bytes[nameEnd]), nameEnd - index <= maximumNameLength { nameEnd += 1 }
            if nameEnd - index >= 2, nameEnd + 1 < end,
                bytes[nameEnd] == UInt8(ascii: ":") || bytes[nameEnd] == UInt8(ascii: "="),
                ![UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: ":")].contains(
                    bytes[nameEnd + 1]
                )
            {
                pairs.append((index..<nameEnd, nameEnd + 1))
            }
            index = nameEnd + 1
        }
        guard pairs.count >= 2 else { return nil }
        for (position, pair) in pairs.enumerated() {
            var valueEnd = position + 1 < pairs.count ? pairs[position + 1].name.lowerBound : end
            while valueEnd > pair.value,
                [
                    UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "\r"),
                    UInt8(ascii: "{"), UInt8(ascii: "("),
                ].contains(bytes[valueEnd - 1])
            {
                valueEnd -= 1
            }
            guard valueEnd > pair.value, result.fields.count < maximumFields else { continue }
            record(
                name: String(decoding: bytes[pair.name], as: UTF8.self),
                value: bytes[pair.value..<min(valueEnd, pair.value + maximumValueLength)],
                offset: start,
                into: &result
            )
        }
        return end
    }

    /// In a `key: value` line's value, the next `, Key: ` (a capitalised key word followed by a
    /// colon and a space): where the value ends, the next key and the rest.
    private static func nextInlinePair(
        _ value: ArraySlice<UInt8>
    ) -> (end: Int, name: ArraySlice<UInt8>, rest: ArraySlice<UInt8>)? {
        var index = value.startIndex
        while index + 3 < value.endIndex {
            guard value[index] == UInt8(ascii: ","), value[index + 1] == UInt8(ascii: " "),
                value[index + 2] >= UInt8(ascii: "A"), value[index + 2] <= UInt8(ascii: "Z")
            else {
                index += 1
                continue
            }
            var nameEnd = index + 2
            while nameEnd < value.endIndex, isKeyByte(value[nameEnd]), nameEnd - index < maximumNameLength {
                nameEnd += 1
            }
            if nameEnd + 1 < value.endIndex, value[nameEnd] == UInt8(ascii: ":"),
                value[nameEnd + 1] == UInt8(ascii: " ")
            {
                return (index, value[(index + 2)..<nameEnd], trimmed(value[(nameEnd + 2)...]))
            }
            index += 1
        }
        return nil
    }

    /// `{'` or `{"` (optionally with spaces between): where a dict dump starts.
    private static func containsDictOpening(_ value: ArraySlice<UInt8>) -> Bool {
        var afterBrace = false
        for byte in value {
            if byte == UInt8(ascii: "{") {
                afterBrace = true
            } else if afterBrace, byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                return true
            } else if byte != UInt8(ascii: " ") {
                afterBrace = false
            }
        }
        return false
    }

    // MARK: Bare namespace URIs

    /// At `h`: `http://…XMLSchema` anywhere in text (a client's log line naming the namespace).
    private static func bareNamespace(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int {
        guard matches(bytes, at: start, "http://") || matches(bytes, at: start, "https://") else { return start + 1 }
        var index = start
        let count = bytes.count
        while index < count, isURLByte(bytes[index]), index - start <= 200 { index += 1 }
        let url = String(decoding: bytes[start..<index], as: UTF8.self)
        if url.lowercased().hasSuffix("xmlschema"), ISAPIObservations.isISAPINamespace(url) {
            appendNamespace(url, at: start, into: &result)
        }
        return index
    }

    // MARK: ONVIF scopes

    /// At `o`: an ONVIF scope URI (`onvif://www.onvif.org/hardware/…`, ONVIF Core §7.3.2.2) anywhere
    /// in text, as discovery tools print them one per line or in a list; each is a `Scopes` field.
    private static func bareScope(_ bytes: [UInt8], from start: Int, into result: inout Result) -> Int {
        guard matches(bytes, at: start, "onvif://") else { return start + 1 }
        var index = start
        while index < bytes.count, isURLByte(bytes[index]), index - start <= 256 { index += 1 }
        recordScopes(bytes[start..<index], offset: start, into: &result)
        return index
    }

    private static let scopePrefix = Array("onvif://www.onvif.org/".utf8)

    /// Each whitespace-separated `onvif://www.onvif.org/…` token of `text` as a `Scopes` field.
    private static func recordScopes(_ text: ArraySlice<UInt8>, offset: Int, into result: inout Result) {
        guard text.count > scopePrefix.count, text.starts(with: scopePrefix) else { return }
        for token in text.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).prefix(64)
        where token.starts(with: scopePrefix) && result.fields.count < maximumFields {
            result.fields.append(Field(name: "Scopes", value: String(decoding: token, as: UTF8.self), offset: offset))
        }
    }

    private static func appendNamespace(_ uri: String, at offset: Int, into result: inout Result) {
        let trimmedURI = String(decoding: trimmed(Array(uri.utf8)[...]), as: UTF8.self)
        guard !trimmedURI.isEmpty, !result.namespaces.contains(trimmedURI), result.namespaces.count < 64 else { return }
        result.namespaces.append(trimmedURI)
        result.namespaceOffsets.append(offset)
    }

    // MARK: Bytes

    private static func matches(_ bytes: [UInt8], at index: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[index..<(index + length)].elementsEqual($0) }
    }

    private static func localName(_ qualified: [UInt8]) -> ArraySlice<UInt8> {
        if let colon = qualified.lastIndex(of: UInt8(ascii: ":")) { return qualified[(colon + 1)...] }
        return qualified[...]
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0D || first == 0x0A {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A {
            slice = slice.dropLast()
        }
        return slice
    }

    private static func unescapeXML(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == UInt8(ascii: "_") }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    /// A dict key worth keeping: starts with a letter, `@` or `#`, and is a short identifier.
    private static func isKeyName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= maximumNameLength,
            isLetter(first) || first == UInt8(ascii: "@") || first == UInt8(ascii: "#")
        else { return false }
        return bytes.dropFirst().allSatisfy { isKeyByte($0) || $0 == UInt8(ascii: ":") }
    }

    private static func isURLByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
            && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: ",")
            && byte != UInt8(ascii: ")") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}")
    }
}
