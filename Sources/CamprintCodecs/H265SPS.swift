public import CamprintWire

extension H265 {
    /// Sequence parameter set, ITU-T H.265 §7.3.2.2, through `vui_parameters()`; the SPS
    /// extensions (range, multilayer, 3D, SCC) are not read.
    public struct SPS: Hashable, Sendable, Encodable {
        public var raw: HexBytes
        public var header: NALHeader
        public var spsVideoParameterSetId: Int
        public var spsMaxSubLayersMinus1: Int
        public var spsTemporalIdNestingFlag: Bool
        public var profileTierLevel: ProfileTierLevel
        public var spsSeqParameterSetId: Int
        public var chromaFormatIdc: Int
        public var separateColourPlaneFlag = false
        public var picWidthInLumaSamples: Int
        public var picHeightInLumaSamples: Int
        public var conformanceWindowFlag = false
        public var confWinLeftOffset = 0
        public var confWinRightOffset = 0
        public var confWinTopOffset = 0
        public var confWinBottomOffset = 0
        public var bitDepthLumaMinus8 = 0
        public var bitDepthChromaMinus8 = 0
        public var log2MaxPicOrderCntLsbMinus4 = 0
        public var spsMaxDecPicBufferingMinus1: [Int] = []
        public var spsMaxNumReorderPics: [Int] = []
        public var log2MinLumaCodingBlockSizeMinus3 = 0
        public var log2DiffMaxMinLumaCodingBlockSize = 0
        public var scalingListEnabledFlag = false
        public var ampEnabledFlag = false
        public var sampleAdaptiveOffsetEnabledFlag = false
        public var pcmEnabledFlag = false
        public var numShortTermRefPicSets = 0
        public var longTermRefPicsPresentFlag = false
        public var spsTemporalMvpEnabledFlag = false
        public var strongIntraSmoothingEnabledFlag = false
        public var vuiParametersPresentFlag = false
        public var vui: VUI?
        public var spsExtensionPresentFlag: Bool?
        /// `h265.sps.tail.unparsable` (fields after the bit depth could not be read; size and
        /// profile are kept), `h265.sps.vui.unparsable`, `h265.sps.conformance-window.exceeds-size`.
        public var quirks: [Quirk] = []

        /// Parses an SPS NAL unit (with its two-byte header).
        public init(parsing nalUnit: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
            let bytes = Array(nalUnit)
            header = try H265.header(of: bytes, expecting: .sps)
            raw = HexBytes(bytes)
            var reader = RBSPReader(nalUnit: bytes, headerLength: 2)
            spsVideoParameterSetId = try reader.u(4, "sps_video_parameter_set_id")
            spsMaxSubLayersMinus1 = try reader.u(3, "sps_max_sub_layers_minus1")
            guard spsMaxSubLayersMinus1 <= 6 else {
                throw reader.error(.valueOutOfRange, "sps_max_sub_layers_minus1 = \(spsMaxSubLayersMinus1)")
            }
            spsTemporalIdNestingFlag = try reader.flag("sps_temporal_id_nesting_flag")
            profileTierLevel = try ProfileTierLevel(reading: &reader, maxNumSubLayersMinus1: spsMaxSubLayersMinus1)
            spsSeqParameterSetId = try reader.ue("sps_seq_parameter_set_id", max: 15)
            chromaFormatIdc = try reader.ue("chroma_format_idc", max: 3)
            if chromaFormatIdc == 3 { separateColourPlaneFlag = try reader.flag("separate_colour_plane_flag") }
            picWidthInLumaSamples = try reader.ue("pic_width_in_luma_samples", max: 1 << 16)
            picHeightInLumaSamples = try reader.ue("pic_height_in_luma_samples", max: 1 << 16)
            conformanceWindowFlag = try reader.flag("conformance_window_flag")
            if conformanceWindowFlag {
                confWinLeftOffset = try reader.ue("conf_win_left_offset", max: 1 << 16)
                confWinRightOffset = try reader.ue("conf_win_right_offset", max: 1 << 16)
                confWinTopOffset = try reader.ue("conf_win_top_offset", max: 1 << 16)
                confWinBottomOffset = try reader.ue("conf_win_bottom_offset", max: 1 << 16)
            }
            bitDepthLumaMinus8 = try reader.ue("bit_depth_luma_minus8", max: 8)
            bitDepthChromaMinus8 = try reader.ue("bit_depth_chroma_minus8", max: 8)
            if width <= 0 || height <= 0 {
                quirks.append(Quirk("h265.sps.conformance-window.exceeds-size", "window removes the whole picture"))
            }
            do {
                try readTail(&reader, limits)
            } catch {
                quirks.append(Quirk("h265.sps.tail.unparsable", error.excerpt, offset: error.offset))
            }
        }

