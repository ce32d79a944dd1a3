import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Cameras behind one listening address.
public struct ListenerSpec: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var cameras: [CameraConfig]
    /// `false`: no RTSP listener at all (a device that answers only HTTP and/or discovery).
    public var rtsp: Bool

    public init(host: String = "127.0.0.1", port: Int = 0, cameras: [CameraConfig], rtsp: Bool = true) {
        self.host = host
        self.port = port
        self.cameras = cameras
        self.rtsp = rtsp
    }
}

/// A bound listener: where it listens and the paths it serves.
public struct BoundListener: Sendable {
    public let host: String
    public let port: Int
    public let paths: [String]
    public let personas: [String]
    /// Per camera (same order as `paths`): the `host:port` of its HTTP server, if it has one.
    public let httpAddresses: [String?]
    /// Per camera: the discovery channels it answers on `host` (empty: none).
    public let discoveryChannels: [[DiscoveryChannel]]
    /// `false`: no RTSP listener (`port` is 0).
    public let rtsp: Bool

    /// `host:port`.
    public var address: String { Self.address(host: host, port: port) }

    static func address(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The lines `camprint-testcam` prints once bound, one per camera:
    /// `READY <host:port> <persona> <path>`, followed by ` http=<host:port>` when the camera has
    /// an HTTP server, ` discovery=<channel>,…` when it answers discovery on its address, and
    /// ` rtsp=off` when it has no RTSP listener (its port is then 0). Extra fields come after the
    /// fourth, so parsers reading fields 1–3 keep working.
    public var readyLines: [String] {
        paths.indices.map { index in
            var line = "READY \(address) \(personas[index]) \(paths[index])"
            if let http = httpAddresses[index] { line += " http=\(http)" }
            let channels = index < discoveryChannels.count ? discoveryChannels[index] : []
            if !channels.isEmpty { line += " discovery=" + channels.map(\.rawValue).joined(separator: ",") }
            if !rtsp { line += " rtsp=off" }
            return line
        }
    }
}

/// The RTSP server: SwiftNIO listeners for one or many emulated cameras.
public final class TestcamServer: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let lock = NSLock()
    private var channels: [any Channel] = []
    private let log: AuthFailureLog
    private let httpLimits: HTTPLimits

