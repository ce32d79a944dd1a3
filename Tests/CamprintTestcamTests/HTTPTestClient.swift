import CamprintDigest
import CamprintTestSupport
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal blocking HTTP/1.1 client over POSIX sockets, so the tests see the bytes a naive
/// client sees (header order and spelling included).
final class HTTPTestClient {
    struct Response {
        var status: Int
        /// Header lines in order, as sent.
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var bodyText: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        func all(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    private let socket: LoopbackSocket
    private var fd: Int32 { socket.descriptor }
    private var buffer: [UInt8] = []
    /// The next response answers a HEAD: it has no body whatever its Content-Length says.
    private var expectingHEAD = false

    init(port: Int) throws {
        socket = try LoopbackSocket(port: port)
    }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func request(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: String = "",
        contentType: String? = nil
    ) throws -> Response {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let contentType { text += "Content-Type: \(contentType)\r\n" }
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.utf8.count)\r\n" }
        send(Array((text + "\r\n" + body).utf8))
        expectingHEAD = method == "HEAD"
        defer { expectingHEAD = false }
        return try response()
    }

    /// Reads one response (Content-Length bodies), within `timeout` seconds.
    func response(timeout: Double = 5) throws -> Response {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let parsed = try parse() { return parsed }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ClientError("no complete HTTP response within \(timeout) s") }
            var tv = timeval(tv_sec: Int(min(left, 1)), tv_usec: Int((min(left, 1) - Double(Int(min(left, 1)))) * 1e6))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { throw ClientError("connection closed before a complete response") }
            if count > 0 { buffer += chunk[0..<count] }
        }
    }

    /// Whether the server closed the connection within `timeout` seconds.
    func closedByServer(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            var tv = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0, errno != EAGAIN, errno != EWOULDBLOCK { return true }
        }
        return false
    }

    private func parse() throws -> Response? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<$0 + 4]) == separator })
        else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError("bad status line in \(head)")
        }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let declared = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let length = expectingHEAD ? 0 : declared
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return Response(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
    }
}

/// Client-side credentials: Digest by CamprintDigest's client (pinned to the RFC examples in
/// Tests/CamprintDigestTests), WS-Security with swift-crypto.
enum HTTPTestAuth {
    /// RFC 2617 §3.2.2 Digest with `qop=auth`.
    static func digest(challenge: String, user: String, password: String, method: String, uri: String) -> String {
        let params = DigestParameters.parse(challenge)
        return DigestAuthorization(
            algorithm: .md5,
            algorithmWasNamed: false,
            username: user,
            password: password,
            realm: params["realm"] ?? "",
            nonce: params["nonce"] ?? "",
            method: method,
            uri: uri,
            qop: "auth",
            clientNonce: "0a4f113b"
        ).headerValue
    }

    /// RFC 2069 Digest (no `qop`), as the emulator's tests send it over RTSP.
    static func rfc2069(user: String, password: String, realm: String, nonce: String, method: String, uri: String)
        -> String
    {
        DigestAuthorization(
            algorithm: .md5,
            algorithmWasNamed: false,
            username: user,
            password: password,
            realm: realm,
            nonce: nonce,
            method: method,
            uri: uri,
            qop: nil,
            clientNonce: ""
        ).headerValue
    }

    /// ONVIF SOAP 1.2 request; with `created` a WS-Security UsernameToken PasswordDigest
    /// (Base64(SHA-1(nonce + created + password))).
    static func soap(_ operation: String, user: String? = nil, password: String = "", created: Date? = nil) -> String {
        var header = ""
        if let user, let created {
            let formatter = ISO8601DateFormatter()
            let createdText = formatter.string(from: created)
            let nonce = (0..<16).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let digest = Insecure.SHA1.hash(data: nonce + Array(createdText.utf8) + Array(password.utf8))
            header = """
                <s:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsse:UsernameToken><wsse:Username>\(user)</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">\(Data(digest).base64EncodedString())</wsse:Password><wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">\(Data(nonce).base64EncodedString())</wsse:Nonce><wsu:Created>\(createdText)</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>
                """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">\(header)<s:Body xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:\(operation)/></s:Body></s:Envelope>
            """
    }
}
