import NIOCore
import NIOPosix
import Synchronization

/// The media plane's way to an `rtsps://` camera when its certificate must be verified.
///
/// FFmpeg 5.1's RTSP demuxer opens its TLS connection with no options (no CA file, no
/// verification), so with `--ca-file` camprint makes the TLS connection itself — resolved,
/// connected and verified exactly as the control plane's (``ControlPlaneClient``) — and FFmpeg
/// speaks plain RTSP to a loopback port whose first connection is spliced onto it. Every later
/// connection to that port is closed. Requests then carry the relay's `rtsp://127.0.0.1:PORT`
/// URL; the camera answers on the verified connection, interleaved RTP included.
public final class MediaTLSRelay: Sendable {
    /// The loopback port FFmpeg connects to.
    public let port: Int
    private let listener: any Channel
    private let ends: SplicedEnds

    init(port: Int, listener: any Channel, ends: SplicedEnds) {
        self.port = port
        self.listener = listener
        self.ends = ends
    }

    /// `rtsp://127.0.0.1:PORT` + the camera URL's path, for FFmpeg.
    public func localURL(path: String) -> String { "rtsp://127.0.0.1:\(port)\(path)" }

    /// Closes the listener and both ends.
    public func close() {
        listener.close(promise: nil)
        ends.closeAll()
    }
}

extension ControlPlaneClient {
    /// Connects to `url` (`rtsps://`) as the control plane does — the same resolution, deadlines,
    /// certificate verification and errors — and returns a relay for FFmpeg.
    public func openMediaRelay(to url: RTSPURL) async throws(ControlPlaneFailure) -> MediaTLSRelay {
        let eventLoop = group.next()
        let run = ControlPlaneRun(
            url: url,
            credentials: nil,
            options: options,
            eventLoop: eventLoop,
            clientNonce: clientNonce
        )
        let connection = try await run.connect(url)
        let upstream = connection.channel
        let ends = SplicedEnds(upstream: upstream)
        do {
            // The response reader goes; bytes now flow to whoever FFmpeg is.
            try await upstream.eventLoop.submit {
                let pipeline = upstream.pipeline.syncOperations
                let collector = try pipeline.handler(type: ResponseCollector.self)
                pipeline.removeHandler(collector, promise: nil)
                try pipeline.addHandler(SpliceHandler(ends: ends, side: .upstream))
            }.get()
            let listener = try await ServerBootstrap(group: eventLoop)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        guard ends.attach(downstream: child) else {
                            child.close(promise: nil)
                            return
                        }
                        try child.pipeline.syncOperations.addHandler(SpliceHandler(ends: ends, side: .downstream))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            return MediaTLSRelay(port: listener.localAddress?.port ?? 0, listener: listener, ends: ends)
        } catch {
            ends.closeAll()
            throw .networkUnreachable(address: connection.peer, reason: "media relay: \(error)")
        }
    }
}

/// The two channels of a relay: the verified TLS connection and FFmpeg's loopback connection.
final class SplicedEnds: Sendable {
    enum Side { case upstream, downstream }

    private let channels: Mutex<(upstream: any Channel, downstream: (any Channel)?)>

    init(upstream: any Channel) {
        channels = Mutex((upstream, nil))
    }

    /// Takes the first loopback connection; false for any later one.
    func attach(downstream: any Channel) -> Bool {
        channels.withLock { ends in
            guard ends.downstream == nil else { return false }
            ends.downstream = downstream
            return true
        }
    }

    func partner(of side: Side) -> (any Channel)? {
        channels.withLock { side == .upstream ? $0.downstream : $0.upstream }
    }

    func closeAll() {
        let (upstream, downstream) = channels.withLock { ($0.upstream, $0.downstream) }
        upstream.close(promise: nil)
        downstream?.close(promise: nil)
    }
}

/// Forwards every byte read on its channel to the partner channel; when either end closes,
/// both close.
final class SpliceHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let ends: SplicedEnds
    private let side: SplicedEnds.Side

    init(ends: SplicedEnds, side: SplicedEnds.Side) {
        self.ends = ends
        self.side = side
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        ends.partner(of: side)?.writeAndFlush(buffer, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ends.closeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ends.closeAll()
    }
}