    /// `threads` event loops (0 = one per core). Failed logins are reported to `log`.
    public init(threads: Int = 0, log: AuthFailureLog = .standardError, httpLimits: HTTPLimits = .default) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads > 0 ? threads : System.coreCount)
        self.log = log
        self.httpLimits = httpLimits
    }

    /// Binds every listener (concurrently). Refuses non-loopback addresses unless `allowNonLoopback`.
    public func start(_ specs: [ListenerSpec], allowNonLoopback: Bool = false) async throws -> [BoundListener] {
        for spec in specs where !(allowNonLoopback || Self.isLoopback(spec.host)) {
            throw PersonaError("refusing to listen on \(spec.host): not loopback (use --allow-non-loopback)")
        }
        for camera in specs.flatMap(\.cameras) {
            if let http = camera.http, !(allowNonLoopback || Self.isLoopback(http.host)) {
                throw PersonaError("refusing to listen on \(http.host): not loopback (use --allow-non-loopback)")
            }
            if let discovery = camera.discovery, !(allowNonLoopback || Self.isLoopback(discovery.host)) {
                throw PersonaError("refusing to listen on \(discovery.host): not loopback (use --allow-non-loopback)")
            }
        }
        let group = self.group
        let log = self.log
        let httpLimits = self.httpLimits
        return try await withThrowingTaskGroup(of: (Int, BoundListener, [any Channel]).self) { tasks in
            for (index, spec) in specs.enumerated() where !spec.cameras.isEmpty {
                tasks.addTask {
                    let listener = Listener(cameras: spec.cameras.map(Camera.init), log: log)
                    var channel: (any Channel)?
                    if spec.rtsp {
                        channel = try await ServerBootstrap(group: group)
                            .serverChannelOption(.backlog, value: 1024)
                            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                            .childChannelInitializer { channel in
                                channel.eventLoop.makeCompletedFuture {
                                    try channel.pipeline.syncOperations.addHandler(
                                        RTSPConnectionHandler(listener: listener)
                                    )
                                }
                            }
                            .bind(host: spec.host, port: spec.port).get()
                    }
                    let rtspPort = channel?.localAddress?.port
                    var extraChannels: [any Channel] = []
                    var httpAddresses: [String?] = []
                    var discoveryChannels: [[DiscoveryChannel]] = []
                    do {
                        for camera in listener.cameras {
                            var httpPort: Int?
                            if let http = camera.config.http, let persona = camera.persona.http {
                                let httpChannel = try await Self.bindHTTP(
                                    camera: camera,
                                    persona: persona,
                                    at: http,
                                    group: group,
                                    log: log,
                                    limits: httpLimits
                                )
                                extraChannels.append(httpChannel)
                                httpPort = httpChannel.localAddress?.port ?? http.port
                                httpAddresses.append(BoundListener.address(host: http.host, port: httpPort ?? 0))
                            } else {
                                httpAddresses.append(nil)
                            }
                            if let listen = camera.config.discovery, let persona = camera.persona.discovery {
                                let udp = try await DiscoveryResponder.bind(
                                    camera: camera,
                                    persona: persona,
                                    listen: listen,
                                    httpPort: httpPort,
                                    rtspPort: rtspPort,
                                    group: group
                                )
                                extraChannels += udp
                                discoveryChannels.append(listen.channels.intersection(persona.channels).sorted())
                            } else {
                                discoveryChannels.append([])
                            }
                        }
                    } catch {
                        for open in extraChannels + (channel.map { [$0] } ?? []) { try? await open.close() }
                        throw error
                    }
                    let bound = BoundListener(
                        host: spec.host,
                        port: rtspPort ?? 0,
                        paths: spec.cameras.map(\.path),
                        personas: spec.cameras.map(\.persona.name),
                        httpAddresses: httpAddresses,
                        discoveryChannels: discoveryChannels,
                        rtsp: spec.rtsp
                    )
                    return (index, bound, (channel.map { [$0] } ?? []) + extraChannels)
                }
            }
            var results: [(Int, BoundListener)] = []
            do {
                for try await (index, bound, opened) in tasks {
                    lock.withLock { channels.append(contentsOf: opened) }
                    results.append((index, bound))
                }
            } catch {
                await shutdownChannels()
                throw error
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The HTTP server of one camera: request decoder with the head limit, response encoder, idle
    /// timeout, ``HTTPCameraHandler``.
    private static func bindHTTP(
        camera: Camera,
        persona: HTTPPersona,
        at address: HTTPListen,
        group: MultiThreadedEventLoopGroup,
        log: AuthFailureLog,
        limits: HTTPLimits
    ) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    var decoderLimits = NIOHTTPDecoderLimitConfiguration()
                    decoderLimits.maxHeaderFieldSize = limits.maxHeadBytes
                    decoderLimits.maxHeaderListSize = limits.maxHeadBytes
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(IdleStateHandler(readTimeout: limits.idleTimeout))
                    try operations.addHandler(
                        ByteToMessageHandler(
                            HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: decoderLimits)
                        )
                    )
                    try operations.addHandler(HTTPResponseEncoder())
                    try operations.addHandler(
                        HTTPCameraHandler(camera: camera, http: persona, log: log, limits: limits)
                    )
                }
            }
            .bind(host: address.host, port: address.port).get()
    }

    private func shutdownChannels() async {
        let open = lock.withLock {
            let open = channels
            channels = []
            return open
        }
        for channel in open { try? await channel.close() }
    }

    public func shutdown() async {
        await shutdownChannels()
        try? await group.shutdownGracefully()
    }

    /// True for an address of the loopback networks, parsed before it is judged: IPv4
    /// 127.0.0.0/8 (RFC 1122 §3.2.1.3), IPv6 `::1` and the IPv4-mapped `::ffff:127.x.y.z`
    /// (RFC 4291 §2.5.3, §2.5.5.2), or the name `localhost` (RFC 6761 §6.3). Text that merely
    /// starts with `127.` (`127.0.0.1.example.net`) is a host name, not loopback.
    public static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = try? SocketAddress(ipAddress: host, port: 0) else { return false }
        switch address {
        case .v4(let v4):
            // sin_addr is in network byte order: its first byte is the first octet.
            return withUnsafeBytes(of: v4.address.sin_addr) { $0.first == 127 }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            return bytes.prefix(12) == Array(repeating: 0, count: 10) + [0xFF, 0xFF] && bytes[12] == 127
        case .unixDomainSocket: return false
        }
    }
}
