import CamprintSDP
import CamprintTestSupport
import CamprintWire
import Testing

/// RFC 6184 §8.1 and RFC 7798 §7.1 views over `a=fmtp`.
@Suite struct SDPCodecViewTests {
    private func media(_ lines: [String]) throws -> MediaDescription {
        let text = (["v=0", "s=x", "t=0 0"] + lines).map { $0 + "\r\n" }.joined()
        return try #require(try SessionDescription(parsing: Array(text.utf8)).media.first)
    }

    @Test func univiewRawBinarySpropFixture() throws {
        let sdp = try SessionDescription(parsing: Samples.bytes("sdp/uniview-nvr-h265-raw-binary-sprop.sdp"))
        #expect(sdp.sessionName == "ONVIF RTSP Server")
        let video = try #require(sdp.media.first)
        #expect(video.h264() == nil)
        let h265 = try #require(video.h265())
        #expect(h265.quirks.map(\.code) == ["sdp.h265.h264-style-keys", "sdp.fmtp.sprop-not-base64"])
        #expect(h265.quirks.first?.detail.hasPrefix("sprop-parameter-sets,profile-level-id,packetizat") == true)
        #expect(h265.notBase64 == [HexBytes([0x42, 0x01, 0x01, 0x01, 0x60])])
        #expect(h265.spropPPS.first?.bytes.first == 0x44)
        #expect(video.attributes.frameRate?.value == 0)
        #expect(sdp.hasQuirk("sdp.framerate.zero"))
        #expect(try SessionDescription(parsing: Array(sdp.serialize().utf8)) == sdp)
    }

    @Test func h265WithoutFmtp() throws {
        let video = try media(["m=video 0 RTP/AVP 96", "a=rtpmap:96 H265/90000"])
        let h265 = try #require(video.h265())
        #expect(h265.quirks.map(\.code) == ["sdp.h265.no-fmtp"])
        #expect(h265.spropSPS.isEmpty)
    }

    @Test func h264WithoutFmtp() throws {
        let video = try media(["m=video 0 RTP/AVP 96", "a=rtpmap:96 h264/90000"])
        #expect(video.h264()?.quirks.map(\.code) == ["sdp.h264.no-fmtp"])
        #expect(video.h265() == nil)
    }

    @Test func noVideoCodecNoView() throws {
        let audio = try media(["m=audio 0 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=fmtp:8 sprop-parameter-sets=Z0IAHg=="])
        #expect(audio.h264() == nil)
        #expect(audio.h265() == nil)
    }

    @Test func profileLevelIDMatchesSPS() throws {
        let video = try media([
            "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
            "a=fmtp:96 profile-level-id=4D4029;packetization-mode=1;sprop-parameter-sets=Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA==,aO48gA==",
        ])
        let h264 = try #require(video.h264())
        // Constraint flags differ (40 vs 00) but profile_idc and level_idc agree: no mismatch.
        #expect(h264.quirks.isEmpty, "\(h264.quirks)")
        #expect(h264.profileLevelID?.constraintFlags == 0x40)
        #expect(h264.packetizationMode == 1)
    }

    @Test(arguments: [("42e01", "sdp.fmtp.profile-level-id-invalid"), ("zzzzzz", "sdp.fmtp.profile-level-id-invalid")])
    func invalidProfileLevelID(_ text: String, _ code: String) throws {
        let video = try media(["m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000", "a=fmtp:96 profile-level-id=\(text)"])
        let h264 = try #require(video.h264())
        #expect(h264.profileLevelID == nil)
        #expect(h264.quirks.map(\.code) == [code])
    }

    @Test func spropNotBase64AndEmptyEntries() throws {
        let video = try media([
            "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
            "a=fmtp:96 sprop-parameter-sets=Z0IAHg==,,not base64!",
        ])
        let h264 = try #require(video.h264())
        #expect(h264.spropParameterSets == [HexBytes([0x67, 0x42, 0x00, 0x1E])])
        #expect(h264.notBase64 == [HexBytes(Array("not base64!".utf8))])
        #expect(h264.quirks.map(\.code) == ["sdp.fmtp.sprop-empty-entry", "sdp.fmtp.sprop-not-base64"])
    }

    @Test func h265ProfileLevelMismatch() throws {
        // Dahua's SPS (retina dahua_describe_h265_pcma.txt) is Main (1), level 90; declare level 93.
        let sps = "QgEBAWAAAAMAsAAAAwAAAwBaoAWCAeFja5JFL83BQYFBAAADAAEAAAMADKE="
        let matching = try media([
            "m=video 0 RTP/AVP 98", "a=rtpmap:98 H265/90000", "a=fmtp:98 profile-id=1;level-id=90;sprop-sps=\(sps)",
        ])
        #expect(matching.h265()?.quirks.isEmpty == true)
        let contradicting = try media([
            "m=video 0 RTP/AVP 98", "a=rtpmap:98 H265/90000", "a=fmtp:98 profile-id=1;level-id=93;sprop-sps=\(sps)",
        ])
        let quirk = try #require(contradicting.h265()?.quirks.first)
        #expect(quirk.code == "sdp.fmtp.h265-profile-level-mismatch")
        #expect(quirk.detail == "fmtp profile-id=1 level-id=93, SPS 1/90")
    }

    @Test func viewForSpecificFormat() throws {
        let video = try media([
            "m=video 0 RTP/AVP 111 112", "a=rtpmap:111 H264/90000", "a=rtpmap:112 H264/90000",
            "a=fmtp:111 profile-level-id=42001E", "a=fmtp:112 profile-level-id=42001F",
        ])
        #expect(video.h264()?.format == "111")
        #expect(video.h264(format: "112").profileLevelID?.levelIDC == 0x1F)
    }
}
