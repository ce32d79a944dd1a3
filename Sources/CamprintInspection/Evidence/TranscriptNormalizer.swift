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
        let indent = commonIndentation(output)
        if indent > 0 {
            output = output.map { $0.isEmpty ? $0 : String($0.dropFirst(indent)) }
            notes.append("removed \(indent) characters of common indentation")
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
}
