public import CamprintWire

extension H265 {
    /// Video parameter set, ITU-T H.265 §7.3.2.1, up to and including the VPS timing info
    /// (the VPS HRD parameters and extensions are not read).
    public struct VPS: Hashable, Sendable, Encodable {
        public var raw: HexBytes
        public var header: NALHeader
        public var vpsVideoParameterSetId: Int
        public var vpsBaseLayerInternalFlag: Bool
        public var vpsBaseLayerAvailableFlag: Bool
        public var vpsMaxLayersMinus1: Int
        public var vpsMaxSubLayersMinus1: Int
        public var vpsTemporalIdNestingFlag: Bool
        public var profileTierLevel: ProfileTierLevel
        public var vpsMaxDecPicBufferingMinus1: [Int] = []
        public var vpsMaxNumReorderPics: [Int] = []
        public var vpsMaxLayerId = 0
        public var vpsNumLayerSetsMinus1 = 0
        public var vpsNumUnitsInTick: UInt32?
        public var vpsTimeScale: UInt32?
        /// `h265.vps.reserved-0xffff.mismatch`, `h265.vps.tail.unparsable`.
        public var quirks: [Quirk] = []

        /// Parses a VPS NAL unit (with its two-byte header).
        public init(parsing nalUnit: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
            let bytes = Array(nalUnit)
            header = try H265.header(of: bytes, expecting: .vps)
            raw = HexBytes(bytes)
            var reader = RBSPReader(nalUnit: bytes, headerLength: 2)
            vpsVideoParameterSetId = try reader.u(4, "vps_video_parameter_set_id")
            vpsBaseLayerInternalFlag = try reader.flag("vps_base_layer_internal_flag")
            vpsBaseLayerAvailableFlag = try reader.flag("vps_base_layer_available_flag")
            vpsMaxLayersMinus1 = try reader.u(6, "vps_max_layers_minus1")
            vpsMaxSubLayersMinus1 = try reader.u(3, "vps_max_sub_layers_minus1")
            guard vpsMaxSubLayersMinus1 <= 6 else {
                throw reader.error(.valueOutOfRange, "vps_max_sub_layers_minus1 = \(vpsMaxSubLayersMinus1)")
            }
            vpsTemporalIdNestingFlag = try reader.flag("vps_temporal_id_nesting_flag")
            let reserved = try reader.u(16, "vps_reserved_0xffff_16bits")
            if reserved != 0xFFFF {
                quirks.append(Quirk("h265.vps.reserved-0xffff.mismatch", "\(reserved)", offset: 2))
            }
            profileTierLevel = try ProfileTierLevel(reading: &reader, maxNumSubLayersMinus1: vpsMaxSubLayersMinus1)
            do {
                try readTail(&reader, limits)
            } catch {
                quirks.append(Quirk("h265.vps.tail.unparsable", error.excerpt, offset: error.offset))
            }
        }

        private mutating func readTail(_ reader: inout RBSPReader, _ limits: CodecLimits) throws(CodecError) {
            let orderingInfo = try reader.flag("vps_sub_layer_ordering_info_present_flag")
            for _ in (orderingInfo ? 0 : vpsMaxSubLayersMinus1)...vpsMaxSubLayersMinus1 {
                vpsMaxDecPicBufferingMinus1.append(try reader.ue("vps_max_dec_pic_buffering_minus1", max: 15))
                vpsMaxNumReorderPics.append(try reader.ue("vps_max_num_reorder_pics", max: 15))
                _ = try reader.ue("vps_max_latency_increase_plus1")
            }
            vpsMaxLayerId = try reader.u(6, "vps_max_layer_id")
            vpsNumLayerSetsMinus1 = try reader.ue("vps_num_layer_sets_minus1", max: limits.maxLayerSets - 1)
            if vpsNumLayerSetsMinus1 > 0 {
                try reader.skip(vpsNumLayerSetsMinus1 * (vpsMaxLayerId + 1), "layer_id_included_flag")
            }
            if try reader.flag("vps_timing_info_present_flag") {
                vpsNumUnitsInTick = UInt32(truncatingIfNeeded: try reader.u(32, "vps_num_units_in_tick"))
                vpsTimeScale = UInt32(truncatingIfNeeded: try reader.u(32, "vps_time_scale"))
            }
        }
    }

    /// The two-byte header of `bytes`, checked to be of `type`.
    static func header(of bytes: [UInt8], expecting type: NALUnitType) throws(CodecError) -> NALHeader {
        guard let header = NALHeader(nalUnit: bytes) else {
            throw CodecError(.missingNALHeader, offset: 0, excerpt: "NAL unit shorter than 2 bytes")
        }
        guard header.nalUnitType == type else {
            throw CodecError(.unexpectedNALUnitType, offset: 0, excerpt: "nal_unit_type \(header.nalUnitType)")
        }
        return header
    }
}
