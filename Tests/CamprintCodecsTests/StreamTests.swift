import CamprintCodecs
import CamprintTestSupport
import CamprintWire
import Testing

@Suite struct StreamTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func huaweiBaselineGOP() throws {
        let path = "no-license/huawei_ipc_h264_1080p_gop1.h264"
        let summary = ElementaryStream.scan(try Corpus.bytes(path), codec: .h264)
        let counts = Dictionary(uniqueKeysWithValues: summary.typeCounts.map { ($0.nalUnitType, $0.count) })
        // MANIFEST: SPS, PPS, SEI, 9 IDR slices + 441 non-IDR slices (453 NAL units).
        #expect(counts == [7: 1, 8: 1, 6: 1, 5: 9, 1: 441], "\(path): \(summary.typeCounts)")
        #expect(summary.nalUnitCount == 453)
        let sps = try #require(summary.h264SPS.first)
        #expect(sps.profileName == "Baseline" && sps.levelName == "4.2")
        #expect(summary.width == 1920 && summary.height == 1080)
        // No VUI timing in this SPS: FFmpeg's "25 fps" is its raw-H.264 default.
        #expect(sps.vui?.timingInfoPresentFlag != true && summary.frameRate == nil)
        #expect(summary.keyframeCount == 1 && summary.keyframePositions.first?.nalIndex == 3)
        let sei = try #require(summary.seiMessages.first)
        #expect(sei.message.payloadType == 229 && sei.message.payload.bytes == [0x4B] && sei.nalIndex == 2)
        #expect(summary.quirks.isEmpty, "\(summary.quirks)")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func imkhHeaderAndH265InPES() throws {
        let path = "no-license/hikvision_imkh_ps_h265_head_480B.bin"
        let bytes = try Corpus.bytes(path)
        let header = try IMKHMediaHeader(parsing: bytes.prefix(40))
        // Bytes `01 02` little-endian: 0x0201 (MANIFEST writes the bytes in file order, "0x0102").
        #expect(header.mediaVersion == 0x0201 && header.systemFormat == 2 && header.videoFormat == 5, "\(path)")
        #expect(header.systemFormatName == "MPEG2-PS" && header.videoFormatName == "H.265")
        #expect(header.quirks.isEmpty)
        // The PES packets split the parameter sets; the start codes inside them still delimit the
        // NAL units, followed by PES headers that end each unit's range. Parse each unit up to
        // the next PES start code (00 00 01 E0).
        var parsed: [ParsedNALUnit] = []
        for range in AnnexB.nalUnitRanges(in: bytes) where bytes[range.lowerBound] != 0xE0 {
            let type = bytes[range.lowerBound] >> 1 & 0x3F
            guard [32, 33, 34, 39].contains(type) else { continue }
            parsed.append(try ParsedNALUnit.parse(bytes[range], codec: .h265))
        }
        guard parsed.count == 4, case .h265VPS(let vps) = parsed[0], case .h265SPS(let sps) = parsed[1],
            case .h265PPS(let pps) = parsed[2], case .sei(let sei) = parsed[3]
        else {
            Issue.record("\(path): expected VPS, SPS, PPS, SEI, got \(parsed)")
            return
        }
        #expect(vps.profileTierLevel.generalProfileIdc == 1)
        #expect(sps.profileTierLevel.profileName == "Main" && sps.profileTierLevel.levelName == "5.1")
        // A 5 MP stream (ffprobe agrees: 2592x1944 Main, level_idc 153).
        #expect(sps.width == 2592 && sps.height == 1944, "\(sps.width)x\(sps.height)")
        #expect(sps.profileTierLevel.generalLevelIdc == 153)
        #expect(pps.ppsPicParameterSetId == 0)
        #expect(sei.messages.map(\.payloadType) == [229])
        #expect(sei.messages.first?.payload.bytes == [0x4A, 0x25, 0x00, 0x00])
    }

    /// `a=Media_header:MEDIAINFO=` from corpus `rtsp_text/retina/hikvision_describe.txt`.
    @Test func imkhFromSDP() throws {
        let header = try IMKHMediaHeader(
            hex: "494D4B48010100000400010000000000000000000000000000000000000000000000000000000000;"
        )
        #expect(header.mediaVersion == 0x0101 && header.systemFormat == 4 && header.videoFormat == 1)
        #expect(header.systemFormatName == "RTP" && header.videoFormatName == "H.264 (HIK)")
        #expect(header.audioFormat == 0 && header.audioFormatName == nil)
    }

    @Test func imkhQuirksAndShortInput() throws {
        var bytes = [UInt8](repeating: 0, count: 41)
        bytes[8] = 0x01
        bytes[9] = 0x04
        let header = try IMKHMediaHeader(parsing: bytes)
        #expect(header.quirks.map(\.code) == ["imkh.magic.mismatch", "imkh.size.trailing-bytes"])
        #expect(header.systemFormat == 0x0401 && header.systemFormatName == "RTP (HIK)")
        let error = #expect(throws: CodecError.self) { try IMKHMediaHeader(parsing: bytes.prefix(39)) }
        #expect(error?.code == .truncated)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func avcCInsideAvc1SampleEntry() throws {
        let path = "hikvision/moonfire_hikvision_main_1080p_avc1_sample_entry.bin"
        let bytes = try Corpus.bytes(path)
        // The avcC box: 4-byte size, "avcC", payload.
        let tag = Array("avcC".utf8)
        let tagIndex = try #require(
            (4..<(bytes.count - 3)).first { Array(bytes[$0..<$0 + 4]) == tag },
            "\(path): no avcC box"
        )
        let size = bytes[(tagIndex - 4)..<tagIndex].reduce(0) { $0 << 8 | Int($1) }
        let record = try AVCDecoderConfigurationRecord(parsing: bytes[(tagIndex + 4)..<(tagIndex - 4 + size)])
        #expect(record.nalUnitLengthSize == 4 && record.avcProfileIndication == 77)
        let sps = try #require(record.sequenceParameterSets.first)
        #expect(sps.profileName == "Main" && sps.levelName == "4.1")
        #expect(sps.width == 1920 && sps.height == 1080)
        #expect(record.pictureParameterSets.count == 1 && record.quirks.isEmpty, "\(record.quirks)")
    }

    @Test(arguments: [
        ("h264/testsrc_1280x720_25fps_baseline.h264", 1280, 720, 25.0, 2),
        ("h264/testsrc_1920x1080_30fps_baseline.h264", 1920, 1080, 30.0, 1),
    ])
    func generatedH264(path: String, width: Int, height: Int, fps: Double, keyframes: Int) throws {
        let summary = ElementaryStream.scan(try Samples.bytes(path), codec: .h264)
        #expect(summary.width == width && summary.height == height, "\(path)")
        #expect(summary.frameRate == fps, "\(path)")
        #expect(summary.keyframeCount == keyframes, "\(path)")
        // x264 writes its version banner as user_data_unregistered.
        let banner = summary.seiMessages.first { $0.message.payloadType == 5 }
        guard case .userDataUnregistered(let uuid, let data)? = banner?.message.content else {
            Issue.record("\(path): no user_data_unregistered SEI")
            return
        }
        #expect(uuid.count == 16)
        #expect(ASCII.string(data.bytes).hasPrefix("x264"), "\(path)")
    }

    @Test(arguments: [
        ("h265/testsrc_1280x720_25fps_main.h265", 1280, 720, 25.0, 2),
        ("h265/testsrc_1920x1080_30fps_main.h265", 1920, 1080, 30.0, 1),
    ])
    func generatedH265(path: String, width: Int, height: Int, fps: Double, keyframes: Int) throws {
        let summary = ElementaryStream.scan(try Samples.bytes(path), codec: .h265)
        let sps = try #require(summary.h265SPS.first, "\(path)")
        #expect(sps.width == width && sps.height == height, "\(path)")
        #expect(sps.frameRate == fps, "\(path)")
        #expect(sps.profileTierLevel.profileName == "Main")
        #expect(summary.h265VPS.count == 1 && summary.h265PPS.count == 1)
        #expect(summary.keyframeCount == keyframes, "\(path)")
        #expect(summary.quirks.isEmpty, "\(path): \(summary.quirks)")
    }

    @Test func generatedH265CroppedFrom1088() throws {
        let summary = ElementaryStream.scan(try Samples.bytes("h265/testsrc_1920x1080_30fps_main.h265"), codec: .h265)
        let sps = try #require(summary.h265SPS.first)
        #expect(sps.picHeightInLumaSamples == 1088 && sps.confWinBottomOffset == 4)
    }
}
