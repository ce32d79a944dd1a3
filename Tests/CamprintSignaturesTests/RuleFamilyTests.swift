import CamprintSignatures
import Testing

/// One real value per rule family, copied as a literal from the cited capture, and the rule that must
/// win for it (with its captures). `nil` rule = no shipped rule may match.
struct RealValue: Sendable, CustomTestStringConvertible {
    let field: FieldKey
    let value: String
    let rule: String?
    let captures: [String: String]
    let corpus: String

    init(_ field: FieldKey, _ value: String, _ rule: String?, _ captures: [String: String] = [:], _ corpus: String) {
        self.field = field
        self.value = value
        self.rule = rule
        self.captures = captures
        self.corpus = corpus
    }

    var testDescription: String { "\(field)=\(value) [\(corpus)]" }
}

@Suite("Rule families against real values")
struct RuleFamilyTests {
    static let database = try? SignatureDatabase.load(includeOperatorDirectory: false)

    static let realm: [RealValue] = [
        RealValue(
            .rtspAuthRealm,
            "IP Camera(C2875)",
            "hikvision.rtsp.realm.ip-camera",
            ["device_code": "C2875"],
            "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"
        ),
        RealValue(
            .rtspAuthRealm,
            "Surveillance Server",
            "longse.rtsp.realm",
            [:],
            "rtsp_text/retina/longse_unauthorized.txt"
        ),
        RealValue(
            .rtspAuthRealm,
            "Rubetek IP camera device",
            "rubetek.rtsp.realm",
            [:],
            "rtsp_text/retina/rubetek_setup_ssrc_0x.txt"
        ),
        RealValue(
            .rtspAuthRealm,
            "48ea6362b25c",
            "uniview.rtsp.realm.mac-hex",
            ["mac": "48ea6362b25c"],
            "no-license/uniview_nvr_rtsp_tcp_interleaved_h265_1080p.pcap"
        ),
        RealValue(
            .rtspAuthRealm,
            "Login to 4H01D66PAJ2FA64",
            "dahua.rtsp.realm.login-to",
            ["serial": "4H01D66PAJ2FA64"],
            "no-license/dahua_ipc_rtsp_udp_h264_1080p_vlc_session.pcapng"
        ),
    ]

    static let server: [RealValue] = [
        RealValue(
            .rtspHeader("server"),
            "Rtsp Server/3.0",
            "dahua.rtsp.server.v3",
            ["server_version": "3.0"],
            "rtsp_text/retina/dahua_options.txt"
        ),
        RealValue(
            .rtspHeader("server"),
            "Rtsp Server/2.0",
            "generic.rtsp.server.v2",
            ["server_version": "2.0"],
            "rtsp_text/retina/gw_main_describe.txt"
        ),
        RealValue(
            .rtspHeader("server"),
            "H264DVR 1.0",
            "xiongmai.rtsp.server.h264dvr",
            ["server_version": "1.0"],
            "rtsp_text/retina/h264dvr_describe.txt"
        ),
        RealValue(
            .rtspHeader("server"),
            "Rtsp Server 1920*1080*20*2048",
            "longse.rtsp.server",
            [:],
            "rtsp_text/retina/longse_unauthorized.txt"
        ),
        RealValue(
            .rtspHeader("server"),
            "GStreamer RTSP server",
            "gstreamer.rtsp.server",
            [:],
            "rtsp_text/axis/axis_describe_response.txt"
        ),
    ]

    static let sdp: [RealValue] = [
        RealValue(
            .sdpSessionName,
            "HIK Media Server V3.1.3",
            "hikvision.sdp.session-name.hms",
            ["server_version": "3.1.3"],
            "sdp/gortsplib_issue_mediamtx_227_hik_media_server.sdp"
        ),
        RealValue(
            .sdpSessionName,
            "VCP IPC Realtime stream",
            "uniview.sdp.session-name",
            [:],
            "sdp/gortsplib_issue_mediamtx_5008_uniview_ipc2122lb_sf28k_a.sdp"
        ),
        RealValue(
            .sdpSessionName,
            "Session streamed by \"MERCURY RTSP Server\"",
            "mercury.sdp.session-name",
            [:],
            "sdp/gortsplib_issue_gortsplib_271_mercury_cameras.sdp"
        ),
        RealValue(
            .sdpSessionName,
            "Sony RTSP Server",
            "sony.sdp.session-name",
            [:],
            "sdp/gortsplib_issue_mediamtx_85_sony_snc_wr630.sdp"
        ),
        RealValue(
            .sdpSessionName,
            "68D79AE46148_0",
            "ubiquiti.sdp.session-name",
            ["mac": "68D79AE46148"],
            "rtsp_text/retina/ubiquiti_sdp.txt"
        ),
        RealValue(.sdpSessionName, "DWC-MV94WiAT", nil, [:], "sdp/gortsplib_issue_mediamtx_3583_wisenet_nvr.sdp"),
        RealValue(
            .sdpTool,
            "LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM",
            "anjvision.sdp.tool",
            ["server_version": "2011.05.25"],
            "rtsp_text/retina/anpviz_sdp.txt"
        ),
        RealValue(
            .sdpTool,
            "LIVE555 Streaming Media v2014.02.10",
            "live555.sdp.tool",
            ["server_version": "2014.02.10"],
            "rtsp_text/retina/foscam_describe.txt"
        ),
        RealValue(
            .sdpTool,
            "BC Streaming Media v202210012022.10.01",
            "reolink.sdp.tool",
            ["server_version": "202210012022.10.01"],
            "sdp/go2rtc_reolink_bc_streaming_TestBugSDP3.sdp"
        ),
        RealValue(
            .sdpAttribute("fmtp"),
            "107 DecoderTag=h3c-v3 RTCP=0",
            "uniview.sdp.attribute.fmtp-decodertag",
            [:],
            "rtsp_text/retina/geovision_sdp.txt"
        ),
        RealValue(
            .sdpOriginUsername,
            "VSTC",
            "vstarcam.sdp.origin.username",
            [:],
            "rtsp_text/retina/vstarcam_describe.txt"
        ),
        RealValue(
            .sdpFmtpProfileLevelId,
            "420029",
            "hikvision.sdp.fmtp.420029",
            [:],
            "rtsp_text/retina/h264dvr_describe.txt"
        ),
        RealValue(.sdpFmtpProfileLevelId, "64001E", nil, [:], "rtsp_text/retina/dahua_describe_h264_aac_onvif.txt"),
    ]

