/// The answer to "is this Hikvision?" (README, Report schema: `identity.verdict`).
public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
    /// Hikvision-made, sold as Hikvision or one of its own brands (Ezviz, HiWatch, HiLook).
    case hikvision
    /// Hikvision-made, sold under another company's brand (LTS, Annke, an OEM model name…).
    case hikvisionOEM = "hikvision-oem"
    /// Copies Hikvision's wire format (IMKH header, SDP template) but is not Hikvision firmware.
    case clone
    /// Another vendor (named when known) or a generic server/relay.
    case other
    /// Not enough evidence.
    case unknown
}
