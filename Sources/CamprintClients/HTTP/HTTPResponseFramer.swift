/// Decides when the bytes received so far hold one complete HTTP/1.x response (RFC 9112 §6.3
/// message body length: `Transfer-Encoding: chunked`, `Content-Length`, or until close), within
/// ``HTTPClientLimits``.
///
/// Called again after every read with all bytes so far; it resumes where it stopped (head
/// search, parsed head, decoded chunks), so a server sending one byte at a time costs linear
/// work, not quadratic.
struct HTTPResponseFramer {
    enum State: Sendable {
        case incomplete
        case complete(HTTPFetchedResponse)
    }

    private struct Head {
        var statusCode: Int
        var reason: String
        var headers: [HTTPHeaderField]
        var bodyStart: Int
    }

    let limits: HTTPClientLimits
    /// Bytes already searched for the end of the head.
    private var scanned = 0
    private var head: Head?
    /// Where the next chunk-size line starts, and the chunks decoded before it.
    private var chunkCursor: Int?
    private var chunkBody: [UInt8] = []

    init(limits: HTTPClientLimits) {
        self.limits = limits
    }

    /// `closed`: the peer has closed, so a body without length ends here.
    mutating func frame(_ bytes: [UInt8], closed: Bool) throws(HTTPClientFailure) -> State {
        if head == nil {
            let from = max(0, scanned - 3)
            scanned = bytes.count
            guard let end = Self.headEnd(bytes, from: from, limit: limits.maximumHeadBytes) else {
                if bytes.count > limits.maximumHeadBytes { throw .headTooLarge(limit: limits.maximumHeadBytes) }
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return .incomplete
            }
            let (statusCode, reason, headers) = try Self.parseHead(Array(bytes[..<end.lineEnd]), limits: limits)
            head = Head(statusCode: statusCode, reason: reason, headers: headers, bodyStart: end.bodyStart)
        }
        guard let head else { return .incomplete }
        let bodyStart = head.bodyStart
        let available = bytes.count - bodyStart
        func response(body: [UInt8], end: Int) -> State {
            .complete(
                HTTPFetchedResponse(
                    statusCode: head.statusCode,
                    reason: head.reason,
                    headers: head.headers,
                    body: body,
                    raw: Array(bytes[..<end])
                )
            )
        }
        // RFC 9112 §6.3: 1xx, 204 and 304 have no body.
        if head.statusCode == 204 || head.statusCode == 304 || (100..<200).contains(head.statusCode) {
            return response(body: [], end: bodyStart)
        }
        let encoding = head.headers.first { $0.name.lowercased() == "transfer-encoding" }?.value.lowercased()
        if let encoding, encoding.contains("chunked") {
            guard let end = try dechunk(bytes, from: bodyStart, closed: closed) else { return .incomplete }
            return response(body: chunkBody, end: end)
        }
        if let lengthText = head.headers.first(where: { $0.name.lowercased() == "content-length" })?.value {
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
    private static func headEnd(_ bytes: [UInt8], from: Int, limit: Int) -> (lineEnd: Int, bodyStart: Int)? {
        var index = from
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

    /// RFC 9112 §7.1 chunked body into ``chunkBody``: the offset after the last chunk and its
    /// trailer section, or `nil` while incomplete (progress is kept for the next call).
    private mutating func dechunk(_ bytes: [UInt8], from start: Int, closed: Bool) throws(HTTPClientFailure) -> Int? {
        var index = chunkCursor ?? start
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
            if chunkBody.count + size > limits.maximumBodyBytes { throw .bodyTooLarge(limit: limits.maximumBodyBytes) }
            var next = lineEnd + 1
            if size == 0 {
                // Trailer section: lines until an empty one.
                while true {
                    guard let end = bytes[next...].firstIndex(of: 0x0A) else {
                        if closed { return bytes.count }
                        return nil
                    }
                    let empty = end == next || (end == next + 1 && bytes[next] == 0x0D)
                    next = end + 1
                    if empty { return next }
                    if next - start > limits.maximumBodyBytes + limits.maximumHeadBytes {
                        throw .bodyTooLarge(limit: limits.maximumBodyBytes)
                    }
                }
            }
            guard bytes.count >= next + size else {
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return nil
            }
            let data = bytes[next..<next + size]
            next += size
            // CRLF (or LF) after the chunk data.
            if next < bytes.count, bytes[next] == 0x0D { next += 1 }
            if next < bytes.count, bytes[next] == 0x0A {
                next += 1
            } else if next >= bytes.count {
                if closed { throw .closedEarly(receivedBytes: bytes.count) }
                return nil
            } else {
                throw .malformed("no line end after chunk data")
            }
            chunkBody += data
            index = next
            chunkCursor = next
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
