public import CamprintWire

/// The H.265 view of a media section: RFC 7798 §7.1 `a=fmtp` parameters with `sprop-vps`,
/// `sprop-sps`, `sprop-pps` and `sprop-sei` decoded.
public struct H265FormatParameters: Hashable, Sendable, Encodable {
    /// The format (payload type as text) of the `a=rtpmap:… H265/…` line.
    public var format: String
    public var profileSpace: Int?
    public var profileID: Int?
    public var tierFlag: Int?
    public var levelID: Int?
    /// Twelve hex digits as written.
    public var interopConstraints: String?
    public var profileCompatibilityIndicator: String?
    public var spropVPS: [HexBytes]
    public var spropSPS: [HexBytes]
    public var spropPPS: [HexBytes]
    public var spropSEI: [HexBytes]
    /// Units from an H.264-style `sprop-parameter-sets` (also sorted into VPS/SPS/PPS/SEI by type).
    public var spropParameterSets: [HexBytes]
    /// `sprop-*` entries that were not base64, as raw bytes.
    public var notBase64: [HexBytes]
    public var quirks: [Quirk]

    public init(format: String) {
        self.format = format
        self.spropVPS = []
        self.spropSPS = []
        self.spropPPS = []
        self.spropSEI = []
        self.spropParameterSets = []
        self.notBase64 = []
        self.quirks = []
    }
}

extension H265FormatParameters {
    /// Keys that belong to RFC 6184 (H.264), seen on H.265 tracks.
    static let h264StyleKeys = ["sprop-parameter-sets", "profile-level-id", "packetization-mode"]

    init(format: String, fmtp: FormatParameters?, limits: SDPLimits) {
        self.init(format: format)
        guard let fmtp else {
            quirks.append(Quirk("sdp.h265.no-fmtp", "format \(format)"))
            return
        }
        let offset = fmtp.offset
        profileSpace = integer(fmtp, "profile-space", offset: offset)
        profileID = integer(fmtp, "profile-id", offset: offset)
        tierFlag = integer(fmtp, "tier-flag", offset: offset)
        levelID = integer(fmtp, "level-id", offset: offset)
        interopConstraints = fmtp.value("interop-constraints")
        profileCompatibilityIndicator = fmtp.value("profile-compatibility-indicator")

        let foreign = Self.h264StyleKeys.filter { fmtp.parameter($0) != nil }
        if !foreign.isEmpty {
            quirks.append(Quirk("sdp.h265.h264-style-keys", foreign.joined(separator: ","), offset: offset))
        }
        var decoder = SpropDecoder(limits: limits, offset: offset)
        if let parameter = fmtp.parameter("sprop-vps") { spropVPS = decoder.decode(parameter) }
        if let parameter = fmtp.parameter("sprop-sps") { spropSPS = decoder.decode(parameter) }
        if let parameter = fmtp.parameter("sprop-pps") { spropPPS = decoder.decode(parameter) }
        if let parameter = fmtp.parameter("sprop-sei") { spropSEI = decoder.decode(parameter) }
        if let parameter = fmtp.parameter("sprop-parameter-sets") {
            spropParameterSets = decoder.decode(parameter)
            for unit in spropParameterSets {
                // ITU-T H.265 §7.4.2.2 Table 7-1: nal_unit_type is bits 1…6 of the first byte.
                switch ((unit.bytes.first ?? 0) >> 1) & 0x3F {
                case 32: spropVPS.append(unit)
                case 33: spropSPS.append(unit)
                case 34: spropPPS.append(unit)
                case 39, 40: spropSEI.append(unit)
                default: break
                }
            }
        }
        quirks += decoder.quirks
        notBase64 = decoder.notBase64
        checkProfileLevel(offset: offset)
    }

    private mutating func integer(_ fmtp: FormatParameters, _ name: String, offset: Int) -> Int? {
        guard let text = fmtp.value(name) else { return nil }
        guard let value = ASCIIText.decimal(ASCIIText.trimmed(text), maxDigits: 6) else {
            quirks.append(Quirk("sdp.fmtp.invalid-number", name + "=" + text, offset: offset))
            return nil
        }
        return value
    }

    /// `profile-id`/`level-id` against `general_profile_idc`/`general_level_idc` of the first SPS
    /// (ITU-T H.265 §7.3.2.2.1 and §7.3.3: RBSP byte 1 low five bits, RBSP byte 12).
    private mutating func checkProfileLevel(offset: Int) {
        guard let sps = spropSPS.first?.bytes, sps.count > 2 else { return }
        let rbsp = EmulationPrevention.removed(from: sps.dropFirst(2).prefix(24))
        guard rbsp.count > 12 else { return }
        let profileIDC = Int(rbsp[1] & 0x1F)
        let levelIDC = Int(rbsp[12])
        let profileDiffers = profileID.map { $0 != profileIDC } ?? false
        let levelDiffers = levelID.map { $0 != levelIDC } ?? false
        guard profileDiffers || levelDiffers else { return }
        let declared = "profile-id=\(profileID.map(String.init) ?? "-") level-id=\(levelID.map(String.init) ?? "-")"
        quirks.append(
            Quirk(
                "sdp.fmtp.h265-profile-level-mismatch",
                "fmtp \(declared), SPS \(profileIDC)/\(levelIDC)",
                offset: offset
            )
        )
    }
}
