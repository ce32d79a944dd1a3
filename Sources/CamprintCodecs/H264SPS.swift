public import CamprintWire

extension H264 {
    /// Sequence parameter set, ITU-T H.264 §7.3.2.1.1, with the derived picture size and frame
    /// rate.
    public struct SPS: Hashable, Sendable, Encodable {
        /// The NAL unit as given (header included, emulation prevention kept).
        public var raw: HexBytes
        public var profileIdc: Int
        /// constraint_set0_flag … constraint_set5_flag and reserved_zero_2bits, as one byte.
        public var constraintFlags: UInt8
        public var levelIdc: Int
        public var seqParameterSetId: Int
        public var chromaFormatIdc: Int = 1
        public var separateColourPlaneFlag = false
        public var bitDepthLumaMinus8 = 0
        public var bitDepthChromaMinus8 = 0
        public var qpprimeYZeroTransformBypassFlag = false
        public var seqScalingMatrixPresentFlag = false
        /// seq_scaling_list_present_flag[i]; the lists themselves are read and discarded.
        public var seqScalingListPresentFlags: [Bool] = []
        public var log2MaxFrameNumMinus4 = 0
        public var picOrderCntType = 0
        public var log2MaxPicOrderCntLsbMinus4: Int?
        public var deltaPicOrderAlwaysZeroFlag: Bool?
        public var offsetForNonRefPic: Int?
        public var offsetForTopToBottomField: Int?
        public var offsetForRefFrame: [Int]?
        public var maxNumRefFrames = 0
        public var gapsInFrameNumValueAllowedFlag = false
        public var picWidthInMbsMinus1 = 0
        public var picHeightInMapUnitsMinus1 = 0
        public var frameMbsOnlyFlag = true
        public var mbAdaptiveFrameFieldFlag = false
        public var direct8x8InferenceFlag = false
        public var frameCroppingFlag = false
        public var frameCropLeftOffset = 0
        public var frameCropRightOffset = 0
        public var frameCropTopOffset = 0
        public var frameCropBottomOffset = 0
        public var vuiParametersPresentFlag = false
        public var vui: VUI?
        /// `h264.sps.vui.unparsable` (VUI cut short or invalid; fields before it are kept),
        /// `h264.sps.crop.exceeds-size`, `h264.sps.trailing-bits.missing`.
        public var quirks: [Quirk] = []

