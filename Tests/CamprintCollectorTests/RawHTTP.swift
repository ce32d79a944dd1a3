import CamprintTestSupport

/// A bare HTTP/1.1 client on a blocking socket to 127.0.0.1, for uploads a well-behaved client library
/// refuses to finish once the server has answered.
enum RawHTTP {
    /// Declares `bytes` of body, sends until the server answers or closes, returns what it answered.
    static func postHuge(port: Int, token: String, bytes: Int) throws -> String {
        let socket = try LoopbackSocket(port: port, sendTimeout: 10)
        try socket.send(
            "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(token)\r\nContent-Length: \(bytes)\r\n\r\n"
        )
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 65_536)
        var sent = 0
        while sent < bytes {
            // Stop as soon as the server has answered (or closed): it must not wait for all 100 MB.
            if socket.isReadable { break }
            guard (try? socket.send(Array(chunk.prefix(bytes - sent)))) != nil else { break }
            sent += min(chunk.count, bytes - sent)
        }
        var answer: [UInt8] = []
        while answer.count < 65_536, let part = socket.receive(), !part.isEmpty {
            answer += part
            if String(decoding: answer, as: UTF8.self).contains("}") { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// `GET path` with the given `Host` header; the whole answer (the server closes: `Connection: close`).
    static func get(port: Int, path: String, host: String) throws -> String {
        try LoopbackSocket.exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
    }
}
