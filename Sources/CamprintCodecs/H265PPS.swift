public import CamprintWire

extension H265 {
    /// Picture parameter set, ITU-T H.265 §7.3.2.3.1: the identifiers and the first flags, up to
    /// `init_qp_minus26`.
    public struct PPS: Hashable, Sendable, Encodable {
        public var raw: HexBytes
        public var header: NALHeader
        public var ppsPicParameterSetId: Int
        public var ppsSeqParameterSetId: Int
        public var dependentSliceSegmentsEnabledFlag: Bool
        public var outputFlagPresentFlag: Bool
        public var numExtraSliceHeaderBits: Int
        public var signDataHidingEnabledFlag: Bool
        public var cabacInitPresentFlag: Bool
        public var numRefIdxL0DefaultActiveMinus1: Int
        public var numRefIdxL1DefaultActiveMinus1: Int
        public var initQpMinus26: Int

        /// Parses a PPS NAL unit (with its two-byte header).
        public init(parsing nalUnit: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
            let bytes = Array(nalUnit)
            header = try H265.header(of: bytes, expecting: .pps)
            raw = HexBytes(bytes)
            var reader = RBSPReader(nalUnit: bytes, headerLength: 2)
            ppsPicParameterSetId = try reader.ue("pps_pic_parameter_set_id", max: 63)
            ppsSeqParameterSetId = try reader.ue("pps_seq_parameter_set_id", max: 15)
            dependentSliceSegmentsEnabledFlag = try reader.flag("dependent_slice_segments_enabled_flag")
            outputFlagPresentFlag = try reader.flag("output_flag_present_flag")
            numExtraSliceHeaderBits = try reader.u(3, "num_extra_slice_header_bits")
            signDataHidingEnabledFlag = try reader.flag("sign_data_hiding_enabled_flag")
            cabacInitPresentFlag = try reader.flag("cabac_init_present_flag")
            numRefIdxL0DefaultActiveMinus1 = try reader.ue("num_ref_idx_l0_default_active_minus1", max: 14)
            numRefIdxL1DefaultActiveMinus1 = try reader.ue("num_ref_idx_l1_default_active_minus1", max: 14)
            initQpMinus26 = try reader.se("init_qp_minus26")
        }
    }
}
