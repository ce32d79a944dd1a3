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
    /// The first ``seiLimit`` of them, payload type, declared size and user-data UUID (optional
    /// within v1; absent in reports written before it).
    public var sei: [ReportSEIMessage]?
    /// FFmpeg's log lines at debug level, credentials removed, at most ``logLimit``.
    public var log: [String]
    public var droppedLogLines: Int
    public var durationMs: Double

    /// Log lines kept in a report at most.
    public static let logLimit = 400
    /// SEI messages listed in ``sei`` at most.
    public static let seiLimit = 64

    public init(
        transport: String,
        fellBackToTCP: Bool,
        stopReason: String,
        failure: String?,
        packetsRead: Int,
        inBandParameterSets: Bool,
        parameterSetComparison: String,
        seiMessages: Int,
        sei: [ReportSEIMessage]? = nil,
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
        self.sei = sei
        self.log = log
        self.droppedLogLines = droppedLogLines
        self.durationMs = durationMs
    }
}

/// One SEI message of the media section (ITU-T H.264 §7.3.2.3.1 / H.265 §7.3.5).
public struct ReportSEIMessage: Codable, Hashable, Sendable {
    public var payloadType: Int
    /// payloadSize as declared in the bitstream.
    public var payloadSize: Int
    /// user_data_unregistered's UUID, lowercase 8-4-4-4-12.
    public var uuid: String?
    /// Fewer than `payloadSize` bytes were present once emulation prevention bytes were removed
    /// (the NAL unit was cut, or the encoder declared more than it wrote).
    public var truncated: Bool

    public init(payloadType: Int, payloadSize: Int, uuid: String? = nil, truncated: Bool = false) {
        self.payloadType = payloadType
        self.payloadSize = payloadSize
        self.uuid = uuid
        self.truncated = truncated
    }
}
