public import CamprintWire

/// The H.264 view of a media section: RFC 6184 §8.1 `a=fmtp` parameters, with the
/// `sprop-parameter-sets` NAL units decoded and checked against `profile-level-id`.
public struct H264FormatParameters: Hashable, Sendable, Encodable {
    /// The format (payload type as text) of the `a=rtpmap:… H264/…` line.
    public var format: String
    public var profileLevelID: ProfileLevelID?
    public var packetizationMode: Int?
    /// `sprop-parameter-sets` NAL units in order (normally SPS then PPS), without start codes.
    public var spropParameterSets: [HexBytes]
    /// `sprop-*` entries that were not base64, as raw bytes.
    public var notBase64: [HexBytes]
    /// Deviations found in this view (`sdp.fmtp.profile-level-id-mismatch`, …).
    public var quirks: [Quirk]

    public init(
        format: String,
        profileLevelID: ProfileLevelID? = nil,
        packetizationMode: Int? = nil,
        spropParameterSets: [HexBytes] = [],
        notBase64: [HexBytes] = [],
        quirks: [Quirk] = []
    ) {
        self.format = format
        self.profileLevelID = profileLevelID
        self.packetizationMode = packetizationMode
        self.spropParameterSets = spropParameterSets
        self.notBase64 = notBase64
        self.quirks = quirks
    }

    /// The first SPS (`nal_unit_type` 7, ITU-T H.264 §7.4.1 Table 7-1) among the sprop units.
    public var sequenceParameterSet: HexBytes? {
        spropParameterSets.first { ($0.bytes.first ?? 0) & 0x1F == 7 }
    }

    /// The PPSs (`nal_unit_type` 8) among the sprop units.
    public var pictureParameterSets: [HexBytes] {
        spropParameterSets.filter { ($0.bytes.first ?? 0) & 0x1F == 8 }
    }
}

extension H264FormatParameters {
    init(format: String, fmtp: FormatParameters?, limits: SDPLimits) {
        self.init(format: format)
        guard let fmtp else {
            quirks.append(Quirk("sdp.h264.no-fmtp", "format \(format)"))
            return
        }
        let offset = fmtp.offset
        if let text = fmtp.value("profile-level-id") {
            profileLevelID = ProfileLevelID.parse(text, offset: offset, quirks: &quirks)
        }
        if let text = fmtp.value("packetization-mode") {
            packetizationMode = ASCIIText.decimal(ASCIIText.trimmed(text), maxDigits: 3)
            if packetizationMode == nil {
                quirks.append(Quirk("sdp.fmtp.packetization-mode-invalid", text, offset: offset))
            }
        }
        var decoder = SpropDecoder(limits: limits, offset: offset)
        if let sprop = fmtp.parameter("sprop-parameter-sets") {
            spropParameterSets = decoder.decode(sprop)
        }
        quirks += decoder.quirks
        notBase64 = decoder.notBase64
        checkProfileLevel(offset: offset)
    }

    /// `profile-level-id` against bytes 1 and 3 of the SPS (`profile_idc`, `level_idc`,
    /// ITU-T H.264 §7.3.2.1.1). Hikvision writes `420029` whatever the stream is.
    private mutating func checkProfileLevel(offset: Int) {
        guard let declared = profileLevelID, let sps = sequenceParameterSet?.bytes, sps.count >= 4 else { return }
        guard declared.profileIDC != sps[1] || declared.levelIDC != sps[3] else { return }
        let actual = Hex.encode(sps[1...3])
        quirks.append(
            Quirk("sdp.fmtp.profile-level-id-mismatch", "fmtp \(declared.raw), SPS \(actual)", offset: offset)
        )
    }
}
