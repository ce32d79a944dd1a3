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

    /// Connects to `127.0.0.1:port`; `receiveTimeout` bounds every later `recv`.
    public init(port: Int, receiveTimeout seconds: Int = 10) throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
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

    public func send(_ bytes: [UInt8]) throws {
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw Failure(description: "send: errno \(errno)")
        }
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
}
