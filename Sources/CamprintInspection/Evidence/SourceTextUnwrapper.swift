import Foundation

/// Protocol text kept inside source code, the way test fixtures and code comments hold real device
/// output: RTSP/SDP lines as string literals (`"CSeq: 2\r\n"` in C, C++, Go, Java, JavaScript or
/// Python, one literal per line or several messages in one), or behind comment leaders (`//`, `#`,
/// ` * `, `;`). Returns the text with those lines replaced by what they hold; the bytes inside a
/// literal or after a leader are kept as written (`Date:  …` stays double-spaced).
enum SourceTextUnwrapper {
    struct Result {
        var text: String
        var notes: [String]
    }

    /// The unwrapped text, or nil when the text holds neither shape.
    static func unwrap(_ text: String) -> Result? {
        guard text.utf8.count <= 4 << 20 else { return nil }
        // Split at LF only: a CR ending a line stays with it, so line endings are kept as sent.
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var notes: [String] = []
        if let literals = unwrapLiterals(lines) {
            lines = literals.lines
            notes.append("read \(literals.count) source-code string literal line(s) as the text they hold")
        }
        if let comments = stripCommentLeaders(lines) {
            lines = comments.lines
            notes.append("removed the comment leader `\(comments.leader)` from \(comments.count) lines")
        }
        if let opened = splitRawStringOpeners(lines) {
            lines = opened.lines
            notes.append("read \(opened.count) line(s) after a raw-string opener (` ``` `, `\"\"\"`) as protocol text")
        }
        if let fenced = removeFenceLines(lines) {
            lines = fenced.lines
            notes.append("removed \(fenced.count) Markdown code fence line(s)")
        }
        if let escaped = stripEscapedLineEnds(lines) {
            lines = escaped.lines
            notes.append("removed escaped line ends (`\\n`, `\\n\\`) from \(escaped.count) lines")
        }
        guard !notes.isEmpty else { return nil }
        return Result(text: lines.joined(separator: "\n"), notes: notes)
    }

    // MARK: String literals

    /// One string literal of a line: where it starts and ends (quotes included) and what it holds.
    struct Literal {
        var range: Range<Int>
        var content: [UInt8]
    }

