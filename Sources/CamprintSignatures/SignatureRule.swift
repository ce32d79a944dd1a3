/// What a signature says about the device when it matches.
public struct Implication: Hashable, Sendable, Codable {
    /// The maker of the firmware/hardware (canonical name from `vendors.yaml`).
    public var vendor: String?
    /// The name the device is sold under, when it differs or is known (canonical name).
    public var brand: String?
    /// A firmware or server family (`HIK Media Server`, `LIVE555`, `HiSilicon SDK`).
    public var family: String?
    /// `ip-camera`, `nvr`, `dvr`, `encoder`, `relay`, …
    public var deviceType: String?
    /// How the identity engine should read the match.
    public var verdict: VerdictHint

    public init(
        vendor: String? = nil,
        brand: String? = nil,
        family: String? = nil,
        deviceType: String? = nil,
        verdict: VerdictHint
    ) {
        self.vendor = vendor
        self.brand = brand
        self.family = family
        self.deviceType = deviceType
        self.verdict = verdict
    }
}

/// The reading a rule suggests to the identity engine.
public enum VerdictHint: String, Hashable, Sendable, Codable, CaseIterable {
    /// Hikvision firmware behaviour or identity.
    case hikvision
    /// Hikvision's wire format, also copied by compatible clones (IMKH header, template lines).
    case hikvisionCompatible = "hikvision-compatible"
    /// A brand known to sell Hikvision-made devices, or neutral (OEM) Hikvision firmware.
    case oem
    /// A non-Hikvision firmware that imitates Hikvision's wire format.
    case clone
    /// Another vendor's (or a generic, non-Hikvision server's) firmware; counts AGAINST Hikvision.
    case other
    /// Informational only (chipset, codec family, device type, captured versions); never votes.
    case neutral
}

/// Whether a clone can reproduce the signal (YAML `copyable: true | semi | false`).
public enum Copyability: String, Hashable, Sendable, Codable, CaseIterable {
    /// Text a clone copies verbatim to be accepted by Hikvision recorders (IMKH header, SDP template lines, URL paths).
    case copyable
    /// Formatting behaviour a clone could imitate but in practice does not (realm format, header whitespace).
    case semi
    /// Identity data or protocol behaviour not imitated (ISAPI namespace, serial numbers, OUI).
    case strong
}

/// How a rule compares the observed value.
public enum ValueMatcher: Hashable, Sendable {
    /// A regular expression matched against the WHOLE value (implicitly anchored at both ends).
    case pattern(String)
    /// Exact, case-sensitive equality.
    case equals(String)
}

/// A real value and the captures the rule must extract from it.
public struct RuleExample: Hashable, Sendable, Codable {
    public var value: String
    public var captures: [String: String]
    /// Line of the example in its file.
    public var line: Int

    public init(value: String, captures: [String: String] = [:], line: Int = 0) {
        self.value = value
        self.captures = captures
        self.line = line
    }
}

/// Where a rule was written.
public struct RuleOrigin: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
