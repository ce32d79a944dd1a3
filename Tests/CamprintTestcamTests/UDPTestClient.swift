import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking UDP client on 127.0.0.1 (POSIX sockets): sends a datagram, collects the datagrams
/// that come back within a timeout, with their source address.
final class UDPTestClient {
    private let fd: Int32

    init() throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError("socket() failed") }
        var address = Self.address("127.0.0.1", port: 0)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError("bind failed")
        }
    }

    deinit { close(fd) }

    static func address(_ host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }

    /// Whether a UDP socket can be bound on `host` (loopback aliases beyond 127.0.0.1).
    static func canBind(_ host: String) -> Bool {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = address(host, port: 0)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    func send(_ bytes: [UInt8], to host: String, port: Int) {
        var address = Self.address(host, port: port)
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The datagrams received within `timeout` seconds (stops after `limit`), with their source host.
    func receive(timeout: Double, limit: Int = 1) -> [(from: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        let deadline = Date().addingTimeInterval(timeout)
        while out.count < limit {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            var tv = timeval(tv_sec: Int(left), tv_usec: Int((left - Double(Int(left))) * 1_000_000))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 65536)
            var source = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &source) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
                }
            }
            guard count >= 0 else { break }
            out.append((String(cString: inet_ntoa(source.sin_addr)), Array(buffer[0..<count])))
        }
        return out
    }

    /// Sends `bytes` and returns the first answer's text, or nil when none came within `timeout`.
    func exchange(_ bytes: [UInt8], host: String, port: Int, timeout: Double = 2) -> String? {
        send(bytes, to: host, port: port)
        return receive(timeout: timeout).first.map { String(decoding: $0.bytes, as: UTF8.self) }
    }
}

/// `GET path` over a fresh TCP connection to `host:port`; the whole response as text ("" on failure).
func plainHTTPGet(host: String, port: Int, path: String) -> String {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var address = UDPTestClient.address(host, port: port)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "" }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    var tv = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { break }
        out += buffer[0..<count]
    }
    return String(decoding: out, as: UTF8.self)
}

/// Whether a TCP connection to `host:port` is accepted.
func tcpConnects(host: String, port: Int) -> Bool {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = UDPTestClient.address(host, port: port)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}
