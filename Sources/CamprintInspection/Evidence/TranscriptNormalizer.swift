import CamprintWire
import Foundation

/// Undoes what logs and copy-paste do to protocol text, so the RTSP/SDP/HTTP readers see messages:
/// FFmpeg `[rtsp @ 0x…] line='…'` trace lines and `SDP:` dumps, per-line timestamps, `<`/`>`/`C->S:`
/// direction markers, Markdown fences and common indentation. Header spacing inside a line is
/// never touched (`Date:  …` stays double-spaced).
enum TranscriptNormalizer {
    struct Result {
        var text: String
        var notes: [String]
    }

    /// `[rtsp @ 0x55d0c8a3c0] ` (any FFmpeg component).
    nonisolated(unsafe) static let ffmpegPrefix = /^\[[A-Za-z0-9_:. -]+ @ 0x[0-9A-Fa-f]+\] ?/
    nonisolated(unsafe) static let ffmpegLine = /^line='(.*)'$/
    nonisolated(unsafe) static let timestamp =
        /^\[?(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?:? +/
    /// `< `/`> ` (curl -v) only with a space or alone, so `<userCheck>` bodies stay intact.
    nonisolated(unsafe) static let direction = /^(?:(?:<<|>>|<|>)(?: |$)|(?:S->C:|C->S:|RX:|TX:) ?)/

    static func looksLikeFFmpegLog(_ text: String) -> Bool {
        ASCII.contains("[rtsp @ 0x", in: text[...]) || ASCII.contains("[http @ 0x", in: text[...])
            || ASCII.contains("[tcp @ 0x", in: text[...])
    }

    static func normalize(_ text: String) -> Result {
        var notes: [String] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var output: [String] = []
        var ffmpegLines = 0
        var timestamped = 0
        var directed = 0
        for rawLine in lines {
            var line = rawLine
            if let match = line.prefixMatch(of: ffmpegPrefix) {
                line = String(line[match.range.upperBound...])
                ffmpegLines += 1
                if let inner = line.wholeMatch(of: ffmpegLine) {
                    line = String(inner.1)
                } else if line == "SDP:" || line.hasPrefix("Sending:") {
                    continue
                } else if !line.contains(":") || line.hasPrefix("Opening ") {
                    continue  // FFmpeg's own messages, not protocol text
                }
            }
            if line.hasPrefix("```") { continue }
            let unindented = line.drop { $0 == " " || $0 == "\t" }
            if let match = unindented.prefixMatch(of: timestamp) {
                line = String(unindented[match.range.upperBound...])
                timestamped += 1
            }
            if let match = line.prefixMatch(of: direction) {
                line = String(line[match.range.upperBound...])
                directed += 1
            }
            if line.hasPrefix("* ") { continue }  // curl -v info lines
            if line == "--" { line = "" }  // end of an FFmpeg `Sending:` block
            output.append(line)
        }
        if let shared = sharedLogPrefix(output) {
            output = output.map { stripping(shared, from: $0) }
            notes.append("removed the log prefix shared by \(shared.lines) lines")
        }
        let indent = commonIndentation(output)
        if indent > 0 {
            output = output.map { $0.isEmpty ? $0 : String($0.dropFirst(indent)) }
            notes.append("removed \(indent) characters of common indentation")
        }
        var dissected = 0
        output = output.map { line in
            var text = line
            // Wireshark's "Copy as text" ends each protocol line with a literal `\r\n`.
            if text.hasSuffix("\\r\\n") {
                text = String(text.dropLast(4))
                dissected += 1
            }
            if let sdp = wiresharkSDPLine(text) {
                dissected += 1
                return sdp
            }
            return text
        }
        if dissected > 0 { notes.append("read \(dissected) lines of a packet dissector's text view") }
        let learned = stripLearnedPrefixes(output)
        output = learned.lines
        if learned.stripped > 0 {
            notes.append(
                "removed a log prefix from \(learned.stripped) lines (learned from the protocol lines it precedes)"
            )
        }
        output = output.map(unindentedProtocolLine)
        if let headless = headerBlockWithoutStatus(output) {
            output.insert(headlessStatusLine, at: headless)
            notes.append("headers without a status line: read as a response whose status the capture does not show")
        }
        if ffmpegLines > 0 { notes.append("FFmpeg log: \(ffmpegLines) prefixed lines read as protocol text") }
        if timestamped > 0 { notes.append("removed timestamps from \(timestamped) lines") }
        if directed > 0 { notes.append("removed direction markers from \(directed) lines") }
        return Result(text: output.joined(separator: "\r\n"), notes: notes)
    }

    private static func commonIndentation(_ lines: [String]) -> Int {
        var smallest = Int.max
        for line in lines where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            let count = line.prefix { $0 == " " || $0 == "\t" }.count
            smallest = min(smallest, count)
            if smallest == 0 { return 0 }
        }
        return smallest == Int.max ? 0 : smallest
    }

    /// True when normalization would change something that matters: FFmpeg prefixes, timestamps,
    /// direction markers or indentation at the start of protocol lines.
    static func isNeeded(_ text: String) -> Bool {
        if looksLikeFFmpegLog(text) { return true }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.prefix(400).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.contains(where: { line in anchor(in: line).map { $0 > 0 } ?? false }) { return true }
        if headerBlockWithoutStatus(lines) != nil { return true }
        if sharedLogPrefix(lines) != nil { return true }
        if lines.contains(where: { $0.hasSuffix("\\r\\n") || wiresharkSDPLine($0) != nil }) { return true }
        for line in text.split(whereSeparator: \.isNewline).prefix(400) {
            if ASCII.contains("RTSP/1.0", in: line) || ASCII.contains("HTTP/1.", in: line) {
                let string = String(line)
                let unindented = string.drop { $0 == " " || $0 == "\t" }
                if string.first == " " || string.first == "\t" || unindented.prefixMatch(of: timestamp) != nil
                    || string.prefixMatch(of: direction) != nil
                {
                    return true
                }
            }
        }
        return false
    }

    // MARK: A logger's prefix shared by the lines

    /// A logger's line head (`2018-01-21 10:35:13 DEBUG (Thread-11) [pyhik.hikvision] `,
    /// `[2023-09-20 14:42:28.162][DBG] `, `> `), learned from the lines themselves: the longest
    /// prefix that consecutive lines share (digits folded, cut back to a space, `:`, `]`, `|` or
    /// `>`), when it looks like a logger's and not like protocol or document text, and at least 3
    /// lines and 30 % of the non-empty ones carry it. Documents (a dict dump, XML) and SDP have no
    /// anchor a protocol-line search could learn a prefix from; this needs none.
    static func sharedLogPrefix(_ lines: [String]) -> (shape: [UInt8], lines: Int)? {
        let folded = lines.prefix(4000).compactMap { line -> [UInt8]? in
            guard line.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
            return line.utf8.prefix(160).map { $0 >= 0x30 && $0 <= 0x39 ? UInt8(ascii: "0") : $0 }
        }
        guard folded.count >= 3 else { return nil }
        var counts: [[UInt8]: Int] = [:]
        for (first, second) in zip(folded, folded.dropFirst()) {
            var length = 0
            while length < first.count, length < second.count, first[length] == second[length] { length += 1 }
            while length > 0, !isPrefixEnd(first[length - 1]) { length -= 1 }
            // Indentation after the prefix belongs to the message (an XML document logged line by
            // line): the prefix keeps one blank of the run, so every line agrees on it.
            var blanks = length
            while blanks > 0, first[blanks - 1] == 0x20 || first[blanks - 1] == 0x09 { blanks -= 1 }
            if length - blanks >= 2 { length = blanks + 1 }
            let candidate = Array(first.prefix(length))
            guard candidate.count >= 2, looksLikeLogPrefix(candidate) else { continue }
            counts[candidate, default: 0] += 1
        }
        guard let best = counts.max(by: { ($0.value, $0.key.count) < ($1.value, $1.key.count) })?.key else {
            return nil
        }
        let carrying = folded.filter { $0.starts(with: best) }.count
        guard carrying >= 3, carrying * 10 >= folded.count * 3 else { return nil }
        return (best, carrying)
    }

    private static func isPrefixEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")
    }

