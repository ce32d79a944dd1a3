import CamprintTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bare HTTP/1.1 client on a blocking socket to 127.0.0.1, for uploads a well-behaved client library
/// refuses to finish once the server has answered.
enum RawHTTP {
    struct SocketError: Error, CustomStringConvertible {
        var description: String
    }

    /// Declares `bytes` of body, sends until the server answers or closes, returns what it answered.
    static func postHuge(port: Int, token: String, bytes: Int) throws -> String {
        let socket = try LoopbackSocket(port: port)
        let fd = socket.descriptor
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head =
            "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer \(token)\r\nContent-Length: \(bytes)\r\n\r\n"
        guard sendAll(fd, Array(head.utf8)) else { throw SocketError(description: "head not sent") }
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 65_536)
        var sent = 0
        while sent < bytes {
            // Stop as soon as the server has answered (or closed): it must not wait for all 100 MB.
            var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if Glibc.poll(&poll, 1, 0) > 0 { break }
            guard sendAll(fd, Array(chunk.prefix(bytes - sent))) else { break }
            sent += min(chunk.count, bytes - sent)
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 65_536 {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
            if String(decoding: answer, as: UTF8.self).contains("}") { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// `GET path` with the given `Host` header; the whole answer (the server closes: `Connection: close`).
    static func get(port: Int, path: String, host: String) throws -> String {
        let socket = try LoopbackSocket(port: port)
        let fd = socket.descriptor
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        guard sendAll(fd, Array(head.utf8)) else { throw SocketError(description: "request not sent") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 1 << 20 {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            offset += count
        }
        return true
    }
}
