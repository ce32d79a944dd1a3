/// ITU-T H.264 (AVC): NAL unit types, parameter sets and configuration records.
public enum H264 {}

/// ITU-T H.265 (HEVC): NAL unit types, parameter sets and configuration records.
public enum H265 {}

/// The video coding standard of a NAL unit stream.
public enum VideoCodec: String, Hashable, Sendable, Encodable, CaseIterable {
    case h264
    case h265

    /// Bytes in the NAL unit header: 1 for H.264 (§7.3.1), 2 for H.265 (§7.3.1.2).
    public var nalHeaderLength: Int { self == .h264 ? 1 : 2 }
}
