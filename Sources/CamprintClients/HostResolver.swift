import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Name resolution with a deadline: `getaddrinfo` runs on NIO's blocking thread pool, never on an
/// event loop, and the answer is abandoned (not waited for) when the deadline passes, so a hung
/// resolver costs the timeout and nothing else.
enum HostResolver {
    enum Failure: Error {
        case notFound(String)
        case timeout
    }

    /// Addresses for `host`, in `getaddrinfo` order; an IP literal resolves at once.
    static func resolve(
        host: String,
        port: Int,
        eventLoop: any EventLoop,
        timeout: Duration
    ) -> EventLoopFuture<[SocketAddress]> {
        if let literal = try? SocketAddress(ipAddress: host, port: port) {
            return eventLoop.makeSucceededFuture([literal])
        }
        let promise = eventLoop.makePromise(of: [SocketAddress].self)
        let once = OnceFlag()
        let timer = eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            if once.claim() { promise.fail(Failure.timeout) }
        }
        NIOThreadPool.singleton.submit { state in
            guard case .active = state else {
                if once.claim() { promise.fail(Failure.timeout) }
                return
            }
            let result = lookUp(host: host, port: port)
            if once.claim() {
                timer.cancel()
                promise.completeWith(result)
            }
        }
        return promise.futureResult
    }

    private static func lookUp(host: String, port: Int) -> Result<[SocketAddress], any Error> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0 else {
            return .failure(Failure.notFound(String(cString: gai_strerror(code))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var cursor = list
        while let entry = cursor, addresses.count < 16 {
            if let address = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                    addresses.append(SocketAddress(ipv4, host: host))
                case AF_INET6:
                    let ipv6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                    addresses.append(SocketAddress(ipv6, host: host))
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        if addresses.isEmpty { return .failure(Failure.notFound("no IPv4 or IPv6 address")) }
        return .success(addresses)
    }
}

/// True for the first caller of ``claim()`` only, from any thread.
final class OnceFlag: Sendable {
    private let claimed = Mutex(false)

    func claim() -> Bool {
        claimed.withLock { value in
            if value { return false }
            value = true
            return true
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }
}
