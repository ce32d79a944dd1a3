import CamprintWire

/// Splits an RTSP-over-TCP byte stream into messages and `$`-framed interleaved data
/// (RFC 2326 §10.12, RFC 7826 §14), one frame per call, in the single-step style of SwiftNIO's
/// `ByteToMessageDecoder`: ``append(_:)`` bytes as they arrive, then call ``next()`` until it
/// returns `nil` (more bytes needed).
///
/// The frames, quirks and errors do not depend on how the stream was chunked; offsets are counted
/// from the start of the stream. Buffering is bounded by ``RTSPLimits``: a head that does not end
/// within ``RTSPLimits/maxHeadBytes``, a body above ``RTSPLimits/maxBodyBytes`` or a byte that can
/// start neither a message nor a `$` frame is an error. Errors are final: the decoder then keeps
/// throwing ``RTSPError/Code/decoderFailed``.
public struct RTSPFrameDecoder: Sendable {
    public let limits: RTSPLimits
    private var buffer: [UInt8] = []
    /// Index in `buffer` of the first byte not yet consumed.
    private var start = 0
    /// Stream offset of `buffer[0]`.
    private var bufferBase = 0
    /// Where the blank-line search of the pending message may resume.
    private var hint = 0
    /// Index in `buffer` where the body of the pending message ends, once its head is read, so
    /// that the head is not parsed again for every chunk of body.
    private var pendingBodyEnd: Int?
    private var failure: RTSPError?
    /// Stream offset of the first byte of the frame most recently returned by ``next()``.
    public private(set) var lastFrameOffset: Int?

    public init(limits: RTSPLimits = .default) {
        self.limits = limits
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Stream offset of the next unconsumed byte.
    public var streamOffset: Int { bufferBase + start }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            bufferBase += start
            hint = Swift.max(0, hint - start)
            pendingBodyEnd = pendingBodyEnd.map { $0 - start }
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    public mutating func next() throws(RTSPError) -> RTSPFrame? {
        if let failure {
            throw RTSPError(.decoderFailed, offset: failure.offset, excerpt: failure.excerpt)
        }
        do throws(RTSPError) {
            return try step(endOfInput: false)
        } catch {
            failure = error
            throw error
        }
    }

    /// Appends `bytes` and returns every frame that is now complete.
    public mutating func decode(_ bytes: some Sequence<UInt8>) throws(RTSPError) -> [RTSPFrame] {
        append(bytes)
        var frames: [RTSPFrame] = []
        while let frame = try next() { frames.append(frame) }
        return frames
    }

    /// Signals the end of the stream: returns the frames still buffered and throws when a partial
    /// frame is left (trailing blank lines are fine).
    public mutating func finish() throws(RTSPError) -> [RTSPFrame] {
        if let failure {
            throw RTSPError(.decoderFailed, offset: failure.offset, excerpt: failure.excerpt)
        }
        var frames: [RTSPFrame] = []
        do throws(RTSPError) {
            while let frame = try step(endOfInput: true) { frames.append(frame) }
        } catch {
            failure = error
            throw error
        }
        return frames
    }

    private mutating func step(endOfInput: Bool) throws(RTSPError) -> RTSPFrame? {
        let frameStart = RTSPMessageParser.skipBlankLines(buffer, from: start)
        if frameStart != start {
            start = frameStart
            hint = 0
            pendingBodyEnd = nil
        }
        if let pendingBodyEnd, buffer.count < pendingBodyEnd, !endOfInput { return nil }
        guard frameStart < buffer.count else { return nil }
        if buffer[frameStart] == UInt8(ascii: "$") {
            return try interleaved(at: frameStart, endOfInput: endOfInput)
        }
        let options = RTSPMessageParser.Options(endOfInput: endOfInput)
        let outcome = try RTSPMessageParser.parse(
            buffer,
            from: frameStart,
            base: bufferBase,
            limits: limits,
            options: options,
            hint: &hint
        )
        let message: RTSPMessage
        let end: Int
        switch outcome {
        case .needMore: return nil
        case .needBody(let bodyEnd):
            pendingBodyEnd = bodyEnd
            return nil
        case .message(let parsed, let parsedEnd):
            (message, end) = (parsed, parsedEnd)
        }
        lastFrameOffset = bufferBase + frameStart
        start = end
        hint = 0
        pendingBodyEnd = nil
        switch message {
        case .request(let request): return .request(request)
        case .response(let response): return .response(response)
        }
    }

    /// `$`, channel, 16-bit big-endian length, payload.
    private mutating func interleaved(at frameStart: Int, endOfInput: Bool) throws(RTSPError) -> RTSPFrame? {
        guard frameStart + 4 <= buffer.count else {
            if endOfInput { throw RTSPError(.invalidInterleavedFrame, at: frameStart, in: buffer, base: bufferBase) }
            return nil
        }
        let channel = buffer[frameStart + 1]
        let length = Int(buffer[frameStart + 2]) << 8 | Int(buffer[frameStart + 3])
        guard length <= limits.maxInterleavedPayloadBytes else {
            throw RTSPError(
                .invalidInterleavedFrame,
                at: frameStart,
                in: buffer,
                base: bufferBase,
                upTo: frameStart + 4
            )
        }
        let end = frameStart + 4 + length
        guard end <= buffer.count else {
            if endOfInput { throw RTSPError(.invalidInterleavedFrame, at: frameStart, in: buffer, base: bufferBase) }
            return nil
        }
        lastFrameOffset = bufferBase + frameStart
        start = end
        hint = 0
        pendingBodyEnd = nil
        return .interleaved(channel: channel, payload: HexBytes(buffer[(frameStart + 4)..<end]))
    }
}
