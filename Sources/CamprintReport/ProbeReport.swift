/// A `camprint.report/v1` report with the optional sections `camprint probe` adds: the fields of
/// ``Report`` at the top level, plus `rtsp` (control plane) and `timings`. Readers that know only
/// ``Report`` decode it unchanged (unknown keys are ignored).
public struct ProbeReport: Codable, Hashable, Sendable {
    public var report: Report
    public var rtsp: ReportRTSP?
    public var media: ReportMedia?
    public var timings: ReportTimings?
    /// HTTP banner, ISAPI and ONVIF requests.
    public var deviceInfo: ReportDeviceInfo?

    public init(
        report: Report,
        rtsp: ReportRTSP? = nil,
        media: ReportMedia? = nil,
        timings: ReportTimings? = nil,
        deviceInfo: ReportDeviceInfo? = nil
    ) {
        self.report = report
        self.rtsp = rtsp
        self.media = media
        self.timings = timings
        self.deviceInfo = deviceInfo
    }

    private enum SectionKeys: String, CodingKey {
        case rtsp
        case media
        case timings
        case deviceInfo
    }

    public init(from decoder: any Decoder) throws {
        report = try Report(from: decoder)
        let container = try decoder.container(keyedBy: SectionKeys.self)
        rtsp = try container.decodeIfPresent(ReportRTSP.self, forKey: .rtsp)
        media = try container.decodeIfPresent(ReportMedia.self, forKey: .media)
        timings = try container.decodeIfPresent(ReportTimings.self, forKey: .timings)
        deviceInfo = try container.decodeIfPresent(ReportDeviceInfo.self, forKey: .deviceInfo)
    }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: SectionKeys.self)
        try container.encodeIfPresent(rtsp, forKey: .rtsp)
        try container.encodeIfPresent(media, forKey: .media)
        try container.encodeIfPresent(timings, forKey: .timings)
        try container.encodeIfPresent(deviceInfo, forKey: .deviceInfo)
    }
}

/// Where a probe's time went, in milliseconds.
public struct ReportTimings: Codable, Hashable, Sendable {
    /// DNS, connect, OPTIONS, DESCRIBE (and redirects, authentication).
    public var controlPlaneMs: Double?
    /// FFmpeg open and packet reading.
    public var mediaPlaneMs: Double?
    /// HTTP banner, ISAPI and ONVIF requests.
    public var deviceInfoMs: Double?
    /// Signature matching and identity.
    public var identityMs: Double?
    public var totalMs: Double

    public init(
        controlPlaneMs: Double? = nil,
        mediaPlaneMs: Double? = nil,
        deviceInfoMs: Double? = nil,
        identityMs: Double? = nil,
        totalMs: Double
    ) {
        self.controlPlaneMs = controlPlaneMs
        self.mediaPlaneMs = mediaPlaneMs
        self.deviceInfoMs = deviceInfoMs
        self.identityMs = identityMs
        self.totalMs = totalMs
    }
}
