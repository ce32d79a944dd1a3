/// Hikvision model numbers and serial numbers stated in free text: a log line that names the
/// device it talks to (`Received reboot command for doorbell: DS-KV8201`), a client's summary of a
/// deviceInfo it read, a table cell. Text of no document shape reaches no field reader, so these
/// tokens are read on their own (docs/field-keys.md `text.model`, `text.serial-number`).
///
/// A token is `DS-` or `iDS-` (upper case, not preceded by a letter, digit or `-`), then at least
/// four model characters (`A-Z`, `0-9`, `( ) / + -`) of which one in the first four is a digit, or
/// three with a letter and a digit (`DS-HD1`):
/// Hikvision's model grammar (`DS-2CD2143G2-I`, `DS-7608NI-K2/8P`, `DS-KV8201`,
/// `iDS-7204HUHI-M1(A)/S(C)`; docs/signals.md §4.2). A token holding a manufacturing date and a
/// batch after the model (`<model>[channels]yyyymmdd<4+ letters><sequence>`, the structure of
/// every serial in Samples/captures/hikvision-family) is a serial number.
enum TextIdentifiers {
    struct Found: Equatable, Sendable {
        var models: [String] = []
        var serialNumbers: [String] = []
    }

    /// At most this many of each kind, each at most `maximumLength` bytes.
    static let maximumCount = 8
    static let maximumLength = 64

    static func scan(_ bytes: [UInt8]) -> Found {
        var found = Found()
        for range in tokens(in: bytes, marker: Array("DS-".utf8), isTokenByte: isTokenByte, isWord: isWordByte) {
            let token = trimmed(bytes[range])
            let body = Array(token.drop { $0 != UInt8(ascii: "-") }.dropFirst())
            // Three characters with a letter and a digit (`DS-HD1`), or four with a digit early.
            guard body.count >= 3, body.prefix(4).contains(where: isDigit),
                body.count >= 4 || body.contains(where: isUpper)
            else { continue }
            let text = String(decoding: token, as: UTF8.self)
            if isSerialNumber(body) {
                if found.serialNumbers.count < maximumCount, !found.serialNumbers.contains(text) {
                    found.serialNumbers.append(text)
                }
            } else if found.models.count < maximumCount, !found.models.contains(text) {
                found.models.append(text)
            }
        }
        for serial in slugSerials(bytes) where found.serialNumbers.count < maximumCount {
            if !found.serialNumbers.contains(serial) { found.serialNumbers.append(serial) }
        }
        return found
    }

    /// Serials in the lower-case slug form that Home Assistant and similar tools build entity ids
    /// from (`binary_sensor.ids_2cd7a46g0_p_izhsy20230110aawrl12612790_1_motion`): `ds_`/`ids_`, the
    /// model with `_` for its punctuation, then the serial tail; the text after the tail is not
    /// part of it. At most ``maximumCount``.
    static func slugSerials(_ bytes: [UInt8]) -> [String] {
        var serials: [String] = []
        let isWord: (UInt8) -> Bool = { isSlugByte($0) || isLetter($0) }
        for range in tokens(in: bytes, marker: Array("ds_".utf8), isTokenByte: isSlugByte, isWord: isWord) {
            let bodyStart = range.lowerBound + (bytes[range.lowerBound] == UInt8(ascii: "i") ? 4 : 3)
            guard range.upperBound > bodyStart + 4,
                let tail = (bodyStart + 4..<range.upperBound).lazy.compactMap({
                    serialTailEnd(bytes[range], from: $0)
                }).first,
                tail == range.upperBound || bytes[tail] == UInt8(ascii: "_")
            else { continue }
            let serial = String(decoding: bytes[range.lowerBound..<tail], as: UTF8.self)
            if serials.count < maximumCount, !serials.contains(serial) { serials.append(serial) }
        }
        return serials
    }

    /// Each token that starts with `marker`, or with `i` and `marker` (`iDS-`), where no `isWord`
    /// byte stands right before it, and runs while `isTokenByte`: its range. Runs longer than
    /// ``maximumLength`` are skipped; at most 64 tokens, so the cost stays linear in the text.
    private static func tokens(
        in bytes: [UInt8],
        marker: [UInt8],
        isTokenByte: (UInt8) -> Bool,
        isWord: (UInt8) -> Bool
    ) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + marker.count < bytes.count, ranges.count < 64 {
            guard bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) else {
                index += 1
                continue
            }
            var start = index
            if start > 0, bytes[start - 1] == UInt8(ascii: "i") { start -= 1 }
            var end = index + marker.count
            while end < bytes.count, isTokenByte(bytes[end]), end - start <= maximumLength { end += 1 }
            if (start == 0 || !isWord(bytes[start - 1])), end - start <= maximumLength { ranges.append(start..<end) }
            index = end
        }
        return ranges
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    /// The token without what ends the sentence around it: trailing `-`, `/`, `+`, and a `)` that
    /// closes a parenthesis opened before the token (`(DS-2CD2143G2-I)`).
    static func trimmed(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var token = token
        while let last = token.last {
            if last == UInt8(ascii: "-") || last == UInt8(ascii: "/") || last == UInt8(ascii: "+") {
                token = token.dropLast()
            } else if last == UInt8(ascii: ")"),
                token.count(where: { $0 == UInt8(ascii: ")") }) > token.count(where: { $0 == UInt8(ascii: "(") })
            {
                token = token.dropLast()
            } else {
                break
            }
        }
        return token
    }

    /// A serial: Hikvision's serial tail (``serialTailEnd(_:from:)``) starting at least four bytes
    /// into `body` (the bytes after `DS-`) and running to its end.
    static func isSerialNumber(_ body: [UInt8]) -> Bool {
        (4..<max(4, body.count)).contains { serialTailEnd(body[...], from: $0) == body.count }
    }

    /// Where Hikvision's serial tail starting at `start` ends: an optional two-digit channel count,
    /// the manufacturing date `20yymmdd`, four or more batch letters (`AAWR`, `CCRR`), then five or
    /// more letters or digits of sequence (docs/signals.md §4.2). Letters compare case-blind, so a
    /// lower-cased slug of a serial matches too. Nil when no tail starts there.
    static func serialTailEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        for date in [start, start + 2] where date + 8 <= bytes.endIndex {
            if date > start, !bytes[start..<date].allSatisfy(isDigit) { continue }
            guard isDate(bytes[date..<(date + 8)]) else { continue }
            var letters = date + 8
            while letters < bytes.endIndex, isLetter(bytes[letters]) { letters += 1 }
            guard letters - (date + 8) >= 4 else { continue }
            var end = letters
            while end < bytes.endIndex, isDigit(bytes[end]) || isLetter(bytes[end]) { end += 1 }
            if end - letters >= 5 { return end }
        }
        return nil
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.allSatisfy(isDigit) else { return false }
        let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
        let year = digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        return digits[0] == 2 && digits[1] == 0 && year <= 39 && (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpper(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "+")
    }

    /// What may not stand right before a token: it would be part of another word (`ADS-1`,
    /// `x-DS-2`, `a/DS-1`).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || (byte >= 0x61 && byte <= 0x7A) }
}
