/// How the RTSP media is carried (`rtsp_transport`).
public enum MediaTransport: String, Hashable, Sendable, Encodable, CaseIterable {
    /// RTP interleaved in the RTSP TCP connection (RFC 2326 §10.12); the default.
    case tcp
    /// RTP over UDP.
    case udp
    /// UDP first; TCP when SETUP is refused or no UDP packet arrives within
    /// ``MediaProbeOptions/udpFallbackTimeout``.
    case auto
}

/// The most verbose FFmpeg log level whose lines are captured into the result.
/// TRACE is never captured (FFmpeg logs every RTSP reply byte at TRACE).
public enum MediaLogLevel: String, Hashable, Sendable, Encodable, CaseIterable, Comparable {
    case quiet, error, warning, info, verbose, debug

    public static func < (lhs: MediaLogLevel, rhs: MediaLogLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// When the packet loop may stop. All enabled conditions must hold.
public struct MediaStopConditions: Hashable, Sendable {
    /// Video extradata (avcC/hvcC or Annex B from SDP sprop) or in-band parameter sets seen.
    public var parameterSets: Bool
    /// A video keyframe was read (it carries the keyframe's SEI).
    public var keyframe: Bool
    /// Keyframes were read until the GOP length is known (two consecutive keyframes with
    /// timestamps; RTSP's first packet usually has none, so often a third keyframe).
    public var secondKeyframe: Bool

    /// The frame rate is known: from the demuxer, or from
    /// ``MediaProbeLimits/frameRateTimestamps`` distinct video timestamps (RTSP; ~0.2 s at 25 fps).
    public var frameRate: Bool

    public init(parameterSets: Bool = true, keyframe: Bool = true, secondKeyframe: Bool = false, frameRate: Bool = true)
    {
        self.parameterSets = parameterSets
        self.keyframe = keyframe
        self.secondKeyframe = secondKeyframe
        self.frameRate = frameRate
    }

    public static let `default` = MediaStopConditions()
}

/// Bounds on everything a probe reads and keeps.
public struct MediaProbeLimits: Hashable, Sendable {
    /// Video packets whose bytes are kept in ``MediaProbeResult/videoPackets``.
    public var maximumCollectedPackets: Int
    /// Total bytes of kept video packets; a packet that does not fit is not kept (never cut).
    public var maximumCollectedBytes: Int
    /// Packets read from all streams before the probe stops with ``MediaProbeStopReason/packetLimit``.
    public var maximumPacketsRead: Int
    /// Streams described in the result.
    public var maximumStreams: Int
    /// Extradata bytes kept per stream.
    public var maximumExtradataBytes: Int
    /// Timestamps kept per stream for frame rate and GOP estimation.
    public var maximumTimestamps: Int
    /// Distinct video timestamps needed to estimate a frame rate the demuxer does not give.
    public var frameRateTimestamps: Int
    /// Captured FFmpeg log lines; later lines are counted in ``MediaProbeResult/droppedLogLines``.
    public var maximumLogLines: Int
    /// Bytes of one formatted FFmpeg log message (longer messages are cut).
    public var maximumLogMessageBytes: Int
    /// Local files only: `probesize` for the bounded `avformat_find_stream_info`.
    public var localProbeSize: Int64
    /// Local files only: `max_analyze_duration` in microseconds.
    public var localAnalyzeDurationMicroseconds: Int64

    public init(
        maximumCollectedPackets: Int = 64,
        maximumCollectedBytes: Int = 8 << 20,
        maximumPacketsRead: Int = 20_000,
        maximumStreams: Int = 16,
        maximumExtradataBytes: Int = 64 << 10,
        maximumTimestamps: Int = 1024,
        frameRateTimestamps: Int = 5,
        maximumLogLines: Int = 2000,
        maximumLogMessageBytes: Int = 16 << 10,
        localProbeSize: Int64 = 5_000_000,
        localAnalyzeDurationMicroseconds: Int64 = 2_000_000
    ) {
        self.maximumCollectedPackets = maximumCollectedPackets
        self.maximumCollectedBytes = maximumCollectedBytes
        self.maximumPacketsRead = maximumPacketsRead
        self.maximumStreams = maximumStreams
        self.maximumExtradataBytes = maximumExtradataBytes
        self.maximumTimestamps = maximumTimestamps
        self.frameRateTimestamps = frameRateTimestamps
        self.maximumLogLines = maximumLogLines
        self.maximumLogMessageBytes = maximumLogMessageBytes
        self.localProbeSize = localProbeSize
        self.localAnalyzeDurationMicroseconds = localAnalyzeDurationMicroseconds
    }

    public static let `default` = MediaProbeLimits()
}

/// What one ``MediaProbe/run(input:options:)`` does.
public struct MediaProbeOptions: Hashable, Sendable {
    public var transport: MediaTransport
    /// Hard wall-clock deadline for the whole probe (open, optional stream info, packets),
    /// enforced through FFmpeg's interrupt callback.
    public var deadline: Duration
    /// For ``MediaTransport/auto``: how long RTSP waits for UDP packets before retrying over TCP
    /// (FFmpeg `timeout`, in effect only below ``deadline``).
    public var udpFallbackTimeout: Duration
    /// After the stop conditions hold, keep reading until the video packets span this much
    /// media time (`--sample`); zero stops at once.
    public var sampleWindow: Duration
    public var stopConditions: MediaStopConditions
    public var logLevel: MediaLogLevel
    public var limits: MediaProbeLimits

    public init(
        transport: MediaTransport = .tcp,
        deadline: Duration = .seconds(10),
        udpFallbackTimeout: Duration = .seconds(2),
        sampleWindow: Duration = .zero,
        stopConditions: MediaStopConditions = .default,
        logLevel: MediaLogLevel = .debug,
        limits: MediaProbeLimits = .default
    ) {
        self.transport = transport
        self.deadline = deadline
        self.udpFallbackTimeout = udpFallbackTimeout
        self.sampleWindow = sampleWindow
        self.stopConditions = stopConditions
        self.logLevel = logLevel
        self.limits = limits
    }
}
