extension H265 {
    /// `vui_parameters()`, ITU-T H.265 Annex E.2.1.
    public struct VUI: Hashable, Sendable, Encodable {
        public var aspectRatioIdc: Int?
        public var sarWidth: Int?
        public var sarHeight: Int?
        public var overscanAppropriateFlag: Bool?
        public var videoFormat: Int?
        public var videoFullRangeFlag: Bool?
        public var colourPrimaries: Int?
        public var transferCharacteristics: Int?
        public var matrixCoeffs: Int?
        public var chromaSampleLocTypeTopField: Int?
        public var chromaSampleLocTypeBottomField: Int?
        public var neutralChromaIndicationFlag = false
        public var fieldSeqFlag = false
        public var frameFieldInfoPresentFlag = false
        public var defaultDisplayWindow: [Int]?
        public var numUnitsInTick: UInt32?
        public var timeScale: UInt32?
        public var pocProportionalToTimingFlag: Bool?
        public var numTicksPocDiffOneMinus1: Int?
        public var hrd: HRDParameters?
        public var bitstreamRestrictionFlag = false
        public var minSpatialSegmentationIdc: Int?
        public var maxBytesPerPicDenom: Int?
        public var maxBitsPerMinCuDenom: Int?

        init(reading reader: inout RBSPReader, maxSubLayersMinus1: Int) throws(CodecError) {
            if try reader.flag("aspect_ratio_info_present_flag") {
                let idc = try reader.u(8, "aspect_ratio_idc")
                aspectRatioIdc = idc
                if idc == 255 {
                    sarWidth = try reader.u(16, "sar_width")
                    sarHeight = try reader.u(16, "sar_height")
                }
            }
            if try reader.flag("overscan_info_present_flag") {
                overscanAppropriateFlag = try reader.flag("overscan_appropriate_flag")
            }
            if try reader.flag("video_signal_type_present_flag") {
                videoFormat = try reader.u(3, "video_format")
                videoFullRangeFlag = try reader.flag("video_full_range_flag")
                if try reader.flag("colour_description_present_flag") {
                    colourPrimaries = try reader.u(8, "colour_primaries")
                    transferCharacteristics = try reader.u(8, "transfer_characteristics")
                    matrixCoeffs = try reader.u(8, "matrix_coeffs")
                }
            }
            if try reader.flag("chroma_loc_info_present_flag") {
                chromaSampleLocTypeTopField = try reader.ue("chroma_sample_loc_type_top_field", max: 5)
                chromaSampleLocTypeBottomField = try reader.ue("chroma_sample_loc_type_bottom_field", max: 5)
            }
            neutralChromaIndicationFlag = try reader.flag("neutral_chroma_indication_flag")
            fieldSeqFlag = try reader.flag("field_seq_flag")
            frameFieldInfoPresentFlag = try reader.flag("frame_field_info_present_flag")
            if try reader.flag("default_display_window_flag") {
                var offsets: [Int] = []
                for _ in 0..<4 { offsets.append(try reader.ue("def_disp_win_offset", max: 1 << 20)) }
                defaultDisplayWindow = offsets
            }
            if try reader.flag("vui_timing_info_present_flag") {
                numUnitsInTick = UInt32(truncatingIfNeeded: try reader.u(32, "vui_num_units_in_tick"))
                timeScale = UInt32(truncatingIfNeeded: try reader.u(32, "vui_time_scale"))
                let proportional = try reader.flag("vui_poc_proportional_to_timing_flag")
                pocProportionalToTimingFlag = proportional
                if proportional { numTicksPocDiffOneMinus1 = try reader.ue("vui_num_ticks_poc_diff_one_minus1") }
                if try reader.flag("vui_hrd_parameters_present_flag") {
                    hrd = try HRDParameters(
                        reading: &reader,
                        commonInfPresentFlag: true,
                        maxNumSubLayersMinus1: maxSubLayersMinus1
                    )
                }
            }
            bitstreamRestrictionFlag = try reader.flag("bitstream_restriction_flag")
            if bitstreamRestrictionFlag {
                try reader.skip(3, "bitstream_restriction_flags")
                minSpatialSegmentationIdc = try reader.ue("min_spatial_segmentation_idc", max: 4095)
                maxBytesPerPicDenom = try reader.ue("max_bytes_per_pic_denom", max: 16)
                maxBitsPerMinCuDenom = try reader.ue("max_bits_per_min_cu_denom", max: 16)
                _ = try reader.ue("log2_max_mv_length_horizontal", max: 16)
                _ = try reader.ue("log2_max_mv_length_vertical", max: 15)
            }
        }
    }
}
