import CamprintCodecs
import CamprintTestSupport
import CamprintWire
import Testing

@Suite struct H264SPSTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func hikvisionHigh1280x960() throws {
        let path = "hikvision/sps/mediacommon_hikvision_sps_high_1280x960.nal"
        let sps = try H264.SPS(parsing: try Corpus.bytes(path))
        #expect(sps.profileIdc == 100, "\(path)")
        #expect(sps.profileName == "High")
        #expect(sps.levelName == "3.2")
        #expect(sps.width == 1280 && sps.height == 960)
        #expect(sps.log2MaxFrameNumMinus4 == 10)
        #expect(sps.log2MaxPicOrderCntLsbMinus4 == 4)
        #expect(sps.maxNumRefFrames == 1)
        #expect(sps.vui?.numUnitsInTick == 1800 && sps.vui?.timeScale == 90000)
        #expect(sps.vui?.fixedFrameRateFlag == true)
        #expect(sps.frameRate == 25)
        #expect(sps.quirks.isEmpty, "\(sps.quirks)")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func hikvisionMain1080pWithBothHRDs() throws {
        let path = "hikvision/sps/mediacommon_hikvision_sps_main_1080p_nal_vcl_hrd.nal"
        let sps = try H264.SPS(parsing: try Corpus.bytes(path))
        #expect(sps.profileName == "Main" && sps.levelName == "4.1", "\(path)")
        #expect(sps.codedHeight == 1088 && sps.frameCropBottomOffset == 4)
        #expect(sps.width == 1920 && sps.height == 1080)
        let vui = try #require(sps.vui)
        #expect(vui.aspectRatioIdc == 1)
        #expect(vui.videoFormat == 5 && vui.videoFullRangeFlag == true)
        #expect(vui.colourPrimaries == 1 && vui.transferCharacteristics == 1 && vui.matrixCoefficients == 1)
        #expect(vui.numUnitsInTick == 1000 && vui.timeScale == 50000)
        for hrd in [vui.nalHRD, vui.vclHRD] {
            let hrd = try #require(hrd)
            #expect(hrd.bitRateScale == 4 && hrd.cpbSizeScale == 3)
            #expect(hrd.bitRateValueMinus1 == [11948] && hrd.cpbSizeValueMinus1 == [95585])
            #expect(hrd.cbrFlag == [false])
            #expect(hrd.initialCpbRemovalDelayLengthMinus1 == 23 && hrd.timeOffsetLength == 24)
        }
        #expect(vui.picStructPresentFlag)
        #expect(sps.frameRate == 25)
    }

    /// sprop-parameter-sets from corpus `rtsp_text/retina/hikvision_describe.txt`.
    @Test func spropFromHikvisionSDP() throws {
        let bytes = try #require(Base64.decode("Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA=="))
        let sps = try H264.SPS(parsing: bytes)
        #expect(sps.profileName == "Main" && sps.levelName == "4.1")
        #expect(sps.width == 1920 && sps.height == 1080)
        #expect(sps.vui?.timeScale == 60000 && sps.vui?.numUnitsInTick == 1000)
        let pps = try H264.PPS(parsing: try #require(Base64.decode("aO48gA==")))
        #expect(pps.picParameterSetId == 0 && pps.seqParameterSetId == 0 && pps.entropyCodingModeFlag)
    }

    /// SPS with aspect_ratio_idc 255 (Extended_SAR), written bit by bit.
    @Test func extendedSAR() throws {
        var bits = BitWriter()
        bits.write(66, 8)  // profile_idc Baseline
        bits.write(0xC0, 8)
        bits.write(30, 8)
        bits.ue(0)  // sps id
        bits.ue(0)  // log2_max_frame_num_minus4
        bits.ue(2)  // poc type
        bits.ue(1)  // max_num_ref_frames
        bits.write(0, 1)
        bits.ue(39)  // 640
        bits.ue(29)  // 480
        bits.write(1, 1)  // frame_mbs_only
        bits.write(1, 1)  // direct_8x8
        bits.write(0, 1)  // cropping
        bits.write(1, 1)  // vui
        bits.write(1, 1)
        bits.write(255, 8)
        bits.write(4, 16)
        bits.write(3, 16)
        bits.write(0, 4)  // overscan, signal type, chroma loc, timing
        bits.write(0, 5)  // hrd x2, pic_struct, restriction... (nal, vcl, pic_struct, restriction + pad)
        let sps = try H264.SPS(parsing: [0x67] + bits.finish())
        #expect(sps.vui?.aspectRatioIdc == 255 && sps.vui?.sarWidth == 4 && sps.vui?.sarHeight == 3)
        #expect(sps.width == 640 && sps.height == 480)
        #expect(sps.profileName == "Constrained Baseline")
    }

    @Test func truncatedSPSFails() throws {
        let bytes = try #require(Base64.decode("Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA=="))
        let error = #expect(throws: CodecError.self) { try H264.SPS(parsing: bytes.prefix(6)) }
        #expect(error?.code == .truncated)
    }

    @Test func hugeExpGolombIsRejected() {
        // seq_parameter_set_id with 40 leading zeros.
        let bytes: [UInt8] = [0x67, 0x42, 0, 0x1E, 0, 0, 0, 0, 0, 0x80]
        let error = #expect(throws: CodecError.self) { try H264.SPS(parsing: bytes) }
        #expect(error?.code == .valueOutOfRange)
    }

    @Test func pocCycleAboveLimitIsRejected() {
        var bits = BitWriter()
        bits.write(66, 8)
        bits.write(0, 8)
        bits.write(30, 8)
        bits.ue(0)
        bits.ue(0)
        bits.ue(1)  // poc type 1
        bits.write(0, 1)
        bits.se(0)
        bits.se(0)
        bits.ue(256)
        let error = #expect(throws: CodecError.self) { try H264.SPS(parsing: [0x67] + bits.finish()) }
        #expect(error?.code == .valueOutOfRange)
    }

    @Test func wrongNALTypeIsRejected() {
        let error = #expect(throws: CodecError.self) { try H264.SPS(parsing: [0x68, 0xCE, 0x3C, 0x80]) }
        #expect(error?.code == .unexpectedNALUnitType)
    }

    @Test func truncatedVUIKeepsSizeAndRecordsQuirk() throws {
        let bytes = try #require(Base64.decode("Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA=="))
        let sps = try H264.SPS(parsing: bytes.prefix(14))
        #expect(sps.width == 1920 && sps.vui == nil)
        #expect(sps.quirks.map(\.code) == ["h264.sps.vui.unparsable"])
    }
}

/// Writes bits MSB first, for hand-built RBSPs in tests.
struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0

    mutating func write(_ value: Int, _ count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(0x80 >> (bitCount % 8)) }
            bitCount += 1
        }
    }

    mutating func ue(_ value: Int) {
        let code = value + 1
        let length = Int.bitWidth - code.leadingZeroBitCount
        write(0, length - 1)
        write(code, length)
    }

    mutating func se(_ value: Int) {
        ue(value <= 0 ? -2 * value : 2 * value - 1)
    }

    /// The bytes with rbsp_trailing_bits.
    mutating func finish() -> [UInt8] {
        write(1, 1)
        while bitCount % 8 != 0 { write(0, 1) }
        return bytes
    }
}
