public import CamprintWire

extension H264 {
    /// Picture parameter set, ITU-T H.264 §7.3.2.2: the fields up to
    /// `redundant_pic_cnt_present_flag`, plus `transform_8x8_mode_flag` when present.
    public struct PPS: Hashable, Sendable, Encodable {
        public var raw: HexBytes
        public var picParameterSetId: Int
        public var seqParameterSetId: Int
        /// `false` CAVLC, `true` CABAC.
        public var entropyCodingModeFlag: Bool
        public var bottomFieldPicOrderInFramePresentFlag: Bool
        public var numSliceGroupsMinus1: Int
        public var sliceGroupMapType: Int?
        public var numRefIdxL0DefaultActiveMinus1 = 0
        public var numRefIdxL1DefaultActiveMinus1 = 0
        public var weightedPredFlag = false
        public var weightedBipredIdc = 0
        public var picInitQpMinus26 = 0
        public var picInitQsMinus26 = 0
        public var chromaQpIndexOffset = 0
        public var deblockingFilterControlPresentFlag = false
        public var constrainedIntraPredFlag = false
        public var redundantPicCntPresentFlag = false
        /// Present only in the High-profile extension of the PPS.
        public var transform8x8ModeFlag: Bool?

        /// Parses a PPS NAL unit (with its one-byte header).
        public init(parsing nalUnit: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
            let bytes = Array(nalUnit)
            guard let header = NALHeader(nalUnit: bytes) else {
                throw CodecError(.missingNALHeader, offset: 0, excerpt: "empty NAL unit")
            }
            guard header.nalUnitType == .pps else {
                throw CodecError(.unexpectedNALUnitType, offset: 0, excerpt: "nal_unit_type \(header.nalUnitType)")
            }
            var reader = RBSPReader(nalUnit: bytes, headerLength: 1)
            raw = HexBytes(bytes)
            picParameterSetId = try reader.ue("pic_parameter_set_id", max: 255)
            seqParameterSetId = try reader.ue("seq_parameter_set_id", max: 31)
            entropyCodingModeFlag = try reader.flag("entropy_coding_mode_flag")
            bottomFieldPicOrderInFramePresentFlag = try reader.flag("bottom_field_pic_order_in_frame_present_flag")
            numSliceGroupsMinus1 = try reader.ue("num_slice_groups_minus1", max: 7)
            if numSliceGroupsMinus1 > 0 {
                sliceGroupMapType = try Self.skipSliceGroupMap(&reader, groups: numSliceGroupsMinus1 + 1, limits)
            }
            numRefIdxL0DefaultActiveMinus1 = try reader.ue("num_ref_idx_l0_default_active_minus1", max: 31)
            numRefIdxL1DefaultActiveMinus1 = try reader.ue("num_ref_idx_l1_default_active_minus1", max: 31)
            weightedPredFlag = try reader.flag("weighted_pred_flag")
            weightedBipredIdc = try reader.u(2, "weighted_bipred_idc")
            picInitQpMinus26 = try reader.se("pic_init_qp_minus26")
            picInitQsMinus26 = try reader.se("pic_init_qs_minus26")
            chromaQpIndexOffset = try reader.se("chroma_qp_index_offset")
            deblockingFilterControlPresentFlag = try reader.flag("deblocking_filter_control_present_flag")
            constrainedIntraPredFlag = try reader.flag("constrained_intra_pred_flag")
            redundantPicCntPresentFlag = try reader.flag("redundant_pic_cnt_present_flag")
            if reader.moreRBSPData() { transform8x8ModeFlag = try reader.flag("transform_8x8_mode_flag") }
        }

        /// The slice group map syntax of §7.3.2.2, read and discarded; returns its type.
        static func skipSliceGroupMap(
            _ reader: inout RBSPReader,
            groups: Int,
            _ limits: CodecLimits
        ) throws(CodecError) -> Int {
            let type = try reader.ue("slice_group_map_type", max: 6)
            switch type {
            case 0:
                for _ in 0..<groups { _ = try reader.ue("run_length_minus1") }
            case 2:
                for _ in 0..<groups - 1 {
                    _ = try reader.ue("top_left")
                    _ = try reader.ue("bottom_right")
                }
            case 3, 4, 5:
                _ = try reader.flag("slice_group_change_direction_flag")
                _ = try reader.ue("slice_group_change_rate_minus1")
            case 6:
                let units = try reader.ue("pic_size_in_map_units_minus1", max: limits.maxSliceGroupMapUnits - 1) + 1
                let width = groups > 4 ? 3 : (groups > 2 ? 2 : 1)
                try reader.skip(units * width, "slice_group_id")
            default:
                break
            }
            return type
        }
    }
}
