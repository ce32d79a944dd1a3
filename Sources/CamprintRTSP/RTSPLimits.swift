/// Bounds on everything the RTSP parsers buffer or count, so that no input can make them grow
/// without limit.
public struct RTSPLimits: Hashable, Sendable, Encodable {
    /// Longest start line (request line or status line, RFC 2326 §6.1 and §7.1), terminator excluded.
    public var maxStartLineBytes: Int
    /// Most bytes from the start of a message to the end of the blank line that ends its headers.
    public var maxHeadBytes: Int
    /// Most header lines in one message (folded continuation lines count as lines).
    public var maxHeaderCount: Int
    /// Largest `Content-Length` accepted (RFC 2326 §12.14).
    public var maxBodyBytes: Int
    /// Largest `$`-framed interleaved payload (RFC 2326 §10.12; the length field is 16 bits).
    public var maxInterleavedPayloadBytes: Int
    /// Most messages ``RTSPConversation`` collects from one text.
    public var maxConversationMessages: Int
    /// Most quirks recorded per message or per conversation; later ones are dropped.
    public var maxQuirks: Int
    /// Most items in a typed header list (challenges, transport specs, RTP-Info streams, methods,
    /// parameters).
    public var maxListItems: Int

    public init(
        maxStartLineBytes: Int = 4096,
        maxHeadBytes: Int = 65_536,
        maxHeaderCount: Int = 128,
        maxBodyBytes: Int = 4_194_304,
        maxInterleavedPayloadBytes: Int = 65_535,
        maxConversationMessages: Int = 4096,
        maxQuirks: Int = 64,
        maxListItems: Int = 64
    ) {
        self.maxStartLineBytes = maxStartLineBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxInterleavedPayloadBytes = maxInterleavedPayloadBytes
        self.maxConversationMessages = maxConversationMessages
        self.maxQuirks = maxQuirks
        self.maxListItems = maxListItems
    }

    public static let `default` = RTSPLimits()
}
