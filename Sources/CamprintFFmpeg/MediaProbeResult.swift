public import CamprintWire

/// A rational number as FFmpeg keeps it (time bases, frame rates).
public struct MediaRational: Hashable, Sendable, Encodable {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public var value: Double { denominator == 0 ? 0 : Double(numerator) / Double(denominator) }
}

public enum MediaType: String, Hashable, Sendable, Encodable {
    case video, audio, data, subtitle, attachment, unknown
}

/// Where a frame rate came from.
public enum FrameRateSource: String, Hashable, Sendable, Encodable {
    /// The demuxer's `avg_frame_rate` (container header, SDP `a=framerate`).
    case container
    /// The median spacing of the packets' presentation timestamps.
    case packetTimestamps
}

/// One elementary stream as the demuxer and the read packets describe it.
public struct MediaStreamInfo: Hashable, Sendable, Encodable {
    public var index: Int
    public var mediaType: MediaType
    public var codecName: String
    /// `AVCodecID` raw value.
    public var codecID: Int
    public var profile: Int?
    public var profileName: String?
    public var level: Int?
    public var width: Int?
    public var height: Int?
    public var timeBase: MediaRational
    public var frameRate: MediaRational?
    public var frameRateSource: FrameRateSource?
    /// Bits per second: bytes of the read packets over the media time they span.
    public var bitRateEstimate: Int?
    /// The container's declared bit rate, when any.
    public var declaredBitRate: Int?
    /// avcC/hvcC (MP4, MKV) or Annex B (RTSP sprop) as the demuxer holds it.
    public var extradata: HexBytes
    public var sampleRate: Int?
    public var channels: Int?
    public var packetsRead: Int
    public var bytesRead: Int
    /// Media time spanned by the read packets, in seconds.
    public var sampledSeconds: Double?
    public var keyframesRead: Int
    /// Frames from the first keyframe to the second (video, when two were read): from
    /// timestamps when the packets have them, else packets in decode order.
    public var gopFrames: Int?
    /// Seconds from the first keyframe to the second.
    public var gopSeconds: Double?
}

/// A video packet's bytes as the demuxer returned them (Annex B for RTSP/TS/raw,
/// length-prefixed for MP4/MKV), never cut.
public struct MediaPacket: Hashable, Sendable, Encodable {
    public var streamIndex: Int
    public var pts: Int64?
    public var dts: Int64?
    public var isKeyframe: Bool
    public var data: HexBytes
}

/// One FFmpeg log message routed to this probe, credentials redacted.
public struct MediaLogLine: Hashable, Sendable, Encodable {
    public var level: MediaLogLevel
    /// The logging context's class name (`rtsp`, `tcp`, `AVFormatContext`, …), when known.
    public var component: String?
    public var text: String
}

/// Milliseconds from the start of the probe.
public struct MediaProbeTimings: Hashable, Sendable, Encodable {
    public var open: Double?
    public var streamInfo: Double?
    public var firstPacket: Double?
    public var firstVideoPacket: Double?
    public var firstKeyframe: Double?
    public var total: Double
}

public enum MediaProbeStopReason: String, Hashable, Sendable, Encodable {
    /// The stop conditions and the sample window held.
    case conditionsMet
    /// The input ended first (files).
    case endOfInput
    /// ``MediaProbeLimits/maximumPacketsRead`` was reached.
    case packetLimit
    /// The input has no video stream; nothing was read.
    case noVideoStream
    /// See ``MediaProbeResult/failure``.
    case failed
}

/// Everything one probe learned, also when it failed part-way (streams, packets and log
/// lines read before the failure are kept).
public struct MediaProbeResult: Hashable, Sendable, Encodable {
    /// The input with any credentials redacted.
    public var input: String
    public var transport: MediaTransport?
    /// FFmpeg logged "UDP timeout, retrying with TCP".
    public var fellBackToTCP: Bool
    public var formatName: String?
    public var streams: [MediaStreamInfo]
    /// Index of the first video stream, whose packets are collected.
    public var videoStreamIndex: Int?
    public var videoPackets: [MediaPacket]
    /// In-band VPS/SPS/PPS NAL units were seen in the video packets.
    public var inBandParameterSets: Bool
    /// The session description the RTSP server sent (from the demuxer's "SDP:" message).
    public var sdp: String?
    public var log: [MediaLogLine]
    public var droppedLogLines: Int
    /// Options FFmpeg did not recognise (they were ignored).
    public var ignoredOptions: [String]
    public var packetsRead: Int
    public var stopReason: MediaProbeStopReason
    public var failure: MediaProbeFailure?
    public var timings: MediaProbeTimings
}

extension MediaProbeResult {
    /// Nothing read yet: what a probe starts from.
    static func blank(input: String, transport: MediaTransport?) -> MediaProbeResult {
        MediaProbeResult(
            input: input,
            transport: transport,
            fellBackToTCP: false,
            formatName: nil,
            streams: [],
            videoStreamIndex: nil,
            videoPackets: [],
            inBandParameterSets: false,
            sdp: nil,
            log: [],
            droppedLogLines: 0,
            ignoredOptions: [],
            packetsRead: 0,
            stopReason: .failed,
            failure: nil,
            timings: MediaProbeTimings(total: 0)
        )
    }

    /// A media plane that could not start (its connection failed before FFmpeg ran): `failure`,
    /// nothing read.
    public static func notRun(input: String, transport: MediaTransport?, failure: MediaProbeFailure)
        -> MediaProbeResult
    {
        var result = blank(input: input, transport: transport)
        result.failure = failure
        return result
    }
}
