import CamprintWire

/// The staged message reader shared by the single-message parsers, ``RTSPFrameDecoder`` and
/// ``RTSPConversation``: RFC 2326 §4 (message format), §6.1 (request line), §7.1 (status line),
/// §4.3 (body length from `Content-Length`).
///
/// Each stage decides from a bounded prefix of the input only, so the outcome (message or error)
/// does not depend on how a stream was chunked: (1) the first byte must be able to start a
/// message; (2) the first line must end within ``RTSPLimits/maxStartLineBytes`` and be a start
/// line; (3) the head must end with a blank line within ``RTSPLimits/maxHeadBytes``; (4) headers;
/// (5) `Content-Length` bytes of body.
enum RTSPMessageParser {
    struct Options {
        /// No more bytes will come: a missing part is an error, not a wait.
        var endOfInput: Bool
        /// Conversation-text mode: accept a truncated head or body and a start line inside the
        /// head, recording quirks.
        var lenient: Bool = false
    }

    enum Outcome {
        case needMore
        /// The head is complete; the body ends at this index, which has not arrived yet.
        case needBody(end: Int)
        case message(RTSPMessage, end: Int)
    }

    enum StartLine {
        case request(method: String, uri: String, version: String)
        case response(version: String, statusCode: Int, reasonPhrase: String)
    }

