import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client socket to 127.0.0.1, for tests that talk to a server byte by byte (or
/// hold a connection open without a word). Closed on deinit. Blocking: use it through ``OffPool``
/// from async tests.
public final class LoopbackSocket: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let descriptor: Int32

    /// Connects to `127.0.0.1:port`; `receiveTimeout` bounds every later `recv`, `sendTimeout` (when
    /// given) every `send`.
    public init(port: Int, receiveTimeout seconds: Int = 10, sendTimeout: Int? = nil) throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if let sendTimeout {
                var timeout = timeval(tv_sec: sendTimeout, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            }
            var address = LoopbackAddress.ipv4(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                let code = errno
                close(descriptor)
                throw Failure(description: "connect 127.0.0.1:\(port): errno \(code)")
            }
            self.descriptor = descriptor
        #else
            throw Failure(description: "POSIX sockets only")
        #endif
    }

    deinit { close(descriptor) }

    /// Sends all of `bytes` (as many `send` calls as the kernel needs).
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += count
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// True when the peer has sent something or closed (a read would not block).
    public var isReadable: Bool {
        var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return Glibc.poll(&poll, 1, 0) > 0
    }

    /// One `recv`: what arrived (empty when the peer closed), nil on a receive timeout or error.
    public func receive(maximum: Int = 4096) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: maximum)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count < 0 ? nil : Array(buffer[0..<count])
    }

    /// Reads until the peer closes, at most `limit` bytes. Throws on a receive timeout (EAGAIN)
    /// or reset.
    public func readToEnd(limit: Int = 1 << 20) throws -> [UInt8] {
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 { throw Failure(description: "recv: errno \(errno)") }
            if count == 0 { return response }
            response += buffer[0..<count]
            if response.count > limit { throw Failure(description: "response over \(limit) bytes") }
        }
    }

    /// One request on a new connection to `127.0.0.1:port`, and everything the server sent until it
    /// closed (HTTP with `Connection: close`, RTSP servers that close after answering).
    public static func exchange(port: Int, _ request: String) throws -> String {
        let socket = try LoopbackSocket(port: port)
        try socket.send(request)
        return String(decoding: try socket.readToEnd(), as: UTF8.self)
    }
}

/// A TCP socket on 127.0.0.1 that accepts connections (through the kernel backlog) and never
/// answers; or, after ``close()``, a port where nothing listens.
public final class LoopbackListener: @unchecked Sendable {
    public let descriptor: Int32
    public let port: Int
    private var isOpen = true

    public init(backlog: Int32 = 16) throws {
        let (descriptor, port) = try LoopbackAddress.bindTCP()
        guard listen(descriptor, backlog) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw LoopbackSocket.Failure(description: "listen: errno \(code)")
        }
        self.descriptor = descriptor
        self.port = port
    }

    /// Closes once (a second close could hit a descriptor number reused by another test).
    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = Glibc.close(descriptor)
    }

    deinit { close() }
}

/// An `AF_UNIX` datagram socket bound at a fresh path under /tmp: what systemd listens on at
/// `$NOTIFY_SOCKET` (sd_notify(3)). The path is removed on deinit.
public final class UnixDatagramSocket: Sendable {
    public let path: String
    public let descriptor: Int32

    /// Binds a new socket; `receiveTimeout` (when given) bounds every blocking ``receive()``.
    public init(receiveTimeout: Duration? = nil) throws {
        let path = "/tmp/camprint-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackSocket.Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw LoopbackSocket.Failure(description: "bind \(path): errno \(code)")
        }
        if let receiveTimeout {
            let (seconds, attoseconds) = receiveTimeout.components
            var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// The next datagram as text; nil on timeout, or at once when `wait` is false and none is queued.
    public func receive(wait: Bool = true) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, wait ? 0 : Int32(MSG_DONTWAIT))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}

/// Loopback addresses for the socket helpers here and ``ReservedPort``.
enum LoopbackAddress {
    static func ipv4(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A TCP socket bound to a free port of 127.0.0.1 (not listening), and that port.
    static func bindTCP() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackSocket.Failure(description: "socket: errno \(errno)") }
        var address = ipv4(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(descriptor)
            throw LoopbackSocket.Failure(description: "bind 127.0.0.1: errno \(code)")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