    /// A logger's head has a bracket, a bar, a digit (folded timestamp, thread id), a level word or
    /// is a quote marker; it starts no protocol line, SDP line, element or quoted key.
    private static func looksLikeLogPrefix(_ candidate: [UInt8]) -> Bool {
        guard let first = candidate.first, !"<{\"'".utf8.contains(first) else { return false }
        let text = String(decoding: candidate, as: UTF8.self)
        if anchor(in: text) != nil || isSDPLine(candidate[...]) { return false }
        let trimmed = trimmingTrailingBlanks(text)
        if trimmed == ">" || trimmed == ">>" { return true }
        if candidate.contains(where: { "[]|0".utf8.contains($0) }) { return true }
        let upper = text.uppercased()
        return ["DEBUG", "INFO", "WARN", "ERROR", "TRACE", "VERBOSE"].contains { upper.contains($0) } && trimmed != text
    }

    private static func stripping(_ shared: (shape: [UInt8], lines: Int), from line: String) -> String {
        let bytes = Array(line.utf8)
        // A logged empty line is the prefix without its trailing blank (`mediamtx-rtsp |`): it ends
        // the message like any empty line, instead of folding into the header above it.
        var bare = shared.shape[...]
        while let last = bare.last, last == 0x20 || last == 0x09 { bare = bare.dropLast() }
        if bytes.count < shared.shape.count, bytes.count >= bare.count, !bare.isEmpty,
            zip(bytes, bare).allSatisfy({ ($0 >= 0x30 && $0 <= 0x39 ? UInt8(ascii: "0") : $0) == $1 }),
            bytes[bare.count...].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
        {
            return ""
        }
        guard bytes.count >= shared.shape.count else { return line }
        for (byte, expected) in zip(bytes, shared.shape) {
            let folded = byte >= 0x30 && byte <= 0x39 ? UInt8(ascii: "0") : byte
            if folded != expected { return line }
        }
        return String(decoding: bytes[shared.shape.count...], as: UTF8.self)
    }

