/// Decides when the bytes received so far hold one complete HTTP/1.x response (RFC 9112 §6.3
/// message body length: `Transfer-Encoding: chunked`, `Content-Length`, or until close), within
/// ``HTTPClientLimits``.
enum HTTPResponseFramer {
    enum State: Sendable {
        case incomplete
        case complete(HTTPFetchedResponse)
    }

    /// `closed`: the peer has closed, so a body without length ends here.
    static func frame(
        _ bytes: [UInt8],
        closed: Bool,
        limits: HTTPClientLimits
    ) throws(HTTPClientFailure) -> State {
        guard let headEnd = headEnd(bytes, limit: limits.maximumHeadBytes) else {
            if bytes.count > limits.maximumHeadBytes { throw .headTooLarge(limit: limits.maximumHeadBytes) }
            if closed { throw .closedEarly(receivedBytes: bytes.count) }
            return .incomplete
        }
        let (statusCode, reason, headers) = try parseHead(Array(bytes[..<headEnd.lineEnd]), limits: limits)
        let bodyStart = headEnd.bodyStart
        let available = bytes.count - bodyStart
        func response(body: [UInt8], end: Int) -> State {
            .complete(
                HTTPFetchedResponse(
                    statusCode: statusCode,
                    reason: reason,
                    headers: headers,
                    body: body,
                    raw: Array(bytes[..<end])
                )
            )
        }
        // RFC 9112 §6.3: 1xx, 204 and 304 have no body.
        if statusCode == 204 || statusCode == 304 || (100..<200).contains(statusCode) {
            return response(body: [], end: bodyStart)
        }
        let encoding = headers.first { $0.name.lowercased() == "transfer-encoding" }?.value.lowercased()
        if let encoding, encoding.contains("chunked") {
            guard let (body, end) = try dechunk(bytes, from: bodyStart, closed: closed, limits: limits) else {
                return .incomplete
            }
            return response(body: body, end: end)
        }
        if let lengthText = headers.first(where: { $0.name.lowercased() == "content-length" })?.value {
            guard let length = Int(lengthText.trimmingSpaces), length >= 0 else {
                throw .malformed("Content-Length \(lengthText.prefix(32))")
            }
            if length > limits.maximumBodyBytes { throw .bodyTooLarge(limit: limits.maximumBodyBytes) }
            if available >= length {
                return response(body: Array(bytes[bodyStart..<bodyStart + length]), end: bodyStart + length)
            }
            if closed { throw .closedEarly(receivedBytes: bytes.count) }
            return .incomplete
        }
        if available > limits.maximumBodyBytes { throw .bodyTooLarge(limit: limits.maximumBodyBytes) }
        return closed ? response(body: Array(bytes[bodyStart...]), end: bytes.count) : .incomplete
    }

    /// Where the head ends: the offset of the empty line and of the body. Accepts bare LF.
    private static func headEnd(_ bytes: [UInt8], limit: Int) -> (lineEnd: Int, bodyStart: Int)? {
        var index = 0
        let end = min(bytes.count, limit + 4)
        while index < end {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(
        _ head: [UInt8],
        limits: HTTPClientLimits
    ) throws(HTTPClientFailure) -> (Int, String, [HTTPHeaderField]) {
        // Split on LF bytes: in a Swift String, CR LF is one Character.
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
        guard !lines.isEmpty else { throw .malformed("empty head") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
            let statusCode = Int(parts[1]), (100...999).contains(statusCode)
        else {
            throw .malformed("status line \(String(statusLine.prefix(64)).debugDescription)")
        }
        let reason = parts.count > 2 ? String(parts[2]) : ""
        var headers: [HTTPHeaderField] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformed("header line \(String(line.prefix(64)).debugDescription)")
            }
            guard headers.count < limits.maximumHeaderCount else { throw .headTooLarge(limit: limits.maximumHeadBytes) }
            headers.append(
                HTTPHeaderField(
                    name: String(line[..<colon]).trimmingSpaces,
                    value: String(line[line.index(after: colon)...]).trimmingSpaces
                )
            )
        }
        return (statusCode, reason, headers)
    }

    /// RFC 9112 §7.1 chunked body: the decoded body and the offset after the last chunk and its
    /// trailer section, or `nil` while incomplete.
    private static func dechunk(
        _ bytes: [UInt8],
        from start: Int,
        closed: Bool,
        limits: HTTPClientLimits
    ) throws(HTTPClientFailure) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = bytes[index...].firstIndex(of: 0x0A) else {
                if bytes.count - index > 64 { throw .malformed("chunk size line too long") }
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return nil
            }
            let lineBytes = bytes[index..<lineEnd]
            let line = String(decoding: lineBytes.last == 0x0D ? lineBytes.dropLast() : lineBytes, as: UTF8.self)
            let sizeText = line.split(separator: ";").first.map { String($0).trimmingSpaces } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0, sizeText.count <= 8 else {
                throw .malformed("chunk size \(String(line.prefix(32)).debugDescription)")
            }
            if body.count + size > limits.maximumBodyBytes { throw .bodyTooLarge(limit: limits.maximumBodyBytes) }
            index = lineEnd + 1
            if size == 0 {
                // Trailer section: lines until an empty one.
                while true {
                    guard let end = bytes[index...].firstIndex(of: 0x0A) else {
                        if closed { return (body, bytes.count) }
                        return nil
                    }
                    let empty = end == index || (end == index + 1 && bytes[index] == 0x0D)
                    index = end + 1
                    if empty { return (body, index) }
                    if index - start > limits.maximumBodyBytes + limits.maximumHeadBytes {
                        throw .bodyTooLarge(limit: limits.maximumBodyBytes)
                    }
                }
            }
            guard bytes.count >= index + size else {
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return nil
            }
            body += bytes[index..<index + size]
            index += size
            // CRLF (or LF) after the chunk data.
            if index < bytes.count, bytes[index] == 0x0D { index += 1 }
            if index < bytes.count, bytes[index] == 0x0A {
                index += 1
            } else if index >= bytes.count {
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return nil
            } else {
                throw .malformed("no line end after chunk data")
            }
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
