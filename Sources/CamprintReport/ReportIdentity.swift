/// The verdict and the evidence behind it, as sent on the wire.
public struct ReportIdentity: Codable, Hashable, Sendable {
    public var verdict: Verdict
    /// Who made the firmware/hardware (canonical vendor name), when known.
    public var vendor: String?
    /// The brand on the box, when it differs or is known (an OEM's name).
    public var brand: String?
    public var model: String?
    public var firmware: String?
    /// In [0, 1].
    public var confidence: Double
    public var evidence: [ReportEvidence]
    /// Signals that disagree with the verdict, in words.
    public var contradictions: [String]

    public init(
        verdict: Verdict,
        vendor: String? = nil,
        brand: String? = nil,
        model: String? = nil,
        firmware: String? = nil,
        confidence: Double,
        evidence: [ReportEvidence] = [],
        contradictions: [String] = []
    ) {
        self.verdict = verdict
        self.vendor = vendor
        self.brand = brand
        self.model = model
        self.firmware = firmware
        self.confidence = confidence
        self.evidence = evidence
        self.contradictions = contradictions
    }

    /// Nothing known.
    public static let unknown = ReportIdentity(verdict: .unknown, confidence: 0)
}

/// The verdicts of the report schema (README, Report schema: `identity.verdict`).
public enum Verdict: String, Codable, Hashable, Sendable, CaseIterable {
    /// Hikvision-made and Hikvision-branded.
    case hikvision
    /// Hikvision-made, sold under another brand.
    case hikvisionOEM = "hikvision-oem"
    /// Copies Hikvision's wire format but is not Hikvision.
    case clone
    /// Another vendor (named in `vendor` when known).
    case other
    case unknown
}

/// One matched signature.
public struct ReportEvidence: Codable, Hashable, Sendable {
    /// Signature rule id.
    public var rule: String
    /// Field key the rule matched (see docs/field-keys.md).
    public var field: String
    /// The observed value (bounded, never a credential).
    public var value: String
    public var weight: Double
    /// What the rule implies, e.g. `hikvision`, `clone`, `other:Dahua`.
    public var implies: String
    public var description: String?

    public init(rule: String, field: String, value: String, weight: Double, implies: String, description: String? = nil)
    {
        self.rule = rule
        self.field = field
        self.value = value
        self.weight = weight
        self.implies = implies
        self.description = description
    }
}

/// Stable identifiers a channel revealed.
public struct ReportDevice: Codable, Hashable, Sendable {
    public var serialNumber: String?
    /// Lowercase, colon-separated.
    public var mac: String?

    public init(serialNumber: String? = nil, mac: String? = nil) {
        self.serialNumber = serialNumber
        self.mac = mac
    }
}

/// One elementary stream as the media plane saw it.
public struct ReportStream: Codable, Hashable, Sendable {
    /// `video` or `audio` (or `data`).
    public var kind: String
    public var codec: String
    public var profile: String?
    public var level: String?
    public var width: Int?
    public var height: Int?
    public var frameRate: Double?
    public var bitrate: Int?
    public var gopFrames: Int?
    public var sampleRate: Int?
    public var channels: Int?

    public init(
        kind: String,
        codec: String,
        profile: String? = nil,
        level: String? = nil,
        width: Int? = nil,
        height: Int? = nil,
        frameRate: Double? = nil,
        bitrate: Int? = nil,
        gopFrames: Int? = nil,
        sampleRate: Int? = nil,
        channels: Int? = nil
    ) {
        self.kind = kind
        self.codec = codec
        self.profile = profile
        self.level = level
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.bitrate = bitrate
        self.gopFrames = gopFrames
        self.sampleRate = sampleRate
        self.channels = channels
    }
}