        private mutating func readTail(_ reader: inout RBSPReader, _ limits: CodecLimits) throws(CodecError) {
            log2MaxPicOrderCntLsbMinus4 = try reader.ue("log2_max_pic_order_cnt_lsb_minus4", max: 12)
            let orderingInfo = try reader.flag("sps_sub_layer_ordering_info_present_flag")
            for _ in (orderingInfo ? 0 : spsMaxSubLayersMinus1)...spsMaxSubLayersMinus1 {
                spsMaxDecPicBufferingMinus1.append(try reader.ue("sps_max_dec_pic_buffering_minus1", max: 15))
                spsMaxNumReorderPics.append(try reader.ue("sps_max_num_reorder_pics", max: 15))
                _ = try reader.ue("sps_max_latency_increase_plus1")
            }
            log2MinLumaCodingBlockSizeMinus3 = try reader.ue("log2_min_luma_coding_block_size_minus3", max: 3)
            log2DiffMaxMinLumaCodingBlockSize = try reader.ue("log2_diff_max_min_luma_coding_block_size", max: 3)
            _ = try reader.ue("log2_min_luma_transform_block_size_minus2", max: 3)
            _ = try reader.ue("log2_diff_max_min_luma_transform_block_size", max: 3)
            _ = try reader.ue("max_transform_hierarchy_depth_inter", max: 4)
            _ = try reader.ue("max_transform_hierarchy_depth_intra", max: 4)
            scalingListEnabledFlag = try reader.flag("scaling_list_enabled_flag")
            if scalingListEnabledFlag, try reader.flag("sps_scaling_list_data_present_flag") {
                try Self.skipScalingListData(&reader)
            }
            ampEnabledFlag = try reader.flag("amp_enabled_flag")
            sampleAdaptiveOffsetEnabledFlag = try reader.flag("sample_adaptive_offset_enabled_flag")
            pcmEnabledFlag = try reader.flag("pcm_enabled_flag")
            if pcmEnabledFlag {
                try reader.skip(8, "pcm_sample_bit_depth")
                _ = try reader.ue("log2_min_pcm_luma_coding_block_size_minus3", max: 2)
                _ = try reader.ue("log2_diff_max_min_pcm_luma_coding_block_size", max: 2)
                _ = try reader.flag("pcm_loop_filter_disabled_flag")
            }
            numShortTermRefPicSets = try reader.ue("num_short_term_ref_pic_sets", max: limits.maxShortTermRefPicSets)
            var numDeltaPocs: [Int] = []
            for index in 0..<numShortTermRefPicSets {
                numDeltaPocs.append(try Self.readShortTermRefPicSet(&reader, index: index, numDeltaPocs: numDeltaPocs))
            }
            longTermRefPicsPresentFlag = try reader.flag("long_term_ref_pics_present_flag")
            if longTermRefPicsPresentFlag {
                let count = try reader.ue("num_long_term_ref_pics_sps", max: 32)
                try reader.skip(count * (log2MaxPicOrderCntLsbMinus4 + 4 + 1), "lt_ref_pic_poc_lsb_sps")
            }
            spsTemporalMvpEnabledFlag = try reader.flag("sps_temporal_mvp_enabled_flag")
            strongIntraSmoothingEnabledFlag = try reader.flag("strong_intra_smoothing_enabled_flag")
            vuiParametersPresentFlag = try reader.flag("vui_parameters_present_flag")
            if vuiParametersPresentFlag {
                do {
                    vui = try VUI(reading: &reader, maxSubLayersMinus1: spsMaxSubLayersMinus1)
                } catch {
                    quirks.append(Quirk("h265.sps.vui.unparsable", error.excerpt, offset: error.offset))
                    return
                }
            }
            spsExtensionPresentFlag = try reader.flag("sps_extension_present_flag")
        }

