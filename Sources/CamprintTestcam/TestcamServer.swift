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

    /// Binds every listener (concurrently). Refuses non-loopback addresses unless `allowNonLoopback`.
    public func start(_ specs: [ListenerSpec], allowNonLoopback: Bool = false) async throws -> [BoundListener] {
        for spec in specs where !(allowNonLoopback || Self.isLoopback(spec.host)) {
            throw PersonaError("refusing to listen on \(spec.host): not loopback (use --allow-non-loopback)")
        }
        let group = self.group
        return try await withThrowingTaskGroup(of: (Int, BoundListener, any Channel).self) { tasks in
            for (index, spec) in specs.enumerated() where !spec.cameras.isEmpty {
                tasks.addTask {
                    let listener = Listener(cameras: spec.cameras.map(Camera.init))
                    let channel = try await ServerBootstrap(group: group)
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
                    let bound = BoundListener(
                        host: spec.host,
                        port: channel.localAddress?.port ?? spec.port,
                        paths: spec.cameras.map(\.path),
                        personas: spec.cameras.map(\.persona.name)
                    )
                    return (index, bound, channel)
                }
            }
            var results: [(Int, BoundListener)] = []
            do {
                for try await (index, bound, channel) in tasks {
                    lock.withLock { channels.append(channel) }
                    results.append((index, bound))
                }
            } catch {
                await shutdownChannels()
                throw error
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
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

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
