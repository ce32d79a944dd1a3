import CamprintWire

/// RFC 6184 §8.1 `profile-level-id`: `profile_idc`, the `profile-iop` constraint flags and
/// `level_idc`, normally six hex digits (`4D0029` = Main, level 4.1).
public struct ProfileLevelID: Hashable, Sendable, Encodable, CustomStringConvertible {
    public var profileIDC: UInt8
    /// `constraint_set0_flag` … `constraint_set5_flag` and two reserved bits (`profile-iop`).
    public var constraintFlags: UInt8
    public var levelIDC: UInt8
    /// The parameter value as written.
    public var raw: String

    public init(profileIDC: UInt8, constraintFlags: UInt8, levelIDC: UInt8, raw: String) {
        self.profileIDC = profileIDC
        self.constraintFlags = constraintFlags
        self.levelIDC = levelIDC
        self.raw = raw
    }

    /// Six lowercase hex digits.
    public var description: String { Hex.encode([profileIDC, constraintFlags, levelIDC]) }
}

extension ProfileLevelID {
    /// Six hex digits; also reads the decimal (GW Security `5046314` = `4D002A`) and base64
    /// (macro-video `TeAo` = `4DE028`) spellings seen in the wild, with a quirk.
    static func parse(_ text: String, offset: Int, quirks: inout [Quirk]) -> ProfileLevelID? {
        let bytes = Array(ASCIIText.trimmed(text).utf8)
        var decoded: [UInt8]?
        if bytes.count == 6, let hex = Hex.decode(bytes) {
            decoded = hex
        } else if bytes.count >= 7, let number = ASCII.parseDecimal(bytes, maxDigits: 8), number <= 0xFF_FFFF {
            quirks.append(Quirk("sdp.fmtp.profile-level-id-decimal", text, offset: offset))
            decoded = [UInt8(number >> 16), UInt8((number >> 8) & 0xFF), UInt8(number & 0xFF)]
        } else if bytes.count == 4, let base64 = Base64.decode(bytes), base64.count == 3 {
            quirks.append(Quirk("sdp.fmtp.profile-level-id-base64", text, offset: offset))
            decoded = base64
        }
        guard let decoded, decoded.count == 3 else {
            quirks.append(Quirk("sdp.fmtp.profile-level-id-invalid", text, offset: offset))
            return nil
        }
        return ProfileLevelID(profileIDC: decoded[0], constraintFlags: decoded[1], levelIDC: decoded[2], raw: text)
    }
}
