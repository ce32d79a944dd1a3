extension H265 {
    /// `hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1)`, ITU-T H.265 Annex E.2.2.
    /// The common fields are kept; the per-sub-layer CPB values are read and discarded.
    public struct HRDParameters: Hashable, Sendable, Encodable {
        public var nalHrdParametersPresentFlag = false
        public var vclHrdParametersPresentFlag = false
        public var subPicHrdParamsPresentFlag = false
        public var bitRateScale: Int?
        public var cpbSizeScale: Int?
        /// cpb_cnt_minus1 of each sub-layer.
        public var cpbCntMinus1: [Int] = []

        init(
            reading reader: inout RBSPReader,
            commonInfPresentFlag: Bool,
            maxNumSubLayersMinus1: Int
        ) throws(CodecError) {
            if commonInfPresentFlag {
                nalHrdParametersPresentFlag = try reader.flag("nal_hrd_parameters_present_flag")
                vclHrdParametersPresentFlag = try reader.flag("vcl_hrd_parameters_present_flag")
                if nalHrdParametersPresentFlag || vclHrdParametersPresentFlag {
                    subPicHrdParamsPresentFlag = try reader.flag("sub_pic_hrd_params_present_flag")
                    if subPicHrdParamsPresentFlag {
                        try reader.skip(8 + 5 + 1 + 5, "sub_pic_hrd_params")
                    }
                    bitRateScale = try reader.u(4, "bit_rate_scale")
                    cpbSizeScale = try reader.u(4, "cpb_size_scale")
                    if subPicHrdParamsPresentFlag { try reader.skip(4, "cpb_size_du_scale") }
                    try reader.skip(15, "delay_length_fields")
                }
            }
            for _ in 0...maxNumSubLayersMinus1 {
                let fixedGeneral = try reader.flag("fixed_pic_rate_general_flag")
                let fixedWithinCVS = fixedGeneral ? true : try reader.flag("fixed_pic_rate_within_cvs_flag")
                var lowDelay = false
                if fixedWithinCVS {
                    _ = try reader.ue("elemental_duration_in_tc_minus1", max: 2047)
                } else {
                    lowDelay = try reader.flag("low_delay_hrd_flag")
                }
                let cpbCnt = lowDelay ? 0 : try reader.ue("cpb_cnt_minus1", max: 31)
                cpbCntMinus1.append(cpbCnt)
                for present in [nalHrdParametersPresentFlag, vclHrdParametersPresentFlag] where present {
                    for _ in 0...cpbCnt {
                        _ = try reader.ue("bit_rate_value_minus1")
                        _ = try reader.ue("cpb_size_value_minus1")
                        if subPicHrdParamsPresentFlag {
                            _ = try reader.ue("cpb_size_du_value_minus1")
                            _ = try reader.ue("bit_rate_du_value_minus1")
                        }
                        _ = try reader.flag("cbr_flag")
                    }
                }
            }
        }
    }
}
