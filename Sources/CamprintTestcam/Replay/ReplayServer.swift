import Foundation
import NIOCore
import NIOPosix

/// Serves one ``RecordedSession`` on a loopback address: `camprint-testcam --replay FILE`.
public final class ReplayServer: @unchecked Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let lock = NSLock()
    private var channel: (any Channel)?

    public init() {}

    /// Binds and returns the port. Refuses non-loopback hosts unless `allowNonLoopback`.
    public func start(
        _ recording: RecordedSession,
        host: String = "127.0.0.1",
        port: Int = 0,
        allowNonLoopback: Bool = false
    ) async throws -> Int {
        guard allowNonLoopback || TestcamServer.isLoopback(host) else {
            throw PersonaError("refusing to listen on \(host): not loopback (use --allow-non-loopback)")
        }
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReplayConnectionHandler(recording: recording))
                }
            }
            .bind(host: host, port: port).get()
        lock.withLock { self.channel = channel }
        return channel.localAddress?.port ?? port
    }

    public func shutdown() async {
        let open = lock.withLock { channel }
        try? await open?.close()
        try? await group.shutdownGracefully()
    }
}

/// `camprint-testcam --replay FILE.pcap[ng] [--listen 127.0.0.1:PORT] [--allow-non-loopback]`.
public enum ReplayCommandLine {
    /// Serves `capture` on `listen` until killed; returns 1 when it cannot start.
    public static func run(capture file: String, listen: String, allowNonLoopback: Bool) async -> Int32 {
        let server = ReplayServer()
        do {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PersonaError("--replay needs a readable capture file")
            }
            let recording = try RecordedSession(capture: Array(data))
            let (host, port) = try TestcamCommandLine.hostPort(listen)
            let bound = try await server.start(recording, host: host, port: port, allowNonLoopback: allowNonLoopback)
            let line = "READY \(BoundListener.address(host: host, port: bound)) replay \(recording.path)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        } catch {
            FileHandle.standardError.write(Data("camprint-testcam: \(error)\n".utf8))
            await server.shutdown()
            return 1
        }
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
}