    // MARK: Prefixes learned from the protocol text

    /// Request methods of RTSP (RFC 2326 §10) and HTTP that start a request line.
    static let methods: Set<String> = [
        "OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER", "ANNOUNCE",
        "RECORD", "REDIRECT", "GET", "POST", "PUT", "HEAD",
    ]
    /// Header names of RTSP (RFC 2326 §12) and HTTP responses that identify a header line even
    /// behind a log prefix.
    static let anchorHeaders = [
        "www-authenticate:", "cseq:", "date:", "server:", "public:", "content-type:", "content-base:",
        "content-length:", "session:", "transport:", "rtp-info:", "cache-control:", "x-accept-dynamic-rate:",
        "x-accept-retransmit:", "last-modified:", "expires:", "location:", "accept-ranges:", "range:",
    ]

    /// Where the protocol text of a line starts: a status line (`RTSP/1.0 200`, `HTTP/1.1 401`), a
    /// request line (`DESCRIBE rtsp://… RTSP/1.0`) or a known header name (`WWW-Authenticate:`)
    /// after a prefix that ends in a space, `:` or `]`. Nil when the line holds none.
    static func anchor(in line: String) -> Int? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 6, bytes.count < 4096 else { return nil }
        var index = 0
        while index < bytes.count {
            let atBoundary =
                index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09
                || bytes[index - 1] == UInt8(ascii: ":")
                || bytes[index - 1] == UInt8(ascii: "]") || bytes[index - 1] == UInt8(ascii: ">")
                || bytes[index - 1] == UInt8(ascii: "|")
            // An SDP line never follows a colon directly: `xmlns:s="…"` and `xmlns:e="…"` of a SOAP
            // envelope are not `s=`/`e=` lines.
            let sdp = index == 0 || bytes[index - 1] != UInt8(ascii: ":")
            if atBoundary, isProtocolStart(bytes, at: index, sdp: sdp) { return index }
            index += 1
        }
        return nil
    }

    private static func isProtocolStart(_ bytes: [UInt8], at index: Int, sdp: Bool) -> Bool {
        let rest = bytes[index...]
        for version in ["RTSP/1.0 ", "HTTP/1.1 ", "HTTP/1.0 "] where rest.starts(with: Array(version.utf8)) {
            let code = rest.dropFirst(version.utf8.count).prefix(3)
            return code.count == 3 && code.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        // METHOD SP URI SP RTSP/1.0 (or HTTP/1.x).
        var end = index
        while end < bytes.count, (bytes[end] >= 0x41 && bytes[end] <= 0x5A) || bytes[end] == UInt8(ascii: "_") {
            end += 1
        }
        if end > index, end < bytes.count, bytes[end] == 0x20,
            methods.contains(String(decoding: bytes[index..<end], as: UTF8.self))
        {
            let tail = String(decoding: bytes[end...].suffix(10), as: UTF8.self)
            if tail.hasSuffix(" RTSP/1.0") || tail.hasSuffix(" HTTP/1.1") || tail.hasSuffix(" HTTP/1.0") {
                return true
            }
        }
        // A known header name.
        let head = String(decoding: rest.prefix(24), as: UTF8.self).lowercased()
        return anchorHeaders.contains { head.hasPrefix($0) } || (sdp && isSDPLine(rest))
    }

    /// An SDP line (RFC 8866 §5) of the kinds every session description has: `v=0`, `o=`, `s=`,
    /// `c=IN `, `t=<digit>`, `m=<media> `, `b=<modifier>:`, `a=<attribute>` (a token ending in `:`
    /// or the line). Lets a log prefix be learned from an SDP logged line by line.
    static func isSDPLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= 3, line[line.startIndex + 1] == UInt8(ascii: "=") else { return false }
        let value = line.dropFirst(2)
        switch line.first {
        case UInt8(ascii: "v"): return value.elementsEqual("0".utf8)
        case UInt8(ascii: "o"), UInt8(ascii: "s"): return value.first != 0x20
        case UInt8(ascii: "c"): return value.starts(with: "IN ".utf8)
        case UInt8(ascii: "t"): return value.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        case UInt8(ascii: "m"):
            return ["video ", "audio ", "application ", "text ", "data "].contains { value.starts(with: $0.utf8) }
        case UInt8(ascii: "b"), UInt8(ascii: "a"):
            let token = value.prefix { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
            guard !token.isEmpty else { return false }
            let after = value.dropFirst(token.count).first
            return after == nil || after == UInt8(ascii: ":")
        default: return false
        }
    }

    /// Prefixes seen before protocol lines, as shapes (digits folded to `0`, trailing blanks
    /// dropped), stripped from every line that starts with one of them: the header and blank lines
    /// of a logged message carry the same prefix as its start line, whatever the logger.
    static func stripLearnedPrefixes(_ lines: [String]) -> (lines: [String], stripped: Int) {
        var counts: [String: Int] = [:]
        for line in lines.prefix(4000) {
            guard let offset = anchor(in: line), offset > 0 else { continue }
            let prefix = String(line.utf8.prefix(offset)).map { $0 } ?? ""
            let shape = self.shape(trimmingTrailingBlanks(prefix))
            guard !shape.isEmpty, shape.count <= 120 else { continue }
            counts[shape, default: 0] += 1
        }
        let shapes = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key.count > $1.key.count) }
            .prefix(4).map(\.key).sorted { $0.count > $1.count }
        guard !shapes.isEmpty else { return (lines, 0) }
        var stripped = 0
        let output = lines.map { line -> String in
            let bytes = Array(line.utf8)
            for shape in shapes {
                let shapeBytes = Array(shape.utf8)
                guard bytes.count >= shapeBytes.count else { continue }
                var same = true
                for index in 0..<shapeBytes.count {
                    let byte = bytes[index]
                    let folded = byte >= 0x30 && byte <= 0x39 ? UInt8(ascii: "0") : byte
                    if folded != shapeBytes[index] {
                        same = false
                        break
                    }
                }
                guard same else { continue }
                var rest = bytes[shapeBytes.count...]
                if rest.first == 0x20 || rest.first == 0x09 { rest = rest.dropFirst() }
                stripped += 1
                return String(decoding: rest, as: UTF8.self)
            }
            return line
        }
        return (output, stripped)
    }

    private static func shape(_ prefix: String) -> String {
        String(
            String.UnicodeScalarView(
                prefix.unicodeScalars.map { $0.properties.numericType != nil && $0.isASCII ? "0" : $0 }
            )
        )
    }

    private static func trimmingTrailingBlanks(_ text: String) -> String {
        var slice = Substring(text)
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// A header line or start line indented on its own (indentation that differs from its
    /// neighbours', so common-indentation removal kept it): unindented. Spacing after the colon
    /// is kept.
    static func unindentedProtocolLine(_ line: String) -> String {
        guard let first = line.first, first == " " || first == "\t" else { return line }
        let unindented = line.drop { $0 == " " || $0 == "\t" }
        return anchor(in: String(unindented)) == 0 ? String(unindented) : line
    }

    static let headlessStatusLine = "RTSP/1.0 000 (status line not in the capture)"

    /// The index of the first line of a block of response headers that no status line precedes
    /// (a client log that printed the headers of a refused response), when the text holds no
    /// RTSP status line at all and names an rtsp:// URL.
    static func headerBlockWithoutStatus(_ lines: [String]) -> Int? {
        guard !lines.contains(where: { $0.hasPrefix("RTSP/1.") || $0.contains(" RTSP/1.0") }),
            lines.contains(where: { ASCII.contains("rtsp://", in: $0[...]) })
        else { return nil }
        var index = 0
        while index < lines.count {
            let lower = lines[index].lowercased()
            if ["www-authenticate:", "public:", "server:", "date:", "cseq:"].contains(where: { lower.hasPrefix($0) }) {
                var end = index
                while end < lines.count, anchor(in: lines[end]) == 0 { end += 1 }
                if end - index >= 2 || lower.hasPrefix("www-authenticate:") { return index }
                index = end
            }
            index += 1
        }
        return nil
    }

    /// Wireshark's SDP dissector view, `Session Name (s): HIK Media Server V5.04.005` or
    /// `Media Attribute (a): rtpmap:96 H264/90000`, as the SDP line `s=…` / `a=…` (RFC 4566 §5).
    static func wiresharkSDPLine(_ line: String) -> String? {
        let bytes = Array(line.utf8)
        guard bytes.count < 4096, let marker = firstIndex(of: Array(" (".utf8), in: bytes), marker > 0,
            marker + 5 <= bytes.count, bytes[marker + 3] == UInt8(ascii: ")"), bytes[marker + 4] == UInt8(ascii: ":")
        else { return nil }
        let letter = bytes[marker + 2]
        guard "vosiuepcbtrzkam".utf8.contains(letter) else { return nil }
        // The label before it is words (`Owner/Creator, Session Id`), not protocol text.
        let label = bytes[..<marker].drop { $0 == 0x20 || $0 == 0x09 }
        guard !label.isEmpty,
            label.allSatisfy({
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x20 || $0 == UInt8(ascii: ",")
                    || $0 == UInt8(ascii: "/")
            })
        else { return nil }
        var value = bytes[(marker + 5)...]
        if value.first == 0x20 { value = value.dropFirst() }
        return String(UnicodeScalar(letter)) + "=" + String(decoding: value, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
        }
        return nil
    }
}