        /// Parses an SPS NAL unit (with its one-byte header, without a start code).
        public init(parsing nalUnit: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
            let bytes = Array(nalUnit)
            guard let header = NALHeader(nalUnit: bytes) else {
                throw CodecError(.missingNALHeader, offset: 0, excerpt: "empty NAL unit")
            }
            guard header.nalUnitType == .sps else {
                throw CodecError(.unexpectedNALUnitType, offset: 0, excerpt: "nal_unit_type \(header.nalUnitType)")
            }
            var reader = RBSPReader(nalUnit: bytes, headerLength: 1)
            raw = HexBytes(bytes)
            profileIdc = try reader.u(8, "profile_idc")
            constraintFlags = UInt8(try reader.u(8, "constraint_set_flags"))
            levelIdc = try reader.u(8, "level_idc")
            seqParameterSetId = try reader.ue("seq_parameter_set_id", max: 31)
            if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(profileIdc) {
                chromaFormatIdc = try reader.ue("chroma_format_idc", max: 3)
                if chromaFormatIdc == 3 { separateColourPlaneFlag = try reader.flag("separate_colour_plane_flag") }
                bitDepthLumaMinus8 = try reader.ue("bit_depth_luma_minus8", max: 6)
                bitDepthChromaMinus8 = try reader.ue("bit_depth_chroma_minus8", max: 6)
                qpprimeYZeroTransformBypassFlag = try reader.flag("qpprime_y_zero_transform_bypass_flag")
                seqScalingMatrixPresentFlag = try reader.flag("seq_scaling_matrix_present_flag")
                if seqScalingMatrixPresentFlag {
                    for index in 0..<(chromaFormatIdc != 3 ? 8 : 12) {
                        let present = try reader.flag("seq_scaling_list_present_flag")
                        seqScalingListPresentFlags.append(present)
                        if present { try Self.skipScalingList(&reader, size: index < 6 ? 16 : 64) }
                    }
                }
            }
            log2MaxFrameNumMinus4 = try reader.ue("log2_max_frame_num_minus4", max: 12)
            picOrderCntType = try reader.ue("pic_order_cnt_type", max: 2)
            if picOrderCntType == 0 {
                log2MaxPicOrderCntLsbMinus4 = try reader.ue("log2_max_pic_order_cnt_lsb_minus4", max: 12)
            } else if picOrderCntType == 1 {
                deltaPicOrderAlwaysZeroFlag = try reader.flag("delta_pic_order_always_zero_flag")
                offsetForNonRefPic = try reader.se("offset_for_non_ref_pic")
                offsetForTopToBottomField = try reader.se("offset_for_top_to_bottom_field")
                let cycle = try reader.ue(
                    "num_ref_frames_in_pic_order_cnt_cycle",
                    max: limits.maxNumRefFramesInPicOrderCntCycle
                )
                var offsets: [Int] = []
                for _ in 0..<cycle { offsets.append(try reader.se("offset_for_ref_frame")) }
                offsetForRefFrame = offsets
            }
            maxNumRefFrames = try reader.ue("max_num_ref_frames", max: 255)
            gapsInFrameNumValueAllowedFlag = try reader.flag("gaps_in_frame_num_value_allowed_flag")
            picWidthInMbsMinus1 = try reader.ue("pic_width_in_mbs_minus1", max: 65_535)
            picHeightInMapUnitsMinus1 = try reader.ue("pic_height_in_map_units_minus1", max: 65_535)
            frameMbsOnlyFlag = try reader.flag("frame_mbs_only_flag")
            if !frameMbsOnlyFlag { mbAdaptiveFrameFieldFlag = try reader.flag("mb_adaptive_frame_field_flag") }
            direct8x8InferenceFlag = try reader.flag("direct_8x8_inference_flag")
            frameCroppingFlag = try reader.flag("frame_cropping_flag")
            if frameCroppingFlag {
                frameCropLeftOffset = try reader.ue("frame_crop_left_offset", max: 1 << 20)
                frameCropRightOffset = try reader.ue("frame_crop_right_offset", max: 1 << 20)
                frameCropTopOffset = try reader.ue("frame_crop_top_offset", max: 1 << 20)
                frameCropBottomOffset = try reader.ue("frame_crop_bottom_offset", max: 1 << 20)
            }
            vuiParametersPresentFlag = try reader.flag("vui_parameters_present_flag")
            if vuiParametersPresentFlag {
                do {
                    vui = try VUI(reading: &reader)
                } catch {
                    quirks.append(Quirk("h264.sps.vui.unparsable", error.excerpt, offset: error.offset))
                }
            }
            if vui != nil || !vuiParametersPresentFlag, reader.bitsRemaining == 0 {
                quirks.append(Quirk("h264.sps.trailing-bits.missing", "no rbsp_stop_one_bit", offset: bytes.count))
            }
            if width <= 0 || height <= 0 {
                quirks.append(Quirk("h264.sps.crop.exceeds-size", "cropping removes the whole picture"))
            }
        }

        /// `scaling_list()`, §7.3.2.1.1.1: read and discarded.
        static func skipScalingList(_ reader: inout RBSPReader, size: Int) throws(CodecError) {
            var lastScale = 8
            var nextScale = 8
            for _ in 0..<size where nextScale != 0 {
                let delta = try reader.se("delta_scale")
                guard (-128...127).contains(delta) else { throw reader.error(.valueOutOfRange, "delta_scale") }
                nextScale = (lastScale + delta + 256) % 256
                if nextScale != 0 { lastScale = nextScale }
            }
        }

        /// `ChromaArrayType` (§7.4.2.1.1).
        public var chromaArrayType: Int { separateColourPlaneFlag ? 0 : chromaFormatIdc }

