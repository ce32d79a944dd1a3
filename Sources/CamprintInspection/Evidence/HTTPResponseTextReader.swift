import CamprintReport

/// Finds HTTP responses in conversation text (lenient: LF or CRLF, partial messages).
enum HTTPResponseTextReader {
    static let maximumBodyBytes = 16 << 10
    static let maximumResponses = 64
    static let maximumHeaders = 100

    nonisolated(unsafe) static let statusLine = /^HTTP\/1\.[01] +([0-9]{3})(?: .*)?$/
    nonisolated(unsafe) static let notifyLine = /^NOTIFY \* HTTP\/1\.[01]$/
    nonisolated(unsafe) static let requestLine =
        /^(?:GET|POST|PUT|HEAD|DELETE|OPTIONS|DESCRIBE|SETUP|PLAY) \S+ [A-Z]+\/[0-9.]+$/

    static func read(_ text: String) -> [HTTPResponseText] {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var responses: [HTTPResponseText] = []
        var index = 0
        while index < lines.count, responses.count < maximumResponses {
            let code: Int
            if let status = lines[index].wholeMatch(of: statusLine), let value = Int(status.1) {
                code = value
            } else if lines[index].wholeMatch(of: notifyLine) != nil {
                // An SSDP announcement (UPnP Device Architecture 1.1 §1.2.2): headers like an
                // M-SEARCH answer's, no status; read as a message of status 0.
                code = 0
            } else {
                index += 1
                continue
            }
            index += 1
            var headers: [HTTPResponseText.Header] = []
            while index < lines.count, !lines[index].isEmpty, headers.count < maximumHeaders {
                let line = lines[index]
                if line.wholeMatch(of: statusLine) != nil || line.wholeMatch(of: notifyLine) != nil { break }
                if let colon = line.firstIndex(of: ":") {
                    let name = String(line[..<colon]).trimmingSpaces
                    var value = String(line[line.index(after: colon)...]).trimmingSpaces
                    if ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains(name.lowercased()) {
                        value = "[redacted]"
                    }
                    headers.append(.init(name: name, value: value))
                }
                index += 1
            }
            var body = ""
            while index < lines.count, body.utf8.count < maximumBodyBytes {
                let line = lines[index]
                if line.wholeMatch(of: statusLine) != nil || line.wholeMatch(of: requestLine) != nil
                    || line.wholeMatch(of: notifyLine) != nil || line.hasPrefix("RTSP/1.0")
                    || line.hasPrefix("M-SEARCH ")
                {
                    break
                }
                body += line + "\n"
                index += 1
            }
            responses.append(
                HTTPResponseText(statusCode: code, headers: headers, body: URLRedaction.redactAll(in: body))
            )
        }
        return responses
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
