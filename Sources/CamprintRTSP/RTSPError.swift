import CamprintWire

/// Why bytes could not be read as an RTSP message or frame.
public struct RTSPError: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable, Encodable {
        /// No bytes (or only blank lines) where a message was expected.
        case emptyInput = "empty-input"
        /// The input ended inside the start line or headers.
        case truncatedHead = "truncated-head"
        /// The start line is longer than ``RTSPLimits/maxStartLineBytes``.
        case startLineTooLarge = "start-line-too-large"
        /// No blank line within ``RTSPLimits/maxHeadBytes``.
        case headTooLarge = "head-too-large"
        /// More header lines than ``RTSPLimits/maxHeaderCount``.
        case tooManyHeaders = "too-many-headers"
        /// A complete first line that is neither a request line nor a status line.
        case invalidStartLine = "invalid-start-line"
        /// A byte that can start neither a message nor a `$` frame.
        case garbage
        /// `Content-Length` that is not a decimal number (negative, signed, text).
        case invalidContentLength = "invalid-content-length"
        /// `Content-Length` above ``RTSPLimits/maxBodyBytes``.
        case bodyTooLarge = "body-too-large"
        /// The input ended before `Content-Length` bytes of body.
        case truncatedBody = "truncated-body"
        /// The input ended inside a `$` frame, or its payload exceeds the limit.
        case invalidInterleavedFrame = "invalid-interleaved-frame"
        /// A request where a response was asked for, or the reverse.
        case unexpectedMessageKind = "unexpected-message-kind"
        /// A decoder that already failed was asked for more frames.
        case decoderFailed = "decoder-failed"
    }

    public var code: Code
    /// Byte offset of the problem from the start of the input (or of the stream, for the decoder).
    public var offset: Int
    /// The bytes at `offset`, quoted by ``CamprintWire/Excerpt``.
    public var excerpt: String

    public init(_ code: Code, offset: Int, excerpt: String) {
        self.code = code
        self.offset = offset
        self.excerpt = excerpt
    }

    /// An error at `index` in `bytes`, quoting at most up to `limit` so that the excerpt only
    /// covers bytes whose arrival the decision depended on (the same whatever the chunking).
    init(_ code: Code, at index: Int, in bytes: [UInt8], base: Int, upTo limit: Int = .max) {
        let start = Swift.max(0, Swift.min(index, bytes.count))
        let end = Swift.max(start, Swift.min(bytes.count, limit, start + Excerpt.maximumLength + 1))
        self.init(code, offset: base + index, excerpt: Excerpt.make(bytes[start..<end]))
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \"\(excerpt)\"" }
}
