public import CamprintWire

/// Every quirk code the RTSP module emits, in one place: the constants the parsers use, and
/// ``catalog``, what each means. Codes are stable: observations (`rtsp.quirk`) and signatures match
/// on them. docs/field-keys.md shows ``catalog`` as a table (generated, checked by a test); a new
/// code is a constant here and a row in ``catalog``. A missing header (no `Server`, no `Date`) is
/// never a quirk: observations handle absence.
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

    /// What each code means, in the order the parsers meet them: message, typed headers,
    /// conversation text.
    public static let catalog: [QuirkCodeSpec] = [
        QuirkCodeSpec(lineEndingLF, scope: "message", "a line ended by LF alone (RFC 2326 §4.1 asks for CRLF)"),
        QuirkCodeSpec(lineEndingMixed, scope: "message", "both CRLF and LF-only lines in one message"),
        QuirkCodeSpec(leadingBlankLines, scope: "message", "blank lines before the start line"),
        QuirkCodeSpec(trailingBytes, scope: "message", "bytes after the body in a single-message input"),
        QuirkCodeSpec(missingReason, scope: "message", "a status line without reason phrase (RFC 2326 §7.1)"),
        QuirkCodeSpec(startLineExtraSpace, scope: "message", "more than one space between start-line elements"),
        QuirkCodeSpec(spaceInURI, scope: "message", "a request URI containing spaces"),
        QuirkCodeSpec(headerMissingColon, scope: "message", "a header line without `:`"),
        QuirkCodeSpec(headerSpaceBeforeColon, scope: "message", "spaces between the field name and `:`"),
        QuirkCodeSpec(headerFolded, scope: "message", "a continuation line (RFC 2326 §4.2, RFC 822 folding)"),
        QuirkCodeSpec(
            headerExtraLeadingSpace,
            scope: "message",
            "more than one space or a tab after the colon (Hikvision `Date:  `, `Session:        `)"
        ),
        QuirkCodeSpec(headerNoSpaceAfterColon, scope: "message", "the value right after the colon"),
        QuirkCodeSpec(headerTrailingSpace, scope: "message", "spaces or tabs at the end of a value"),
        QuirkCodeSpec(bodyMissingContentType, scope: "message", "a body without `Content-Type` (RFC 2326 §12.16)"),
        QuirkCodeSpec(bodyTruncated, scope: "conversation text", "fewer body bytes than `Content-Length`"),
        QuirkCodeSpec(headTruncated, scope: "conversation text", "the text ended inside the headers"),
        QuirkCodeSpec(headMissingBlankLine, scope: "conversation text", "a start line inside the headers"),
        QuirkCodeSpec(cseqTrailingSpace, scope: "`CSeq`", "spaces after the number"),
        QuirkCodeSpec(cseqNotNumeric, scope: "`CSeq`", "a value that is not a decimal number (RFC 2326 §12.17)"),
        QuirkCodeSpec(
            sessionSpacePadded,
            scope: "`Session`",
            "the id right-aligned after several spaces (Hikvision `Session:        708345999`)"
        ),
        QuirkCodeSpec(sessionBadTimeout, scope: "`Session`", "a `timeout` parameter that is not a decimal number"),
        QuirkCodeSpec(
            dateDoubleSpace,
            scope: "`Date`",
            "two or more spaces after the colon (Hikvision `Date:  Wed, …`)"
        ),
        QuirkCodeSpec(
            dateNonstandardLayout,
            scope: "`Date`",
            "a layout other than RFC 1123 (live555's `Wed, May 05 2021 …`, asctime; RFC 2326 §12.18)"
        ),
        QuirkCodeSpec(ssrcLeadingSpace, scope: "`Transport`", "an `ssrc` right-aligned with spaces (`ssrc= d6d6627`)"),
        QuirkCodeSpec(ssrcHexPrefix, scope: "`Transport`", "an `ssrc` written with `0x`"),
        QuirkCodeSpec(ssrcShort, scope: "`Transport`", "an `ssrc` of fewer than 8 hex digits (RFC 2326 §12.39)"),
        QuirkCodeSpec(ssrcDecimal, scope: "`Transport`", "an `ssrc` written in decimal (more than 8 digits)"),
        QuirkCodeSpec(ssrcInvalid, scope: "`Transport`", "an `ssrc` that is neither hex nor a 32-bit decimal"),
        QuirkCodeSpec(
            transportBadPort,
            scope: "`Transport`",
            "a `client_port`/`server_port` that is not a port or range"
        ),
        QuirkCodeSpec(transportBadInterleaved, scope: "`Transport`", "an `interleaved` that is not a channel or range"),
        QuirkCodeSpec(transportEmptyParameter, scope: "`Transport`", "an empty parameter (`;;`, a trailing `;`)"),
        QuirkCodeSpec(rtpInfoTrailingSemicolon, scope: "`RTP-Info`", "a `;` after the last parameter"),
        QuirkCodeSpec(rtpInfoSSRCDecimal, scope: "`RTP-Info`", "an `ssrc` written in decimal"),
        QuirkCodeSpec(rtpInfoMissingURL, scope: "`RTP-Info`", "a stream without `url` (RFC 2326 §12.33)"),
        QuirkCodeSpec(rtpInfoBadNumber, scope: "`RTP-Info`", "a `seq` or `rtptime` that is not a number in range"),
        QuirkCodeSpec(
            authenticateStaleQuoted,
            scope: "`WWW-Authenticate`",
            "`stale` in quotes (`stale=\"FALSE\"`; RFC 7616 §3.3 writes it as a token)"
        ),
        QuirkCodeSpec(
            authenticateAlgorithmQuoted,
            scope: "`WWW-Authenticate`",
            "`algorithm` in quotes (RFC 7616 §3.3 writes it as a token)"
        ),
        QuirkCodeSpec(authenticateNoSpaceAfterComma, scope: "`WWW-Authenticate`", "parameters separated by `,` alone"),
        QuirkCodeSpec(
            authenticateUnterminatedQuote,
            scope: "`WWW-Authenticate`",
            "a quoted value without closing quote"
        ),
        QuirkCodeSpec(
            authenticateBadParameter,
            scope: "`WWW-Authenticate`",
            "text that is not a `name=value` parameter"
        ),
        QuirkCodeSpec(publicUnusualSeparator, scope: "`Public`", "methods separated by something other than `, `"),
        QuirkCodeSpec(publicEmptyItem, scope: "`Public`", "an empty item (`,,`, a trailing `,`)"),
        QuirkCodeSpec(contentBaseNoScheme, scope: "`Content-Base`", "a base that is not an absolute URL"),
        QuirkCodeSpec(
            contentLengthPadded,
            scope: "`Content-Length`",
            "anything but one space before the number and nothing after"
        ),
        QuirkCodeSpec(
            conversationPrefix,
            scope: "conversation text",
            "text before a start line on the same line (log prefixes)"
        ),
        QuirkCodeSpec(conversationSkippedText, scope: "conversation text", "non-RTSP text between messages"),
        QuirkCodeSpec(
            conversationUnparsable,
            scope: "conversation text",
            "a start line whose message could not be read"
        ),
        QuirkCodeSpec(
            conversationMessageLimit,
            scope: "conversation text",
            "more messages than `RTSPLimits.maxConversationMessages`"
        ),
    ]
}
