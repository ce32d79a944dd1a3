import NIOCore
import NIOSSL
import NIOTLS

/// Completes `handshake` when the TLS handshake is done, or fails it on error or close, so that
/// `rtsps://` connects report a TLS failure (a plain RTSP server, a bad certificate exchange) as
/// such instead of as a silent read timeout.
final class TLSHandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct Failure: Error {
        var reason: String
    }

    private let handshake: EventLoopPromise<Void>
    private let once: OnceFlag

    init(handshake: EventLoopPromise<Void>, once: OnceFlag) {
        self.handshake = handshake
        self.once = once
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, once.claim() { handshake.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if once.claim() { handshake.fail(Failure(reason: String(describing: error))) }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if once.claim() { handshake.fail(Failure(reason: "the server closed the connection during the handshake")) }
        context.fireChannelInactive()
    }
}
