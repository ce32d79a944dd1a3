import NIOCore
import NIOPosix

/// The TCP part of a sweep: a connection attempt to every port of every address of the scope,
/// closed as soon as it is accepted (nothing is sent). Attempts are paced across the sweep
/// (``Pacer``), at most `perHost` at a time on one address and ``maximumInFlight`` in all, each
/// bounded by `timeout`.
enum TCPSweep {
    static let maximumInFlight = 256

    static func run(
        scope: DiscoveryScope,
        ports: [DiscoveryPort],
        connectionsPerSecond: Int,
        perHost: Int,
        timeout: Duration,
        hostDone: @escaping @Sendable (String, [Int]) -> Void
    ) async -> [String: [Int]] {
        guard !ports.isEmpty else { return [:] }
        let pacer = Pacer(perSecond: max(1, connectionsPerSecond))
        let hostsAtOnce = max(1, maximumInFlight / max(1, perHost))
        var open: [String: [Int]] = [:]
        await withTaskGroup(of: (String, [Int]).self) { group in
            var next = 0
            func startNext() {
                guard next < scope.addresses.count else { return }
                let address = scope.addresses[next]
                next += 1
                group.addTask {
                    let found = await sweepHost(address, ports: ports, perHost: perHost, timeout: timeout, pacer: pacer)
                    return (address, found)
                }
            }
            for _ in 0..<min(hostsAtOnce, scope.addresses.count) { startNext() }
            for await (address, found) in group {
                hostDone(address, found)
                if !found.isEmpty { open[address] = found }
                if !Task.isCancelled { startNext() }
            }
        }
        return open
    }

    static func sweepHost(
        _ address: String,
        ports: [DiscoveryPort],
        perHost: Int,
        timeout: Duration,
        pacer: Pacer
    ) async -> [Int] {
        var open: [Int] = []
        await withTaskGroup(of: Int?.self) { group in
            var next = 0
            func startNext() {
                guard next < ports.count, !Task.isCancelled else { return }
                let port = ports[next].number
                next += 1
                group.addTask {
                    await pacer.next()
                    return await isOpen(address, port: port, timeout: timeout) ? port : nil
                }
            }
            for _ in 0..<min(max(1, perHost), ports.count) { startNext() }
            for await result in group {
                if let result { open.append(result) }
                startNext()
            }
        }
        return open.sorted()
    }

    /// True when `address:port` accepts a TCP connection within `timeout`; the connection is closed at once.
    static func isOpen(_ address: String, port: Int, timeout: Duration) async -> Bool {
        guard !Task.isCancelled, let remote = try? SocketAddress(ipAddress: address, port: port) else { return false }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(max(1, timeout.nanoseconds)))
        guard let channel = try? await bootstrap.connect(to: remote).get() else { return false }
        // SO_LINGER 0: closing sends RST, so a sweep leaves no connection in TIME_WAIT or
        // half-open on either side.
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
        return true
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