    /// IMKH fields decoded from the `a=Media_header:MEDIAINFO=` hex of each file (little-endian u16 at 4).
    static let imkh: [RealValue] = [
        RealValue(
            .sdpIMKHMediaVersion,
            "0x0201",
            "hikvision.sdp.imkh.version-ipc",
            [:],
            "C2875 transcript: 494D4B48 0102"
        ),
        RealValue(
            .sdpIMKHMediaVersion,
            "0x0301",
            "hikvision.sdp.imkh.version-ipc",
            [:],
            "sdp/go2rtc_hikvision_pcm48k_TestHikvisionPCM.sdp: 494D4B48 0103"
        ),
        RealValue(
            .sdpIMKHMediaVersion,
            "0x0101",
            "hikvision.sdp.imkh.version-0101",
            [:],
            "rtsp_text/retina/anjvision_describe.txt: 494D4B48 0101"
        ),
    ]

    static let identity: [RealValue] = [
        RealValue(
            .isapiNamespace,
            "http://www.isapi.org/ver20/XMLSchema",
            "hikvision.isapi.namespace.isapi-org",
            [:],
            "no-license/hikvision_isapi/DS-7732NI-M4.json"
        ),
        RealValue(
            .isapiModel,
            "iDS-7204HUHI-M1/E",
            "hikvision.isapi.model.ds",
            ["model": "iDS-7204HUHI-M1/E"],
            "no-license/hikvision_isapi/iDS-7204HUHI-M1.json"
        ),
        RealValue(
            .isapiFirmwareVersion,
            "V5.8.1",
            "hikvision.isapi.firmware",
            ["firmware": "V5.8.1"],
            "no-license/hikvision_isapi/DS-2SE4C425MWG-E-26.json"
        ),
        RealValue(
            .isapiEncoderVersion,
            "V7.3",
            "hikvision.isapi.encoder-version",
            [:],
            "no-license/hikvision_isapi/DS-2CD2443G0-IW.json"
        ),
        RealValue(
            .isapiDeviceType,
            "IPDome",
            "generic.isapi.device-type",
            ["device_type": "IPDome"],
            "no-license/hikvision_isapi/DS-2SE4C425MWG-E-26.json"
        ),
        RealValue(
            .seiPayloadType,
            "229",
            "hisilicon.sei.payload-type-229",
            [:],
            "no-license/huawei_ipc_h264_1080p_gop1.h264"
        ),
        RealValue(
            .seiUuid,
            "005bc93f-2d71-5e95-ada4-796f90877a6f",
            "onvif.sei.uuid.media-signing",
            [:],
            "sei/onvif_media_signing_test_signed_h264.mp4"
        ),
        RealValue(.rtcpCname, "root@HUAWEI", "huawei.rtcp.cname", [:], "no-license/huawei_ipc_rtcp_sr_sdes.bin"),
        RealValue(
            .macOui,
            "38:AF:29",
            "dahua.mac.oui",
            [:],
            "no-license/dahua_ipc_rtsp_udp_h264_1080p_vlc_session.pcapng"
        ),
    ]

    @Test(arguments: realm + server + sdp + imkh + identity)
    func winningRule(_ real: RealValue) throws {
        let database = try #require(Self.database)
        let match = database.firstMatch(Observation(real.field, real.value))
        #expect(match?.ruleID == real.rule, "\(real.corpus): got \(match?.ruleID ?? "no match")")
        if real.rule != nil { #expect(match?.captures == real.captures, "\(real.corpus)") }
    }
}
