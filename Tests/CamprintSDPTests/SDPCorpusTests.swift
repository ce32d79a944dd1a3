import CamprintSDP
import CamprintTestSupport
import CamprintWire
import Testing

@Suite struct SDPCorpusTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusHasSDPBodies() {
        #expect(SDPCorpus.sdpFiles.count >= 20)
        #expect(SDPCorpus.describeFiles.count >= 15)
    }

    /// Every SDP body parses, keeps every line, and serializes back to the same bytes and value.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: SDPCorpus.allFiles)
    func parsesAndRoundTrips(_ path: String) throws {
        let body = try SDPCorpus.body(path)
        #expect(!body.isEmpty, "\(path): no SDP body found")
        let parsed = try SessionDescription(parsing: body)
        #expect(parsed.serializedBytes() == body, "\(path): serialized bytes differ from the input")
        #expect(parsed.lines.count == parsed.sessionLines.count + parsed.media.reduce(0) { $0 + $1.lines.count })
        #expect(!parsed.media.isEmpty || path.contains("amcrest"), "\(path): no media section")
        let reparsed = try SessionDescription(parsing: Array(parsed.serialize().utf8))
        #expect(reparsed == parsed, "\(path): parse(serialize(x)) != x")
        for media in parsed.media {
            // Every typed view must at least be computable without trapping, and agree on encoding.
            if let view = media.h264() {
                #expect(media.attributes.rtpMap(format: view.format) != nil, "\(path): h264 view without rtpmap")
            }
            if let view = media.h265() {
                #expect(media.attributes.rtpMap(format: view.format) != nil, "\(path): h265 view without rtpmap")
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func hikMediaServer() throws {
        let sdp = try SDPCorpus.parse("sdp/gortsplib_issue_mediamtx_227_hik_media_server.sdp")
        #expect(sdp.version == 0)
        #expect(sdp.sessionName == "HIK Media Server V3.1.3")
        #expect(sdp.information == "HIK Media Server Session Description : standard")
        #expect(sdp.origin?.username == "-")
        #expect(sdp.origin?.sessionID == "1109162014219182")
        #expect(sdp.origin?.sessionVersion == "0")
        #expect(sdp.origin?.address == "0.0.0.0")
        #expect(sdp.emails == ["NONE"])
        let duplicated = sdp.quirks.filter { $0.code == "sdp.connection.duplicated-nettype" }
        #expect(duplicated.count == 1)
        #expect(
            sdp.connection
                == SDPConnection(netType: "IN", addrType: "IP4", address: "0.0.0.0", raw: "IN c=IN IP4 0.0.0.0")
        )
        #expect(sdp.attributes.control == "*")
        let video = try #require(sdp.media.first)
        #expect(video.information == "Video Media")
        let h264 = try #require(video.h264())
        #expect(h264.packetizationMode == 0)
        #expect(h264.profileLevelID?.description == "4d0014")
        #expect(video.attributes.mediaHeader?.mediaInfo?.count == 40)
        #expect(video.attributes.appVersion == "1.0")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func retinaHikvisionDescribe() throws {
        let sdp = try SDPCorpus.parse("rtsp_text/retina/hikvision_describe.txt")
        #expect(sdp.sessionName == "Media Presentation")
        #expect(sdp.bandwidths == [SDPBandwidth(type: "AS", value: 5050, raw: "AS:5050")])
        #expect(sdp.media.map(\.media.media) == ["video", "application"])
        let video = sdp.media[0]
        #expect(video.attributes.direction == .recvonly)
        #expect(video.attributes.dimensions?.width == 1920)
        #expect(video.attributes.dimensions?.height == 1080)
        #expect(video.attributes.rtpMaps.first?.encodingName == "H264")
        #expect(video.attributes.rtpMaps.first?.clockRate == 90000)
        let fmtp = try #require(video.attributes.formatParameters.first)
        #expect(fmtp.parameters.map(\.name) == ["profile-level-id", "packetization-mode", "sprop-parameter-sets"])
        #expect(fmtp.parameters.map(\.raw).first == "profile-level-id=420029")
        #expect(sdp.hasQuirk("sdp.fmtp.space-after-semicolon"))
        let h264 = try #require(video.h264())
        #expect(
            h264.profileLevelID == ProfileLevelID(profileIDC: 0x42, constraintFlags: 0, levelIDC: 0x29, raw: "420029")
        )
        #expect(h264.spropParameterSets.count == 2)
        #expect(h264.spropParameterSets.first?.bytes.first == 0x67)
        #expect(h264.sequenceParameterSet?.bytes.prefix(4) == [0x67, 0x4D, 0x00, 0x29])
        #expect(h264.pictureParameterSets.first?.bytes.first == 0x68)
        let mismatch = h264.quirks.filter { $0.code == "sdp.fmtp.profile-level-id-mismatch" }
        #expect(mismatch.count == 1)
        #expect(mismatch.first?.detail == "fmtp 420029, SPS 4d0029")
        let header = try #require(sdp.media[1].attributes.mediaHeader?.mediaInfo)
        #expect(header.bytes.prefix(4) == [0x49, 0x4D, 0x4B, 0x48])
        #expect(sdp.mediaHeaders.count == 1)
        #expect(sdp.media[1].attributes.rtpMaps.first?.encodingName == "vnd.onvif.metadata")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dahuaH265Describe() throws {
        let sdp = try SDPCorpus.parse("rtsp_text/retina/dahua_describe_h265_pcma.txt")
        #expect(sdp.sessionName == "Media Server")
        let video = try #require(sdp.media.first)
        #expect(video.h264() == nil)
        let h265 = try #require(video.h265())
        #expect(h265.format == "98")
        #expect(h265.profileID == 1)
        #expect(h265.spropVPS.count == 1)
        #expect(h265.spropSPS.count == 1)
        #expect(h265.spropPPS.count == 1)
        // H.265 NAL header: nal_unit_type 32 (VPS), 33 (SPS), 34 (PPS) in bits 1…6.
        #expect(h265.spropVPS.first?.bytes.prefix(2) == [0x40, 0x01])
        #expect(h265.spropSPS.first?.bytes.prefix(2) == [0x42, 0x01])
        #expect(h265.spropPPS.first?.bytes.prefix(2) == [0x44, 0x01])
        #expect(h265.quirks.isEmpty, "\(h265.quirks)")
        #expect(video.attributes.frameRate?.value == 12)
        #expect(sdp.attributes.unknown.map(\.name) == ["packetization-supported", "rtppayload-supported"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func tpLinkNonNumericFormat() throws {
        let sdp = try SDPCorpus.parse("rtsp_text/retina/tplink_sdp.txt")
        let smart = try #require(sdp.media.last)
        #expect(smart.media.media == "application/TP-LINK")
        #expect(smart.media.formats == ["smart/1/90000"])
        #expect(smart.media.payloadTypes.isEmpty)
        #expect(sdp.hasQuirk("sdp.media.non-numeric-format"))
        #expect(sdp.hasQuirk("sdp.origin.extra-fields"))
        let h265 = try #require(sdp.media.first?.h265())
        #expect(h265.levelID == 150)
        #expect(h265.tierFlag == 0)
        #expect(h265.interopConstraints == "000000000000")
        #expect(h265.spropSPS.count == 1)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func originVariants() throws {
        let verint = try SDPCorpus.parse(
            "sdp/gortsplib_issue_mediamtx_5292_verint_cameras_ip_instead_of_in_in_origin.sdp"
        )
        #expect(verint.origin?.netType == "IP")
        #expect(verint.hasQuirk("sdp.origin.nettype-ip"))
        let uniview = try SDPCorpus.parse("sdp/gortsplib_issue_mediamtx_5008_uniview_ipc2122lb_sf28k_a.sdp")
        #expect(uniview.origin?.sessionID == "1001")
        #expect(uniview.origin?.address == nil)
        #expect(uniview.hasQuirk("sdp.origin.incomplete"))
        #expect(uniview.hasQuirk("sdp.connection.incomplete"))
        #expect(uniview.hasQuirk("sdp.timing.missing"))
        let decoder = try #require(uniview.media.last?.attributes.formatParameters.first)
        #expect(decoder.parameters.map(\.name) == ["DecoderTag", "RTCP"])
        #expect(decoder.value("decodertag") == "h3c-v3")
        #expect(uniview.hasQuirk("sdp.fmtp.space-separated"))
        let amcrest = try SDPCorpus.parse("sdp/gortsplib_issue_mediamtx_127_amcrest_cameras.sdp")
        #expect(amcrest.origin?.username == "RTSP Session")
        #expect(amcrest.origin?.sessionID == "1")
        let macro = try SDPCorpus.parse("rtsp_text/retina/macrovideo_describe.txt")
        #expect(macro.origin == nil)
        #expect(macro.hasQuirk("sdp.origin.missing"))
        #expect(macro.hasQuirk("sdp.order.session"))
        let macroH264 = try #require(macro.media.first?.h264())
        #expect(macroH264.profileLevelID?.description == "4de028")
        #expect(macroH264.quirks.contains(code: "sdp.fmtp.profile-level-id-base64"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func oddAttributesFromRealCameras() throws {
        let anjvision = try SDPCorpus.parse("rtsp_text/retina/anjvision_describe.txt")
        #expect(anjvision.quirks.contains { $0.code == "sdp.order.session" && $0.detail == "t= after a=" })
        #expect(anjvision.attributes.tool == "LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM")
        let video = try #require(anjvision.media.first)
        #expect(video.attributes.dimensions == XDimensions(width: 1280, height: 720, raw: " 1280, 720"))
        #expect(anjvision.hasQuirk("sdp.x-dimensions.whitespace"))
        #expect(video.h265()?.quirks.contains(code: "sdp.h265.h264-style-keys") == true)
        let ipcam = try SDPCorpus.parse("rtsp_text/retina/ipcam_describe.txt")
        #expect(ipcam.hasQuirk("sdp.rtpmap.trailing-whitespace"))
        #expect(ipcam.hasQuirk("sdp.framerate.invalid"))
        #expect(ipcam.hasQuirk("sdp.attribute.duplicated"))
        #expect(ipcam.media.first?.attributes.frameRate?.raw == "0S")
        let gw = try SDPCorpus.parse("rtsp_text/retina/gw_main_describe.txt")
        let gwH264 = try #require(gw.media.first?.h264())
        #expect(gwH264.profileLevelID?.description == "4d002a")
        #expect(gwH264.quirks.contains(code: "sdp.fmtp.profile-level-id-decimal"))
        let ubiquiti = try SDPCorpus.parse("rtsp_text/retina/ubiquiti_sdp.txt")
        #expect(ubiquiti.uri == "www.evostream.com")
        #expect(ubiquiti.hasQuirk("sdp.fmtp.empty"))
        #expect(ubiquiti.hasQuirk("sdp.fmtp.trailing-semicolon"))
        #expect(ubiquiti.media[1].attributes.formatParameters.first?.parameters.isEmpty == true)
        let vstarcam = try SDPCorpus.parse("rtsp_text/retina/vstarcam_describe.txt")
        #expect(vstarcam.hasQuirk("sdp.media.trailing-whitespace"))
        #expect(vstarcam.media.last?.media.formats == ["8"])
    }
}
