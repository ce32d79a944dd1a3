/// Who made the device behind a stream, with the evidence that says so.
public struct Identity: Hashable, Sendable, Encodable {
    public var verdict: Verdict
    /// The maker of the firmware/hardware (canonical vendor name), when known.
    public var vendor: String?
    /// The name the device is sold under, when evidence names it.
    public var brand: String?
    public var model: String?
    public var firmware: String?
    /// Firmware or server family (`HIK Media Server`, `LIVE555`, `FFmpeg/libavformat relay`).
    public var family: String?
    public var deviceType: String?
    /// 0…1.
    public var confidence: Double
    /// Every matched rule, strongest first, with its role in the verdict.
    public var evidence: [Evidence]
    /// Evidence that disagrees, in words.
    public var contradictions: [String]

    public init(
        verdict: Verdict,
        vendor: String? = nil,
        brand: String? = nil,
        model: String? = nil,
        firmware: String? = nil,
        family: String? = nil,
        deviceType: String? = nil,
        confidence: Double = 0,
        evidence: [Evidence] = [],
        contradictions: [String] = []
    ) {
        self.verdict = verdict
        self.vendor = vendor
        self.brand = brand
        self.model = model
        self.firmware = firmware
        self.family = family
        self.deviceType = deviceType
        self.confidence = confidence
        self.evidence = evidence
        self.contradictions = contradictions
    }
}