    /// The string literals of a line, in order (at most 16); a quote inside another kind of literal
    /// is part of it.
    static func literals(in bytes: [UInt8]) -> [Literal] {
        var found: [Literal] = []
        var index = 0
        while index < bytes.count, found.count < 16 {
            // Double-quoted literals, and single-quoted ones (Python, JavaScript).
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                index += 1
                continue
            }
            let open = index
            index += 1
            var content: [UInt8] = []
            var closed = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    switch bytes[index + 1] {
                    case UInt8(ascii: "r"): content.append(0x0D)
                    case UInt8(ascii: "n"): content.append(0x0A)
                    case UInt8(ascii: "t"): content.append(0x09)
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "/"):
                        content.append(bytes[index + 1])
                    default: content += [byte, bytes[index + 1]]
                    }
                    index += 2
                    continue
                }
                if byte == quote {
                    closed = true
                    break
                }
                content.append(byte)
                index += 1
            }
            guard closed else {
                // A literal cut where the excerpt ends still holds the messages before the cut.
                if content.filter({ $0 == 0x0A }).count >= 2 {
                    found.append(Literal(range: open..<bytes.count, content: content))
                }
                break
            }
            found.append(Literal(range: open..<(index + 1), content: content))
            index += 1
        }
        return found
    }

    /// A line that is one string literal ending in an escaped line break, between code: `"CSeq: 2\r\n"`,
    /// `"a=appversion:1.0\n");`, `+ "Date: …\r\n" +`, `b"RTSP/1.0 200 OK\r\n"`. The text after the
    /// literal is only closing punctuation (or a comment).
    private static func lineLiteral(in line: String) -> String? {
        let bytes = Array(line.utf8)
        guard bytes.count < 8192 else { return nil }
        let found = literals(in: bytes)
        guard let last = found.last, last.content.last == 0x0A, last.range.lowerBound <= 120 else { return nil }
        let tail = bytes[last.range.upperBound...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "#") }
        let closing: Set<UInt8> = Set(" \t\r+,;)]}.\\".utf8)
        guard tail.allSatisfy({ closing.contains($0) }) else { return nil }
        return String(decoding: last.content, as: UTF8.self)
    }

    /// Protocol text: an RTSP/HTTP start line or header, SDP lines, or an XML document (an ISAPI or
    /// ONVIF answer kept as a fixture: `"<DeviceInfo …>\r\n"` line by line).
    private static func holdsProtocolText(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).prefix(3).contains { TranscriptNormalizer.anchor(in: String($0)) == 0 }
            || looksLikeSDPText(text) || looksLikeXMLText(text)
    }

    /// Two or more lines that start with an element tag, one of them a closing tag.
    private static func looksLikeXMLText(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " || $0 == "\t" } }
        return lines.count(where: { $0.hasPrefix("<") && $0.count > 2 }) >= 2
            && lines.contains { $0.hasPrefix("</") || $0.contains("</") }
    }

    /// Runs of literal lines holding at least two line breaks are replaced by their text. A literal
    /// holding a whole message on its own (a JSON `"sdp": "v=0\r\no=…"` value, a one-line fixture) is
    /// emptied in place, so the document around it stays readable, and its text is appended.
    private static func unwrapLiterals(_ lines: [String]) -> (lines: [String], count: Int)? {
        var output: [String] = []
        var appended: [String] = []
        var count = 0
        var index = 0
        while index < lines.count {
            var run: [String] = []
            var end = index
            while end < lines.count, let content = lineLiteral(in: lines[end]) {
                run.append(content)
                end += 1
            }
            let text = run.joined()
            if text.utf8.filter({ $0 == 0x0A }).count >= 2, holdsProtocolText(text) {
                output += split(text)
                count += run.count
                index = end
                continue
            }
            let bytes = Array(lines[index].utf8)
            let whole = bytes.count < 1 << 20 ? literals(in: bytes) : []
            let messages = whole.filter { literal in
                literal.content.filter { $0 == 0x0A }.count >= 2
                    && holdsProtocolText(String(decoding: literal.content, as: UTF8.self))
            }
            if messages.isEmpty {
                output.append(lines[index])
            } else {
                var emptied = bytes
                for literal in messages.reversed() {
                    emptied.replaceSubrange(literal.range, with: Array("\"\"".utf8))
                    appended = split(String(decoding: literal.content, as: UTF8.self)) + [""] + appended
                }
                output.append(String(decoding: emptied, as: UTF8.self))
                count += messages.count
            }
            index += 1
        }
        guard count > 0 else { return nil }
        return (appended.isEmpty ? output : output + [""] + appended, count)
    }

    private static func split(_ text: String) -> [String] {
        var body = text
        if body.hasSuffix("\n") { body.removeLast() }
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }

    private static func looksLikeSDPText(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).filter(isSDPLine).count >= 2
    }

    private static func isSDPLine(_ line: some StringProtocol) -> Bool {
        let bytes = Array(line.utf8.prefix(2))
        return bytes.count == 2 && bytes[0] >= UInt8(ascii: "a") && bytes[0] <= UInt8(ascii: "z")
            && bytes[1] == UInt8(ascii: "=")
    }

    // MARK: Raw-string openers

    /// Openers of multi-line string literals whose first protocol line follows on the same line:
    /// Go's `` const sdp = `v=0 ``, Python's `"""v=0`.
    static let rawStringOpeners = ["`", "\"\"\"", "\'\'\'"]

    /// Lines that are only a Markdown code fence (` ``` `, ` ```http `, `~~~`) carry no evidence;
    /// between them, a media section or a header block is read like any other text.
    private static func removeFenceLines(_ lines: [String]) -> (lines: [String], count: Int)? {
        let kept = lines.filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") else { return true }
            return !trimmed.dropFirst(3).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        return kept.count < lines.count ? (kept, lines.count - kept.count) : nil
    }

    private static func splitRawStringOpeners(_ lines: [String]) -> (lines: [String], count: Int)? {
        var output = lines
        var count = 0
        for (index, line) in lines.enumerated() where line.utf8.count < 4096 {
            guard
                let opener = rawStringOpeners.compactMap({ line.range(of: $0, options: .backwards) }).max(by: {
                    $0.upperBound < $1.upperBound
                })
            else { continue }
            let rest = line[opener.upperBound...]
            guard !rest.isEmpty, rest.first != " ", isProtocolLine(rest) else { continue }
            output[index] = String(rest)
            count += 1
        }
        return count > 0 ? (output, count) : nil
    }

    // MARK: Escaped line ends

    /// Escapes that end a line of pasted code, longest first: C's continued string (`"v=0\n\`),
    /// a literal `\r\n` or `\n` left by a copy of a debugger view, a Swift `\r`.
    static let escapedLineEnds = ["\\r\\n\\", "\\n\\", "\\r\\n", "\\n", "\\r"]

    /// At least three lines ending in an escaped line break: the escape is removed, and a line that
    /// opens a string literal before its protocol text (`char buffer[2048]="v=0\n\`) keeps the text.
    private static func stripEscapedLineEnds(_ lines: [String]) -> (lines: [String], count: Int)? {
        func ending(_ line: String) -> String? {
            let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
            return escapedLineEnds.first { trimmed.hasSuffix($0) }
        }
        let marked = lines.indices.filter { ending(lines[$0]) != nil }
        guard marked.count >= 3 else { return nil }
        var output = lines
        for index in marked {
            guard let suffix = ending(lines[index]) else { continue }
            var line = lines[index].hasSuffix("\r") ? String(lines[index].dropLast()) : lines[index]
            line.removeLast(suffix.count)
            if let quote = line.lastIndex(of: "\"") {
                let rest = String(line[line.index(after: quote)...])
                if isProtocolLine(rest[...]), !rest.isEmpty { line = rest }
            }
            output[index] = line
        }
        return (output, marked.count)
    }

    // MARK: Comment leaders

    static let leaders = ["///", "//", "#", "*", ";", "--"]

    /// The leader of `line` (after indentation) and what follows it.
    private static func split(_ line: String) -> (leader: String, rest: Substring)? {
        let unindented = line.drop { $0 == " " || $0 == "\t" }
        for leader in leaders where unindented.hasPrefix(leader) {
            return (leader, unindented.dropFirst(leader.count))
        }
        return nil
    }

    private static func isProtocolLine(_ rest: Substring) -> Bool {
        let text = String(rest.drop { $0 == " " || $0 == "\t" })
        return TranscriptNormalizer.anchor(in: text) == 0 || isSDPLine(text)
    }

    /// The leader that at least two protocol lines carry, removed from every line that has it,
    /// then the whitespace those lines share after it.
    private static func stripCommentLeaders(_ lines: [String]) -> (lines: [String], leader: String, count: Int)? {
        var counts: [String: Int] = [:]
        for line in lines.prefix(4000) {
            guard let (leader, rest) = split(line), isProtocolLine(rest) else { continue }
            counts[leader, default: 0] += 1
        }
        guard let (leader, hits) = counts.max(by: { $0.value < $1.value }), hits >= 2 else { return nil }
        var stripped: [Int: Substring] = [:]
        for (index, line) in lines.enumerated() {
            guard let (found, rest) = split(line), found == leader else { continue }
            stripped[index] = rest
        }
        let indentation =
            stripped.values.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        var output = lines
        for (index, rest) in stripped {
            output[index] = String(rest.dropFirst(min(indentation, rest.count)))
        }
        return (output, leader, stripped.count)
    }
}