        /// Width in luma samples before cropping.
        public var codedWidth: Int { (picWidthInMbsMinus1 + 1) * 16 }
        /// Height in luma samples before cropping (frame height, both fields for field coding).
        public var codedHeight: Int { (2 - (frameMbsOnlyFlag ? 1 : 0)) * (picHeightInMapUnitsMinus1 + 1) * 16 }

        private var cropUnitX: Int { chromaArrayType == 0 ? 1 : (chromaFormatIdc == 3 ? 1 : 2) }
        private var cropUnitY: Int {
            (chromaArrayType == 0 ? 1 : (chromaFormatIdc == 1 ? 2 : 1)) * (2 - (frameMbsOnlyFlag ? 1 : 0))
        }
        /// Displayed width: coded width minus the frame cropping (§7.4.2.1.1, Eq. 7-19…7-22).
        public var width: Int { codedWidth - cropUnitX * (frameCropLeftOffset + frameCropRightOffset) }
        /// Displayed height: coded height minus the frame cropping (1920x1088 coded → 1080).
        public var height: Int { codedHeight - cropUnitY * (frameCropTopOffset + frameCropBottomOffset) }

        /// time_scale / (2 · num_units_in_tick) from the VUI timing info, when both are non-zero.
        public var frameRate: Double? {
            guard let vui, let scale = vui.timeScale, let tick = vui.numUnitsInTick, scale > 0, tick > 0 else {
                return nil
            }
            return Double(scale) / (2 * Double(tick))
        }

        public var constraintSet0Flag: Bool { constraintFlags & 0x80 != 0 }
        public var constraintSet1Flag: Bool { constraintFlags & 0x40 != 0 }
        public var constraintSet3Flag: Bool { constraintFlags & 0x10 != 0 }

        /// The Annex A profile name (`Baseline`, `Constrained Baseline`, `Main`, `High`, …).
        public var profileName: String { H264.profileName(profileIdc: profileIdc, constraintFlags: constraintFlags) }

        /// The level as written in Annex A (`4.1`, `1b`).
        public var levelName: String {
            H264.levelName(levelIdc: levelIdc, profileIdc: profileIdc, constraintFlags: constraintFlags)
        }

        public var bitDepthLuma: Int { bitDepthLumaMinus8 + 8 }
        public var bitDepthChroma: Int { bitDepthChromaMinus8 + 8 }
    }

    /// Annex A profile name for `profile_idc` and the constraint flags; `profile <n>` otherwise.
    public static func profileName(profileIdc: Int, constraintFlags: UInt8) -> String {
        switch profileIdc {
        case 66: constraintFlags & 0x40 != 0 ? "Constrained Baseline" : "Baseline"
        case 77: "Main"
        case 88: "Extended"
        case 100: "High"
        case 110: constraintFlags & 0x10 != 0 ? "High 10 Intra" : "High 10"
        case 122: constraintFlags & 0x10 != 0 ? "High 4:2:2 Intra" : "High 4:2:2"
        case 244: constraintFlags & 0x10 != 0 ? "High 4:4:4 Intra" : "High 4:4:4 Predictive"
        case 44: "CAVLC 4:4:4 Intra"
        case 83: "Scalable Baseline"
        case 86: "Scalable High"
        case 118: "Multiview High"
        case 128: "Stereo High"
        case 134: "MFC High"
        case 135: "MFC Depth High"
        case 138: "Multiview Depth High"
        case 139: "Enhanced Multiview Depth High"
        default: "profile \(profileIdc)"
        }
    }

    /// Annex A level: `level_idc / 10`, with level 1b for level_idc 9, or 11 with
    /// constraint_set3_flag in Baseline/Main/Extended.
    public static func levelName(levelIdc: Int, profileIdc: Int, constraintFlags: UInt8) -> String {
        if levelIdc == 9 { return "1b" }
        if levelIdc == 11, constraintFlags & 0x10 != 0, [66, 77, 88].contains(profileIdc) { return "1b" }
        return levelIdc % 10 == 0 ? "\(levelIdc / 10)" : "\(levelIdc / 10).\(levelIdc % 10)"
    }
}
