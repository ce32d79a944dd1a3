public import CamprintWire

/// One SEI message, ITU-T H.264 §7.3.2.3.1 / H.265 §7.3.5, with its payload bytes.
public struct SEIMessage: Hashable, Sendable, Encodable {
    /// payloadType (sum of the 0xFF bytes and the last byte).
    public var payloadType: Int
    /// payloadSize as declared; `payload.count` is smaller when the NAL unit ended early.
    public var payloadSize: Int
    /// Offset of the message's first byte within the RBSP (after emulation prevention removal).
    public var offset: Int
    /// The payload bytes present in the NAL unit (RBSP, emulation prevention removed).
    public var payload: HexBytes
    /// `true` when fewer than `payloadSize` bytes were present.
    public var isTruncated: Bool
    public var content: Content

    /// What the payload says, for the types we decode.
    public enum Content: Hashable, Sendable, Encodable {
        /// user_data_unregistered (type 5, D.1.7 / D.2.7): 16-byte UUID and the bytes after it.
        case userDataUnregistered(uuid: HexBytes, data: HexBytes)
        /// recovery_point (type 6, D.1.8 / D.2.8).
        case recoveryPoint(RecoveryPoint)
        /// Any other type (buffering period, pic timing, private types such as 229 or 128),
        /// or a decodable type whose payload is too short: see `payload`.
        case raw
    }

    /// recovery_point() fields. H.264 codes `recovery_frame_cnt` as ue(v) and has
    /// `changing_slice_group_idc`; H.265 codes `recovery_poc_cnt` as se(v).
    public struct RecoveryPoint: Hashable, Sendable, Encodable {
        public var recoveryCount: Int
        public var exactMatchFlag: Bool
        public var brokenLinkFlag: Bool
        public var changingSliceGroupIdc: Int?

        public init(recoveryCount: Int, exactMatchFlag: Bool, brokenLinkFlag: Bool, changingSliceGroupIdc: Int?) {
            self.recoveryCount = recoveryCount
            self.exactMatchFlag = exactMatchFlag
            self.brokenLinkFlag = brokenLinkFlag
            self.changingSliceGroupIdc = changingSliceGroupIdc
        }
    }

    /// The registered name of the payload type (Annex D tables), or `nil`.
    public var payloadTypeName: String? {
        switch payloadType {
        case 0: "buffering_period"
        case 1: "pic_timing"
        case 2: "pan_scan_rect"
        case 3: "filler_payload"
        case 4: "user_data_registered_itu_t_t35"
        case 5: "user_data_unregistered"
        case 6: "recovery_point"
        case 129: "active_parameter_sets"
        case 132: "decoded_picture_hash"
        case 137: "mastering_display_colour_volume"
        case 144: "content_light_level_info"
        default: nil
        }
    }
}