    private static let space: UInt8 = 0x20
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// RFC 2326 §15.1 `token` characters: CHAR except CTLs and tspecials.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F...: false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
            UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "?"), UInt8(ascii: "="),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            false
        default: true
        }
    }

    /// The index of the first byte after any CR and LF bytes from `start`.
    static func skipBlankLines(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == cr || bytes[index] == lf { index += 1 }
        return index
    }

    /// Parses one message that must fill `input` (blank lines before it and bytes after it become
    /// quirks).
    static func parseSingle(_ input: [UInt8], limits: RTSPLimits) throws(RTSPError) -> RTSPMessage {
        var extra = QuirkCollector(limit: limits.maxQuirks)
        let start = skipBlankLines(input, from: 0)
        if start > 0, start < input.count {
            extra.add(RTSPQuirkCodes.leadingBlankLines, "\(start) bytes", offset: 0)
        }
        var hint = 0
        let outcome = try parse(
            input,
            from: start,
            base: 0,
            limits: limits,
            options: Options(endOfInput: true),
            hint: &hint
        )
        guard case .message(let message, let end) = outcome else {
            throw RTSPError(.truncatedHead, at: start, in: input, base: 0)
        }
        if end < input.count {
            extra.add(RTSPQuirkCodes.trailingBytes, "\(input.count - end) bytes", offset: end)
        }
        return message.addingQuirks(extra.quirks, limit: limits.maxQuirks)
    }

    /// Reads the message that starts at `start`. `base` is added to every reported offset;
    /// `hint` remembers where the blank-line search may resume (start it at 0 for a new message).
    static func parse(
        _ bytes: [UInt8],
        from start: Int,
        base: Int,
        limits: RTSPLimits,
        options: Options,
        hint: inout Int
    ) throws(RTSPError) -> Outcome {
        var quirks = QuirkCollector(limit: limits.maxQuirks)

        // Stage 1: a byte that can start a request or status line.
        guard start < bytes.count else {
            if options.endOfInput { throw RTSPError(.emptyInput, at: start, in: bytes, base: base) }
            return .needMore
        }
        guard isTokenByte(bytes[start]) else {
            // Wait for a full excerpt so that the error reads the same whatever the chunking.
            let excerptEnd = start + Excerpt.maximumLength + 1
            if bytes.count < excerptEnd, !options.endOfInput { return .needMore }
            throw RTSPError(.garbage, at: start, in: bytes, base: base, upTo: excerptEnd)
        }

        // Stage 2: the start line.
        let startLineWindow = Swift.min(bytes.count, start + limits.maxStartLineBytes + 2)
        guard let firstLF = bytes[start..<startLineWindow].firstIndex(of: lf) else {
            if startLineWindow - start >= limits.maxStartLineBytes + 2 {
                throw RTSPError(.startLineTooLarge, at: start, in: bytes, base: base, upTo: startLineWindow)
            }
            if options.endOfInput { throw RTSPError(.truncatedHead, at: start, in: bytes, base: base) }
            return .needMore
        }
        let startLineEnd = firstLF > start && bytes[firstLF - 1] == cr ? firstLF - 1 : firstLF
        guard startLineEnd - start <= limits.maxStartLineBytes else {
            throw RTSPError(.startLineTooLarge, at: start, in: bytes, base: base, upTo: startLineEnd)
        }
        guard
            let startLine = parseStartLine(bytes[start..<startLineEnd], base: base + start, quirks: &quirks)
        else {
            throw RTSPError(.invalidStartLine, at: start, in: bytes, base: base, upTo: startLineEnd)
        }

        // Stage 3: the blank line that ends the head.
        let headWindow = Swift.min(bytes.count, start + limits.maxHeadBytes)
        var headEnd: Int?
        var search = Swift.max(firstLF, hint)
        while search < headWindow {
            guard bytes[search] == lf else {
                search += 1
                continue
            }
            if search + 1 < headWindow, bytes[search + 1] == lf {
                headEnd = search + 2
                break
            }
            if search + 2 < headWindow, bytes[search + 1] == cr, bytes[search + 2] == lf {
                headEnd = search + 3
                break
            }
            search += 1
        }
        if headEnd == nil {
            if bytes.count >= start + limits.maxHeadBytes {
                throw RTSPError(.headTooLarge, at: start, in: bytes, base: base, upTo: headWindow)
            }
            guard options.endOfInput else {
                hint = Swift.max(firstLF, bytes.count - 2)
                return .needMore
            }
            guard options.lenient else { throw RTSPError(.truncatedHead, at: start, in: bytes, base: base) }
            quirks.add(RTSPQuirkCodes.headTruncated, "no blank line before the end", offset: base + bytes.count)
            headEnd = bytes.count
        }
        var end = headEnd ?? bytes.count

        // Stage 4: header lines.
        var endings: (crlf: Bool, lf: Bool) = (startLineEnd < firstLF, startLineEnd == firstLF)
        var firstLFOnly: Int? = startLineEnd == firstLF ? firstLF : nil
        var fields: [(name: [UInt8], raw: [UInt8], hasColon: Bool, offset: Int)] = []
        var lineCount = 0
        var position = firstLF + 1
        while position < end {
            let lineTerminator = bytes[position..<end].firstIndex(of: lf)
            let lineLimit = lineTerminator ?? end
            let contentEnd = lineLimit > position && bytes[lineLimit - 1] == cr ? lineLimit - 1 : lineLimit
            let content = bytes[position..<contentEnd]
            if content.isEmpty { break }
            if options.lenient, parseStartLine(content, base: 0, quirks: &quirks, recording: false) != nil {
                quirks.add(RTSPQuirkCodes.headMissingBlankLine, Excerpt.make(content), offset: base + position)
                end = position
                break
            }
            lineCount += 1
            guard lineCount <= limits.maxHeaderCount else {
                throw RTSPError(.tooManyHeaders, at: position, in: bytes, base: base, upTo: contentEnd)
            }
            if lineTerminator != nil {
                if contentEnd == lineLimit {
                    endings.lf = true
                    if firstLFOnly == nil { firstLFOnly = lineLimit }
                } else {
                    endings.crlf = true
                }
            }
            let offset = base + position
            if let first = content.first, ASCII.isSpace(first), let previous = fields.last, previous.hasColon {
                // Folded continuation: keep the previous line break and this line as they were.
                quirks.add(RTSPQuirkCodes.headerFolded, ASCII.string(fields[fields.count - 1].name), offset: offset)
                let previousBreak = position >= 2 && bytes[position - 2] == cr ? [cr, lf] : [lf]
                fields[fields.count - 1].raw += previousBreak + Array(content)
            } else if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
                var name = content[content.startIndex..<colon]
                if let last = name.last, ASCII.isSpace(last) {
                    quirks.add(RTSPQuirkCodes.headerSpaceBeforeColon, ASCII.string(name), offset: offset)
                }
                name = ASCII.trimmed(name)
                if name.isEmpty {
                    quirks.add(RTSPQuirkCodes.headerMissingColon, "empty field name", offset: offset)
                }
                fields.append((Array(name), Array(content[(colon + 1)...]), true, position))
            } else {
                quirks.add(RTSPQuirkCodes.headerMissingColon, Excerpt.make(content), offset: offset)
                // Kept untrimmed: the line is not a header, and a whitespace-only line must
                // serialize as itself, not as the blank line that ends the head.
                fields.append((Array(content), [], false, position))
            }
            position = lineLimit + 1
        }
        if endings.lf, let firstLFOnly {
            quirks.add(RTSPQuirkCodes.lineEndingLF, offset: base + firstLFOnly)
            if endings.crlf { quirks.add(RTSPQuirkCodes.lineEndingMixed, offset: base + firstLFOnly) }
        }
        var headers = RTSPHeaders()
        for field in fields {
            let header = RTSPHeader(
                name: ASCII.string(field.name),
                rawValue: ASCII.string(field.raw),
                hasColon: field.hasColon
            )
            recordWhitespaceQuirks(header, quirks: &quirks)
            headers.append(header)
        }

        // Stage 5: the body, `Content-Length` bytes (RFC 2326 §4.3: absent means none).
        var bodyLength = 0
        if let index = headers.firstIndex(where: { $0.hasName("Content-Length") }) {
            let lineStart = fields[index].offset
            let lineEnd = bytes[lineStart..<end].firstIndex(of: lf) ?? end
            let digits = ASCII.trimmed(Array(headers[index].value.utf8)[...])
            guard !digits.isEmpty, digits.allSatisfy(ASCII.isDigit) else {
                throw RTSPError(.invalidContentLength, at: lineStart, in: bytes, base: base, upTo: lineEnd)
            }
            guard let length = ASCII.parseDecimal(digits, maxDigits: 18), length <= limits.maxBodyBytes else {
                throw RTSPError(.bodyTooLarge, at: lineStart, in: bytes, base: base, upTo: lineEnd)
            }
            bodyLength = length
        }
        var bodyEnd = end + bodyLength
        if bodyEnd > bytes.count {
            guard options.endOfInput else { return .needBody(end: bodyEnd) }
            guard options.lenient else { throw RTSPError(.truncatedBody, at: end, in: bytes, base: base) }
            quirks.add(
                RTSPQuirkCodes.bodyTruncated,
                "\(bytes.count - end) of \(bodyLength) bytes",
                offset: base + bytes.count
            )
            bodyEnd = bytes.count
        }
        let body = Array(bytes[end..<bodyEnd])
        if !body.isEmpty, !headers.contains("Content-Type") {
            quirks.add(RTSPQuirkCodes.bodyMissingContentType, "\(body.count) bytes", offset: base + end)
        }

        let message: RTSPMessage
        switch startLine {
        case .request(let method, let uri, let version):
            message = .request(
                RTSPRequest(
                    method: method,
                    uri: uri,
                    version: version,
                    headers: headers,
                    body: body,
                    quirks: quirks.quirks
                )
            )
        case .response(let version, let statusCode, let reasonPhrase):
            message = .response(
                RTSPResponse(
                    version: version,
                    statusCode: statusCode,
                    reasonPhrase: reasonPhrase,
                    headers: headers,
                    body: body,
                    quirks: quirks.quirks
                )
            )
        }
        return .message(message, end: bodyEnd)
    }

    private static func recordWhitespaceQuirks(_ header: RTSPHeader, quirks: inout QuirkCollector) {
        guard header.hasColon else { return }
        let raw = Array(header.rawValue.utf8)
        let leading = raw.prefix(while: ASCII.isSpace)
        if leading.count == raw.count { return }
        if leading.isEmpty {
            quirks.add(RTSPQuirkCodes.headerNoSpaceAfterColon, header.name)
        } else if leading.count > 1 || leading.first == 0x09 {
            quirks.add(RTSPQuirkCodes.headerExtraLeadingSpace, "\(header.name): \(leading.count)")
        }
        if let last = raw.last, ASCII.isSpace(last) {
            quirks.add(RTSPQuirkCodes.headerTrailingSpace, "\(header.name): \(header.trailingWhitespaceCount)")
        }
    }

    /// A request line (`Method SP Request-URI SP RTSP-Version`) or a status line
    /// (`RTSP-Version SP Status-Code SP Reason-Phrase`); `nil` when it is neither.
    static func parseStartLine(
        _ line: ArraySlice<UInt8>,
        base: Int,
        quirks: inout QuirkCollector,
        recording: Bool = true
    ) -> StartLine? {
        var local = QuirkCollector(limit: quirks.limit)
        let parts = line.split(separator: space, omittingEmptySubsequences: true)
        guard let first = parts.first, parts.count >= 2 else { return nil }
        if line.count != parts.reduce(parts.count - 1, { $0 + $1.count }) {
            local.add(RTSPQuirkCodes.startLineExtraSpace, Excerpt.make(line), offset: base)
        }
        let result: StartLine?
        if isVersion(first) {
            let code = parts[1]
            guard code.count == 3, let statusCode = ASCII.parseDecimal(code) else { return nil }
            var reason = line[code.endIndex...]
            while let byte = reason.first, byte == space { reason.removeFirst() }
            if reason.isEmpty { local.add(RTSPQuirkCodes.missingReason, Excerpt.make(line), offset: base) }
            result = .response(version: ASCII.string(first), statusCode: statusCode, reasonPhrase: ASCII.string(reason))
        } else {
            guard parts.count >= 3, first.allSatisfy(isTokenByte), let last = parts.last, isVersion(last) else {
                return nil
            }
            let uri = ASCII.trimmed(line[parts[1].startIndex..<parts[parts.count - 2].endIndex])
            if parts.count > 3 { local.add(RTSPQuirkCodes.spaceInURI, Excerpt.make(uri), offset: base) }
            result = .request(method: ASCII.string(first), uri: ASCII.string(uri), version: ASCII.string(last))
        }
        if recording { quirks.add(contentsOf: local.quirks) }
        return result
    }

    /// `RTSP/` followed by `1*DIGIT "." 1*DIGIT` (RFC 2326 §3.1).
    static func isVersion(_ token: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("RTSP/".utf8)
        guard token.count >= prefix.count + 3, token.count <= 16, token.prefix(prefix.count).elementsEqual(prefix)
        else { return false }
        let numbers = token.dropFirst(prefix.count).split(
            separator: UInt8(ascii: "."),
            omittingEmptySubsequences: false
        )
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(ASCII.isDigit) }
    }

    static func serialize(_ headers: RTSPHeaders, body: [UInt8], into output: inout [UInt8]) {
        for header in headers {
            output += Array(header.name.utf8)
            if header.hasColon {
                output.append(UInt8(ascii: ":"))
                output += Array(header.rawValue.utf8)
            }
            output += [cr, lf]
        }
        output += [cr, lf]
        output += body
    }
}

extension RTSPMessage {
    func addingQuirks(_ extra: [Quirk], limit: Int) -> RTSPMessage {
        guard !extra.isEmpty else { return self }
        switch self {
        case .request(var request):
            request.quirks = Array((extra + request.quirks).prefix(limit))
            return .request(request)
        case .response(var response):
            response.quirks = Array((extra + response.quirks).prefix(limit))
            return .response(response)
        }
    }
}