        /// `scaling_list_data()`, §7.3.4: read and discarded.
        static func skipScalingListData(_ reader: inout RBSPReader) throws(CodecError) {
            for sizeId in 0..<4 {
                for _ in stride(from: 0, to: 6, by: sizeId == 3 ? 3 : 1) {
                    if try !reader.flag("scaling_list_pred_mode_flag") {
                        _ = try reader.ue("scaling_list_pred_matrix_id_delta", max: 5)
                    } else {
                        let coefficients = Swift.min(64, 1 << (4 + (sizeId << 1)))
                        if sizeId > 1 { _ = try reader.se("scaling_list_dc_coef_minus8") }
                        for _ in 0..<coefficients { _ = try reader.se("scaling_list_delta_coef") }
                    }
                }
            }
        }

        /// `st_ref_pic_set(stRpsIdx)`, §7.3.7, as it appears in the SPS; returns NumDeltaPocs.
        static func readShortTermRefPicSet(
            _ reader: inout RBSPReader,
            index: Int,
            numDeltaPocs: [Int]
        ) throws(CodecError) -> Int {
            if index != 0, try reader.flag("inter_ref_pic_set_prediction_flag") {
                _ = try reader.flag("delta_rps_sign")
                _ = try reader.ue("abs_delta_rps_minus1", max: 1 << 15 - 1)
                var count = 0
                for _ in 0...numDeltaPocs[index - 1] {
                    let used = try reader.flag("used_by_curr_pic_flag")
                    let useDelta = used ? true : try reader.flag("use_delta_flag")
                    if used || useDelta { count += 1 }
                }
                return count
            }
            let negative = try reader.ue("num_negative_pics", max: 16)
            let positive = try reader.ue("num_positive_pics", max: 16)
            for _ in 0..<(negative + positive) {
                _ = try reader.ue("delta_poc_minus1", max: 1 << 15 - 1)
                _ = try reader.flag("used_by_curr_pic_flag")
            }
            return negative + positive
        }

        private var subWidthC: Int { chromaFormatIdc == 1 || chromaFormatIdc == 2 ? 2 : 1 }
        private var subHeightC: Int { chromaFormatIdc == 1 ? 2 : 1 }

        /// Width after the conformance window (§7.4.3.2.1): 1920 for a 1920-wide picture
        /// without window.
        public var width: Int { picWidthInLumaSamples - subWidthC * (confWinLeftOffset + confWinRightOffset) }
        /// Height after the conformance window (1088 coded with an 8-line window gives 1080).
        public var height: Int { picHeightInLumaSamples - subHeightC * (confWinTopOffset + confWinBottomOffset) }

        public var bitDepthLuma: Int { bitDepthLumaMinus8 + 8 }
        public var bitDepthChroma: Int { bitDepthChromaMinus8 + 8 }

        /// vui_time_scale / vui_num_units_in_tick, when both are present and non-zero.
        public var frameRate: Double? {
            guard let vui, let scale = vui.timeScale, let tick = vui.numUnitsInTick, scale > 0, tick > 0 else {
                return nil
            }
            return Double(scale) / Double(tick)
        }
    }
}
