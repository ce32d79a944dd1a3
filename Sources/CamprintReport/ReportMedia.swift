/// The media-plane section of a `camprint probe` report (optional within `camprint.report/v1`):
/// how FFmpeg pulled the stream, what the bitstream carried, and FFmpeg's own log.
public struct ReportMedia: Codable, Hashable, Sendable {
    /// `tcp`, `udp` or `auto` as asked.
    public var transport: String
    /// FFmpeg gave up on UDP and retried over TCP.
    public var fellBackToTCP: Bool
    /// Why reading stopped: `conditionsMet`, `endOfInput`, `packetLimit`, `noVideoStream`, `failed`.
    public var stopReason: String
    /// One line when the media plane failed.
    public var failure: String?
    public var packetsRead: Int
    /// In-band VPS/SPS/PPS were seen in the packets.
    public var inBandParameterSets: Bool
    /// `same`, `different`, `sdp-only`, `in-band-only` or `none`: the SDP's `sprop-*` parameter
    /// sets against those in the stream (a re-encoder or a proxy changes them).
    public var parameterSetComparison: String
    /// SEI messages seen in the sampled packets.
    public var seiMessages: Int
    /// FFmpeg's log lines at debug level, credentials removed, at most ``logLimit``.
    public var log: [String]
    public var droppedLogLines: Int
    public var durationMs: Double

    /// Log lines kept in a report at most.
    public static let logLimit = 400

    public init(
        transport: String,
        fellBackToTCP: Bool,
        stopReason: String,
        failure: String?,
        packetsRead: Int,
        inBandParameterSets: Bool,
        parameterSetComparison: String,
        seiMessages: Int,
        log: [String],
        droppedLogLines: Int,
        durationMs: Double
    ) {
        self.transport = transport
        self.fellBackToTCP = fellBackToTCP
        self.stopReason = stopReason
        self.failure = failure
        self.packetsRead = packetsRead
        self.inBandParameterSets = inBandParameterSets
        self.parameterSetComparison = parameterSetComparison
        self.seiMessages = seiMessages
        self.log = log
        self.droppedLogLines = droppedLogLines
        self.durationMs = durationMs
    }
}
