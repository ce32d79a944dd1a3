import CamprintRTSP
import CamprintWire
import NIOCore
import NIOSSL

/// The inbound end of an RTSP connection: feeds bytes to ``RTSPFrameDecoder``, keeps each
/// response's exact bytes, and hands responses to one waiter at a time with a deadline.
///
/// Lives on its channel's event loop; other threads reach it through `NIOLoopBound`.
final class RTSPResponseReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// Bytes of a response not yet complete kept at most (the decoder bounds each message too).
    static let maximumPendingBytes = 1 << 20

    private var decoder = RTSPFrameDecoder()
    /// Received bytes from stream offset `pendingBase` on, not yet part of a returned frame.
    private var pending: [UInt8] = []
    private var pendingBase = 0
    private var ready: [ReceivedResponse] = []
    private var failure: RTSPReadFailure?
    private var waiter: (promise: EventLoopPromise<ReceivedResponse>, timer: Scheduled<Void>)?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
        let buffer = unwrapInboundIn(data)
        let bytes = Array(buffer.readableBytesView)
        pending += bytes
        decoder.append(bytes)
        do {
            while let frame = try decoder.next() { accept(frame) }
        } catch {
            fail(.decode(error, prefix: Array(pending.prefix(512))))
            context.close(promise: nil)
            return
        }
        if let offset = Self.impossibleStart(pending) {
            // The decoder waits for a full excerpt before calling a short burst garbage; a server
            // message can only start with a letter (status line, server request) or `$`.
            let error = RTSPError(
                .garbage,
                offset: pendingBase + offset,
                excerpt: Excerpt.make(pending[offset...].prefix(64))
            )
            fail(.decode(error, prefix: Array(pending.prefix(512))))
            context.close(promise: nil)
            return
        }
        if pending.count > Self.maximumPendingBytes {
            fail(
                .decode(RTSPError(.headTooLarge, offset: pendingBase, excerpt: ""), prefix: Array(pending.prefix(512)))
            )
            context.close(promise: nil)
        }
        deliver()
    }

    /// The offset of the first byte after blank lines when it cannot start a server message.
    static func impossibleStart(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.firstIndex(where: { $0 != 0x0D && $0 != 0x0A }) else { return nil }
        let byte = bytes[first]
        let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        return isLetter || byte == UInt8(ascii: "$") ? nil : first
    }

    func channelInactive(context: ChannelHandlerContext) {
        if failure == nil {
            if decoder.bufferedByteCount > 0 {
                do {
                    for frame in try decoder.finish() { accept(frame) }
                } catch {
                    // A partial message at close: reported as closed in the middle of it.
                }
            }
            fail(.closed(partial: Array(pending.prefix(512)), receivedBytes: decoder.bufferedByteCount))
        }
        deliver()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError {
            fail(.tls(String(describing: error)))
        } else if let io = error as? IOError {
            fail(.io(io.description))
        } else {
            fail(.io(String(describing: error)))
        }
        deliver()
        context.close(promise: nil)
    }

    /// The next response, or a failure at `deadline`.
    func nextResponse(deadline: NIODeadline, eventLoop: any EventLoop) -> EventLoopFuture<ReceivedResponse> {
        if !ready.isEmpty { return eventLoop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        precondition(waiter == nil, "one waiter at a time")
        let promise = eventLoop.makePromise(of: ReceivedResponse.self)
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let timer = eventLoop.scheduleTask(deadline: deadline) {
            bound.value.timeOut()
        }
        waiter = (promise, timer)
        return promise.futureResult
    }

    private func timeOut() {
        guard let waiter else { return }
        self.waiter = nil
        waiter.promise.fail(
            RTSPReadFailure.timeout(partial: Array(pending.prefix(512)), receivedBytes: decoder.bufferedByteCount)
        )
    }

    private func accept(_ frame: RTSPFrame) {
        let end = decoder.streamOffset
        let start = decoder.lastFrameOffset ?? pendingBase
        defer {
            pending.removeFirst(max(0, min(pending.count, end - pendingBase)))
            pendingBase = end
        }
        guard case .response(let response) = frame else { return }
        let lower = max(0, start - pendingBase)
        let upper = max(lower, min(pending.count, end - pendingBase))
        ready.append(ReceivedResponse(response: response, raw: Array(pending[lower..<upper]), completedAt: .now()))
    }

    private func fail(_ reason: RTSPReadFailure) {
        if failure == nil { failure = reason }
    }

    private func deliver() {
        guard let current = waiter else { return }
        if !ready.isEmpty {
            waiter = nil
            current.timer.cancel()
            current.promise.succeed(ready.removeFirst())
        } else if let failure {
            waiter = nil
            current.timer.cancel()
            current.promise.fail(failure)
        }
    }
}
