import NIOCore

/// The inbound end of one HTTP connection: accumulates bytes until ``HTTPResponseFramer`` sees a
/// complete response (or the peer closes, or a limit is crossed) and completes the promise once.
final class HTTPResponseReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<HTTPFetchedResponse>
    private let once: OnceFlag
    private var framer: HTTPResponseFramer
    private var received: [UInt8] = []

    init(promise: EventLoopPromise<HTTPFetchedResponse>, once: OnceFlag, limits: HTTPClientLimits) {
        self.promise = promise
        self.once = once
        self.framer = HTTPResponseFramer(limits: limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytesView
        examine(closed: false, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        examine(closed: true, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if once.claim() { promise.fail(HTTPClientFailure.io(String(describing: error))) }
        context.close(promise: nil)
    }

    private func examine(closed: Bool, context: ChannelHandlerContext) {
        do {
            switch try framer.frame(received, closed: closed) {
            case .incomplete: return
            case .complete(let response):
                if once.claim() { promise.succeed(response) }
            }
        } catch {
            if once.claim() { promise.fail(error) }
        }
        if !closed { context.close(promise: nil) }
    }

    /// Bytes received so far (for the timeout message).
    var receivedCount: Int { received.count }
}
