import Foundation
import NIOCore
import NIOPosix

/// Cameras behind one listening address.
public struct ListenerSpec: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var cameras: [CameraConfig]

    public init(host: String = "127.0.0.1", port: Int = 0, cameras: [CameraConfig]) {
        self.host = host
        self.port = port
        self.cameras = cameras
    }
}

/// A bound listener: where it listens and the paths it serves.
public struct BoundListener: Sendable {
    public let host: String
    public let port: Int
    public let paths: [String]
    public let personas: [String]

    /// `host:port`.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// The RTSP server: SwiftNIO listeners for one or many emulated cameras.
public final class TestcamServer: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let lock = NSLock()
    private var channels: [any Channel] = []

    /// `threads` event loops (0 = one per core).
    public init(threads: Int = 0) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads > 0 ? threads : System.coreCount)
    }

    /// Binds every listener. Refuses non-loopback addresses unless `allowNonLoopback`.
    public func start(_ specs: [ListenerSpec], allowNonLoopback: Bool = false) async throws -> [BoundListener] {
        var bound: [BoundListener] = []
        for spec in specs {
            guard allowNonLoopback || Self.isLoopback(spec.host) else {
                throw PersonaError("refusing to listen on \(spec.host): not loopback (use --allow-non-loopback)")
            }
            guard !spec.cameras.isEmpty else { continue }
            let listener = Listener(cameras: spec.cameras.map(Camera.init))
            let bootstrap = ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RTSPConnectionHandler(listener: listener))
                    }
                }
            let channel = try await bootstrap.bind(host: spec.host, port: spec.port).get()
            lock.withLock { channels.append(channel) }
            bound.append(
                BoundListener(
                    host: spec.host,
                    port: channel.localAddress?.port ?? spec.port,
                    paths: spec.cameras.map(\.path),
                    personas: spec.cameras.map(\.persona.name)
                )
            )
        }
        return bound
    }

    public func shutdown() async {
        let open = lock.withLock { channels }
        for channel in open { try? await channel.close() }
        try? await group.shutdownGracefully()
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
