/// Every quirk code the RTSP module emits, in one place. Codes are stable: observations and
/// signatures match on them.
///
/// Message level (``RTSPRequest``, ``RTSPResponse``, ``RTSPFrameDecoder``):
/// - `rtsp.line-ending.lf`: a line ended by LF alone (RFC 2326 §4.1 asks for CRLF).
/// - `rtsp.line-ending.mixed`: both CRLF and LF-only lines in one message.
/// - `rtsp.message.leading-blank-lines`: blank lines before the start line.
/// - `rtsp.message.trailing-bytes`: bytes after the body in a single-message input.
/// - `rtsp.start-line.missing-reason`: a status line without reason phrase (RFC 2326 §7.1).
/// - `rtsp.start-line.extra-space`: more than one space between start-line elements.
/// - `rtsp.start-line.space-in-uri`: a request URI containing spaces.
/// - `rtsp.header.missing-colon`: a header line without `:`.
/// - `rtsp.header.space-before-colon`: spaces between the field name and `:`.
/// - `rtsp.header.folded`: a continuation line (RFC 2326 §4.2 / RFC 822 folding).
/// - `rtsp.header.extra-leading-space`: more than one space or a tab after the colon.
/// - `rtsp.header.no-space-after-colon`: value right after the colon.
/// - `rtsp.header.trailing-space`: spaces or tabs at the end of a value.
/// - `rtsp.body.missing-content-type`: a body without `Content-Type` (RFC 2326 §12.16).
/// - `rtsp.body.truncated`: (conversation text only) fewer body bytes than `Content-Length`.
/// - `rtsp.head.truncated`: (conversation text only) the text ended inside the headers.
/// - `rtsp.head.missing-blank-line`: (conversation text only) a start line inside the headers.
///
/// Typed headers (`Sources/CamprintRTSP/Headers`):
/// - `rtsp.cseq.trailing-space`, `rtsp.cseq.not-numeric`.
/// - `rtsp.session.space-padded` (Hikvision `Session:        708345999`), `rtsp.session.bad-timeout`.
/// - `rtsp.date.double-space` (Hikvision `Date:  Wed, …`), `rtsp.date.nonstandard-layout`.
/// - `rtsp.transport.ssrc-leading-space`, `rtsp.transport.ssrc-hex-prefix`,
///   `rtsp.transport.ssrc-short`, `rtsp.transport.ssrc-decimal`, `rtsp.transport.ssrc-invalid`,
///   `rtsp.transport.bad-port`, `rtsp.transport.bad-interleaved`, `rtsp.transport.empty-parameter`.
/// - `rtsp.rtp-info.trailing-semicolon`, `rtsp.rtp-info.ssrc-decimal`, `rtsp.rtp-info.missing-url`,
///   `rtsp.rtp-info.bad-number`.
/// - `rtsp.authenticate.stale-quoted`, `rtsp.authenticate.algorithm-quoted`,
///   `rtsp.authenticate.no-space-after-comma`, `rtsp.authenticate.unterminated-quote`,
///   `rtsp.authenticate.bad-parameter`.
/// - `rtsp.public.unusual-separator`, `rtsp.public.empty-item`.
/// - `rtsp.content-base.no-scheme`, `rtsp.content-length.padded`.
///
/// Conversation text (``RTSPConversation``):
/// - `rtsp.conversation.prefix`: text before a start line on the same line (log prefixes).
/// - `rtsp.conversation.skipped-text`: non-RTSP text between messages.
/// - `rtsp.conversation.unparsable`: a start line whose message could not be read.
/// - `rtsp.conversation.message-limit`: more messages than ``RTSPLimits/maxConversationMessages``.
///
/// A missing header (no `Server`, no `Date`) is never a quirk: observations handle absence.
public enum RTSPQuirkCodes {
    public static let lineEndingLF = "rtsp.line-ending.lf"
    public static let lineEndingMixed = "rtsp.line-ending.mixed"
    public static let leadingBlankLines = "rtsp.message.leading-blank-lines"
    public static let trailingBytes = "rtsp.message.trailing-bytes"
    public static let missingReason = "rtsp.start-line.missing-reason"
    public static let startLineExtraSpace = "rtsp.start-line.extra-space"
    public static let spaceInURI = "rtsp.start-line.space-in-uri"
    public static let headerMissingColon = "rtsp.header.missing-colon"
    public static let headerSpaceBeforeColon = "rtsp.header.space-before-colon"
    public static let headerFolded = "rtsp.header.folded"
    public static let headerExtraLeadingSpace = "rtsp.header.extra-leading-space"
    public static let headerNoSpaceAfterColon = "rtsp.header.no-space-after-colon"
    public static let headerTrailingSpace = "rtsp.header.trailing-space"
    public static let bodyMissingContentType = "rtsp.body.missing-content-type"
    public static let bodyTruncated = "rtsp.body.truncated"
    public static let headTruncated = "rtsp.head.truncated"
    public static let headMissingBlankLine = "rtsp.head.missing-blank-line"

    public static let cseqTrailingSpace = "rtsp.cseq.trailing-space"
    public static let cseqNotNumeric = "rtsp.cseq.not-numeric"
    public static let sessionSpacePadded = "rtsp.session.space-padded"
    public static let sessionBadTimeout = "rtsp.session.bad-timeout"
    public static let dateDoubleSpace = "rtsp.date.double-space"
    public static let dateNonstandardLayout = "rtsp.date.nonstandard-layout"
    public static let ssrcLeadingSpace = "rtsp.transport.ssrc-leading-space"
    public static let ssrcHexPrefix = "rtsp.transport.ssrc-hex-prefix"
    public static let ssrcShort = "rtsp.transport.ssrc-short"
    public static let ssrcDecimal = "rtsp.transport.ssrc-decimal"
    public static let ssrcInvalid = "rtsp.transport.ssrc-invalid"
    public static let transportBadPort = "rtsp.transport.bad-port"
    public static let transportBadInterleaved = "rtsp.transport.bad-interleaved"
    public static let transportEmptyParameter = "rtsp.transport.empty-parameter"
    public static let rtpInfoTrailingSemicolon = "rtsp.rtp-info.trailing-semicolon"
    public static let rtpInfoSSRCDecimal = "rtsp.rtp-info.ssrc-decimal"
    public static let rtpInfoMissingURL = "rtsp.rtp-info.missing-url"
    public static let rtpInfoBadNumber = "rtsp.rtp-info.bad-number"
    public static let authenticateStaleQuoted = "rtsp.authenticate.stale-quoted"
    public static let authenticateAlgorithmQuoted = "rtsp.authenticate.algorithm-quoted"
    public static let authenticateNoSpaceAfterComma = "rtsp.authenticate.no-space-after-comma"
    public static let authenticateUnterminatedQuote = "rtsp.authenticate.unterminated-quote"
    public static let authenticateBadParameter = "rtsp.authenticate.bad-parameter"
    public static let publicUnusualSeparator = "rtsp.public.unusual-separator"
    public static let publicEmptyItem = "rtsp.public.empty-item"
    public static let contentBaseNoScheme = "rtsp.content-base.no-scheme"
    public static let contentLengthPadded = "rtsp.content-length.padded"

    public static let conversationPrefix = "rtsp.conversation.prefix"
    public static let conversationSkippedText = "rtsp.conversation.skipped-text"
    public static let conversationUnparsable = "rtsp.conversation.unparsable"
    public static let conversationMessageLimit = "rtsp.conversation.message-limit"
}
