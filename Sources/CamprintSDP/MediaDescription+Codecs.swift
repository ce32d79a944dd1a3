extension MediaDescription {
    /// The H.264 view of the first `a=rtpmap:<pt> H264/…` format, or `nil` when there is none.
    public func h264(limits: SDPLimits = .default) -> H264FormatParameters? {
        guard let map = rtpMap(encodingName: "H264") else { return nil }
        return h264(format: map.format, limits: limits)
    }

    /// The H.264 view of one format (payload type as text), read from its first `a=fmtp`.
    public func h264(format: String, limits: SDPLimits = .default) -> H264FormatParameters {
        H264FormatParameters(format: format, fmtp: attributes.formatParameters(format: format).first, limits: limits)
    }

    /// The H.265 view of the first `a=rtpmap:<pt> H265/…` (or `HEVC/…`) format, or `nil`.
    public func h265(limits: SDPLimits = .default) -> H265FormatParameters? {
        guard let map = rtpMap(encodingName: "H265") ?? rtpMap(encodingName: "HEVC") else { return nil }
        return h265(format: map.format, limits: limits)
    }

    /// The H.265 view of one format (payload type as text), read from its first `a=fmtp`.
    public func h265(format: String, limits: SDPLimits = .default) -> H265FormatParameters {
        H265FormatParameters(format: format, fmtp: attributes.formatParameters(format: format).first, limits: limits)
    }
}
