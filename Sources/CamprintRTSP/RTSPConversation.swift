public import CamprintWire

/// The RTSP messages found in a text: a saved response, a client/server transcript, a log.
///
/// Messages may simply follow one another (LF or CRLF, blank lines between) or sit among other
/// text; a start line may carry a prefix on its line (a timestamp, `C->S: `), which is recorded.
/// Parsing never fails: text that is not RTSP is skipped and noted as a quirk; a start line whose
/// message cannot be read is noted too. Each message is read in lenient mode: a missing final
/// blank line, a short body and a start line inside a head become quirks.
public struct RTSPConversation: Hashable, Sendable, Encodable {
    /// One message and where it starts.
    public struct Entry: Hashable, Sendable, Encodable {
        /// Byte offset of the start line (after any prefix) in the text.
        public var offset: Int
        /// Text before the start line on its line; empty when the line starts with it.
        public var prefix: String
        public var message: RTSPMessage
    }

    public var entries: [Entry]
    /// Conversation-level quirks (skipped text, prefixes, unreadable messages); each message keeps
    /// its own quirks.
    public var quirks: [Quirk]

    public var messages: [RTSPMessage] { entries.map(\.message) }

    public var requests: [RTSPRequest] {
        entries.compactMap { if case .request(let request) = $0.message { request } else { nil } }
    }

    public var responses: [RTSPResponse] {
        entries.compactMap { if case .response(let response) = $0.message { response } else { nil } }
    }

    public static func parse(_ text: some Collection<UInt8>, limits: RTSPLimits = .default) -> RTSPConversation {
        let bytes = Array(text)
        var entries: [Entry] = []
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        var position = 0
        var gapStart = 0
        let options = RTSPMessageParser.Options(endOfInput: true, lenient: true)
        while position < bytes.count {
            let lineEnd = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
            let contentEnd = lineEnd > position && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
            if let candidate = startLineCandidate(bytes, line: position..<contentEnd) {
                guard entries.count < limits.maxConversationMessages else {
                    quirks.add(RTSPQuirkCodes.conversationMessageLimit, offset: candidate)
                    break
                }
                var hint = 0
                do throws(RTSPError) {
                    let outcome = try RTSPMessageParser.parse(
                        bytes,
                        from: candidate,
                        base: 0,
                        limits: limits,
                        options: options,
                        hint: &hint
                    )
                    if case .message(let message, let end) = outcome, end > position {
                        noteSkipped(bytes, gapStart..<position, quirks: &quirks)
                        let prefix = bytes[position..<candidate]
                        if !prefix.isEmpty {
                            quirks.add(RTSPQuirkCodes.conversationPrefix, Excerpt.make(prefix), offset: position)
                        }
                        entries.append(Entry(offset: candidate, prefix: ASCII.string(prefix), message: message))
                        position = end
                        gapStart = end
                        continue
                    }
                } catch {
                    quirks.add(RTSPQuirkCodes.conversationUnparsable, error.description, offset: error.offset)
                }
            }
            position = lineEnd + 1
        }
        noteSkipped(bytes, gapStart..<bytes.count, quirks: &quirks)
        return RTSPConversation(entries: entries, quirks: quirks.quirks)
    }

    /// Where a start line begins on this line: at its start, or after a prefix (a status line
    /// anywhere on the line; a request line as the last three space-separated tokens).
    private static func startLineCandidate(_ bytes: [UInt8], line: Range<Int>) -> Int? {
        guard !line.isEmpty else { return nil }
        var scratch = QuirkCollector(limit: 0)
        let content = bytes[line]
        let parts = content.split(separator: 0x20)
        if parts.count >= 4, let last = parts.last, RTSPMessageParser.isVersion(last),
            parts[parts.count - 3].allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || $0 == UInt8(ascii: "_") })
        {
            // `<prefix> METHOD uri RTSP/1.0`: a log prefix before a request line.
            return parts[parts.count - 3].startIndex
        }
        if RTSPMessageParser.parseStartLine(content, base: 0, quirks: &scratch, recording: false) != nil {
            return RTSPMessageParser.isTokenByte(bytes[line.lowerBound]) ? line.lowerBound : nil
        }
        let marker = Array("RTSP/".utf8)
        guard content.count > marker.count else { return nil }
        var index = line.lowerBound + 1
        while index + marker.count <= line.upperBound {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                let rest = bytes[index..<line.upperBound]
                if case .response = RTSPMessageParser.parseStartLine(rest, base: 0, quirks: &scratch, recording: false)
                {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    private static func noteSkipped(_ bytes: [UInt8], _ range: Range<Int>, quirks: inout QuirkCollector) {
        guard !range.isEmpty else { return }
        let text = bytes[range]
        guard let first = text.firstIndex(where: { !ASCII.isSpace($0) && $0 != 0x0D && $0 != 0x0A }) else { return }
        quirks.add(
            RTSPQuirkCodes.conversationSkippedText,
            "\(range.count) bytes: " + Excerpt.make(text[first...]),
            offset: first
        )
    }
}
