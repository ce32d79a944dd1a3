import CamprintWire

/// Splits a body into ``SDPLine``s (RFC 8866 §5: CRLF, tolerating LF and CR), within limits.
enum SDPLineSplitter {
    static func lines(of bytes: [UInt8], limits: SDPLimits) throws(SDPParseError) -> [SDPLine] {
        guard bytes.count <= limits.maxInputBytes else {
            throw SDPParseError(.inputTooLarge, offset: limits.maxInputBytes, excerpt: "\(bytes.count) bytes")
        }
        var reader = ByteReader(bytes)
        var lines: [SDPLine] = []
        while !reader.isAtEnd {
            let start = reader.offset
            let content: ArraySlice<UInt8>
            let ending: LineEnding?
            if let found = reader.readLine(limit: limits.maxLineLength) {
                (content, ending) = (found.line, found.ending)
            } else {
                let rest = reader.rest
                let terminator = rest.firstIndex { $0 == 0x0A || $0 == 0x0D }
                if let terminator, terminator != rest.endIndex - 1 || rest[terminator] == 0x0A {
                    // A terminator exists but beyond the limit.
                    throw SDPParseError(.lineTooLong, offset: start, excerpt: Excerpt.make(rest.prefix(64)))
                }
                let line = reader.readRemainingAsLine()
                if line.last == 0x0D {
                    (content, ending) = (line.dropLast(), .cr)
                } else {
                    (content, ending) = (line, nil)
                }
            }
            guard content.count <= limits.maxLineLength else {
                throw SDPParseError(.lineTooLong, offset: start, excerpt: Excerpt.make(content.prefix(64)))
            }
            guard lines.count < limits.maxLines else {
                throw SDPParseError(.tooManyLines, offset: start, excerpt: Excerpt.make(content.prefix(64)))
            }
            lines.append(line(content, offset: start, ending: ending))
        }
        return lines
    }

    private static func line(_ content: ArraySlice<UInt8>, offset: Int, ending: LineEnding?) -> SDPLine {
        var type: String?
        var value = content
        if let equals = content.firstIndex(of: UInt8(ascii: "=")) {
            let name = content[..<equals]
            if (1...16).contains(name.count), name.allSatisfy({ (0x21...0x7E).contains($0) }) {
                type = ASCII.string(name)
                value = content[(equals + 1)...]
            }
        }
        if let text = ASCIIText.validated(value) {
            return SDPLine(offset: offset, type: type, value: text, ending: ending)
        }
        return SDPLine(
            offset: offset,
            type: type,
            value: ASCII.string(value),
            nonUTF8Value: HexBytes(value),
            ending: ending
        )
    }
}
