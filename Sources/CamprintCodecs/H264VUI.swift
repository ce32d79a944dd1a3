extension H264 {
    /// `vui_parameters()`, ITU-T H.264 Annex E.1.1.
    public struct VUI: Hashable, Sendable, Encodable {
        public var aspectRatioInfoPresentFlag = false
        public var aspectRatioIdc: Int?
        /// Present when `aspect_ratio_idc` is 255 (Extended_SAR).
        public var sarWidth: Int?
        public var sarHeight: Int?
        public var overscanInfoPresentFlag = false
        public var overscanAppropriateFlag: Bool?
        public var videoSignalTypePresentFlag = false
        public var videoFormat: Int?
        public var videoFullRangeFlag: Bool?
        public var colourDescriptionPresentFlag = false
        public var colourPrimaries: Int?
        public var transferCharacteristics: Int?
        public var matrixCoefficients: Int?
        public var chromaLocInfoPresentFlag = false
        public var chromaSampleLocTypeTopField: Int?
        public var chromaSampleLocTypeBottomField: Int?
        public var timingInfoPresentFlag = false
        public var numUnitsInTick: UInt32?
        public var timeScale: UInt32?
        public var fixedFrameRateFlag: Bool?
        public var nalHRD: HRDParameters?
        public var vclHRD: HRDParameters?
        public var lowDelayHrdFlag: Bool?
        public var picStructPresentFlag = false
        public var bitstreamRestrictionFlag = false
        public var motionVectorsOverPicBoundariesFlag: Bool?
        public var maxBytesPerPicDenom: Int?
        public var maxBitsPerMbDenom: Int?
        public var log2MaxMvLengthHorizontal: Int?
        public var log2MaxMvLengthVertical: Int?
        public var maxNumReorderFrames: Int?
        public var maxDecFrameBuffering: Int?

        init(reading reader: inout RBSPReader) throws(CodecError) {
            aspectRatioInfoPresentFlag = try reader.flag("aspect_ratio_info_present_flag")
            if aspectRatioInfoPresentFlag {
                let idc = try reader.u(8, "aspect_ratio_idc")
                aspectRatioIdc = idc
                if idc == 255 {
                    sarWidth = try reader.u(16, "sar_width")
                    sarHeight = try reader.u(16, "sar_height")
                }
            }
            overscanInfoPresentFlag = try reader.flag("overscan_info_present_flag")
            if overscanInfoPresentFlag { overscanAppropriateFlag = try reader.flag("overscan_appropriate_flag") }
            videoSignalTypePresentFlag = try reader.flag("video_signal_type_present_flag")
            if videoSignalTypePresentFlag {
                videoFormat = try reader.u(3, "video_format")
                videoFullRangeFlag = try reader.flag("video_full_range_flag")
                colourDescriptionPresentFlag = try reader.flag("colour_description_present_flag")
                if colourDescriptionPresentFlag {
                    colourPrimaries = try reader.u(8, "colour_primaries")
                    transferCharacteristics = try reader.u(8, "transfer_characteristics")
                    matrixCoefficients = try reader.u(8, "matrix_coefficients")
                }
            }
            chromaLocInfoPresentFlag = try reader.flag("chroma_loc_info_present_flag")
            if chromaLocInfoPresentFlag {
                chromaSampleLocTypeTopField = try reader.ue("chroma_sample_loc_type_top_field", max: 5)
                chromaSampleLocTypeBottomField = try reader.ue("chroma_sample_loc_type_bottom_field", max: 5)
            }
            timingInfoPresentFlag = try reader.flag("timing_info_present_flag")
            if timingInfoPresentFlag {
                numUnitsInTick = UInt32(truncatingIfNeeded: try reader.u(32, "num_units_in_tick"))
                timeScale = UInt32(truncatingIfNeeded: try reader.u(32, "time_scale"))
                fixedFrameRateFlag = try reader.flag("fixed_frame_rate_flag")
            }
            if try reader.flag("nal_hrd_parameters_present_flag") { nalHRD = try HRDParameters(reading: &reader) }
            if try reader.flag("vcl_hrd_parameters_present_flag") { vclHRD = try HRDParameters(reading: &reader) }
            if nalHRD != nil || vclHRD != nil { lowDelayHrdFlag = try reader.flag("low_delay_hrd_flag") }
            picStructPresentFlag = try reader.flag("pic_struct_present_flag")
            bitstreamRestrictionFlag = try reader.flag("bitstream_restriction_flag")
            if bitstreamRestrictionFlag {
                motionVectorsOverPicBoundariesFlag = try reader.flag("motion_vectors_over_pic_boundaries_flag")
                maxBytesPerPicDenom = try reader.ue("max_bytes_per_pic_denom", max: 16)
                maxBitsPerMbDenom = try reader.ue("max_bits_per_mb_denom", max: 16)
                log2MaxMvLengthHorizontal = try reader.ue("log2_max_mv_length_horizontal", max: 16)
                log2MaxMvLengthVertical = try reader.ue("log2_max_mv_length_vertical", max: 16)
                maxNumReorderFrames = try reader.ue("max_num_reorder_frames", max: 16)
                maxDecFrameBuffering = try reader.ue("max_dec_frame_buffering", max: 16)
            }
        }
    }
}
