import CamprintSignatures

/// Observation sets that mimic real corpus devices. Values are copied as literals from the cited
/// corpus files (shared/corpus/real); classified values are what the extractor must compute from them.
enum DeviceObservations {
    /// Hikvision IPC, no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt.
    static let hikvisionC2875: [Observation] = [
        Observation(.rtspStatus("options"), "200"),
        Observation(.rtspPublic, "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER"),
        Observation(.rtspPublicOrder, "OPTIONS,DESCRIBE,PLAY,PAUSE,SETUP,TEARDOWN,SET_PARAMETER,GET_PARAMETER"),
        Observation(.rtspServerAbsent, "true"),
        Observation(.rtspDateLayout, "live555"),
        Observation(.rtspDateDoubleSpace, "true"),
        Observation.quirk("rtsp.date.double-space", channel: .rtsp),
        Observation(.rtspDatePosition, "last"),
        Observation(.rtspAuthRealm, "IP Camera(C2875)"),
        Observation(.rtspAuthRealmFormat, "ip-camera-code"),
        Observation(.rtspAuthNonceStyle, "32-lower-hex"),
        Observation(.rtspAuthStale, "quoted-upper"),
        Observation(.rtspHeaderOrder("describe"), "cseq,content-type,content-base,content-length"),
        Observation(.rtspSessionPadding, "right-aligned"),
        Observation(.rtspSessionIdStyle, "decimal-9"),
        Observation(.rtspTransportSsrcFormat, "8-lower-hex"),
        Observation(.rtspTransportMode, "\"play\""),
        Observation(.sdpOriginSessionId, "1589474735691720"),
        Observation(.sdpOriginStyle, "usec-twice"),
        Observation(.sdpSessionName, "Media Presentation"),
        Observation(.sdpEmail, "NONE"),
        Observation(.sdpBandwidthSession, "AS:5100"),
        Observation(.sdpXDimensionsStyle, "no-space"),
        Observation(.sdpFmtpStyle, "semicolon-space"),
        Observation(.sdpFmtpProfileLevelId, "420029"),
        Observation(.sdpFmtpProfileLevelIdVsSps, "mismatch"),
        Observation(.sdpFmtpProfileLevelIdDeclaredVsSps, "420029/42002A"),
        Observation(.sdpFmtpTemplateDeclaredVsSps, "420029/42002A"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0201"),
        Observation(.sdpIMKHSystemFormat, "0x0004"),
        Observation(.sdpIMKHVideoFormat, "0x0100"),
        Observation(.sdpIMKHAudioFormat, "0x2001"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// Hikvision IPC, rtsp_text/retina/hikvision_describe.txt + hikvision_setup.txt (IMKH 0x0101).
    static let hikvisionRetina: [Observation] = [
        Observation(.rtspHeaderOrder("describe"), "cseq,content-type,content-base,content-length"),
        Observation(.rtspServerAbsent, "true"),
        Observation(.rtspSessionPadding, "right-aligned"),
        Observation(.rtspDateDoubleSpace, "true"),
        Observation(.rtspDatePosition, "last"),
        Observation(.rtspTransportSsrcFormat, "8-lower-hex"),
        Observation(.rtspUrlPath, "/Streaming/Channels/101/?transportmode=unicast&profile=Profile_1"),
        Observation(.sdpSessionName, "Media Presentation"),
        Observation(.sdpBandwidthSession, "AS:5050"),
        Observation(.sdpXDimensionsStyle, "no-space"),
        Observation(.sdpFmtpProfileLevelId, "420029"),
        Observation(.sdpFmtpProfileLevelIdVsSps, "mismatch"),
        Observation(.sdpFmtpProfileLevelIdDeclaredVsSps, "420029/4D0029"),
        Observation(.sdpFmtpTemplateDeclaredVsSps, "420029/4D0029"),
        Observation(.sdpRtpmapEncoding, "vnd.onvif.metadata/90000"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0101"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// HIK Media Server (NVR): docs/signals.md §2.3 template, version and IMKH 0x0102 of the V3.4.x servers.
    static let hikMediaServer: [Observation] = [
        Observation(.rtspServerAbsent, "true"),
        Observation(.rtspDateLayout, "rfc1123"),
        Observation(.sdpOriginSessionId, "1109162014219182"),
        Observation(.sdpSessionName, "HIK Media Server V3.4.103"),
        Observation(.sdpSessionInfo, "HIK Media Server Session Description : standard"),
        Observation(.sdpControl, "trackID=video"),
        Observation(.sdpFmtpProfileLevelId, "4D0014"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0102"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// HIK Media Server V3.1.3 SDP alone, sdp/gortsplib_issue_mediamtx_227_hik_media_server.sdp (IMKH 0x0101).
    static let hikMediaServerSDPOnly: [Observation] = [
        Observation(.sdpOriginSessionId, "1109162014219182"),
        Observation(.sdpSessionName, "HIK Media Server V3.1.3"),
        Observation(.sdpSessionInfo, "HIK Media Server Session Description : standard"),
        Observation(.sdpControl, "trackID=video"),
        Observation(.sdpFmtpProfileLevelId, "4D0014"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0101"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// Anjvision clone, rtsp_text/retina/anjvision_describe.txt.
    static let anjvision: [Observation] = [
        Observation(.sdpOriginSessionId, "1109162014219182"),
        Observation(.sdpSessionName, "RTSP/RTP stream from anjvision ipcamera"),
        Observation(.sdpEmail, "NONE"),
        Observation(.sdpTool, "LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM"),
        Observation(.sdpH265Fmtp, "sprop"),
        Observation(.sdpXDimensionsStyle, "spaces"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0101"),
        Observation(.sdpIMKHVideoFormat, "0x0005"),
        Observation(.sdpIMKHAudioFormat, "0x0000"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// Anpviz (Anjvision firmware), rtsp_text/retina/anpviz_sdp.txt.
    static let anpviz: [Observation] = [
        Observation(.sdpSessionName, "RTSP/RTP stream from anjvision ipcamera"),
        Observation(.sdpTool, "LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM"),
        Observation(.sdpFmtpProfileLevelId, "4D401F"),
        Observation(.sdpFmtpProfileLevelIdVsSps, "match"),
        Observation(.sdpXDimensionsStyle, "spaces"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0101"),
        Observation(.sdpIMKHAudioFormat, "0x7110"),
        Observation(.sdpAppversion, "1.0"),
    ]

    /// 'IPCAM' XiongMai-style clone, rtsp_text/retina/ipcam_describe.txt (SDP real, headers made up).
    static let ipcam: [Observation] = [
        Observation(.sdpOriginSessionId, "38990265062388"),
        Observation(.sdpSessionName, "RTSP Session"),
        Observation(.sdpAttribute("framerate"), "0S"),
        Observation(.sdpFmtpProfileLevelId, "4d0020"),
        Observation(.sdpFmtpStyle, "semicolon-space"),
        Observation(.sdpIMKHPresent, "true"),
        Observation(.sdpIMKHMediaVersion, "0x0101"),
    ]

    /// Dahua IPC, rtsp_text/retina/dahua_options.txt, dahua_describe_h264_aac_onvif.txt, dahua_setup.txt,
    /// realm from no-license/dahua_ipc_rtsp_udp_h264_1080p_vlc_session.pcapng (MANIFEST.md §A).
    static let dahua: [Observation] = [
        Observation(.rtspHeader("server"), "Rtsp Server/3.0"),
        Observation(
            .rtspPublicOrder,
            "OPTIONS,DESCRIBE,ANNOUNCE,SETUP,PLAY,RECORD,PAUSE,TEARDOWN,SET_PARAMETER,GET_PARAMETER"
        ),
        Observation(.rtspAuthRealm, "Login to 4H01D66PAJ2FA64"),
        Observation(
            .rtspHeaderOrder("describe"),
            "cseq,x-accept-dynamic-rate,content-base,cache-control,content-length,content-type"
        ),
        Observation(.rtspSessionIdStyle, "decimal-12"),
        Observation(.rtspTransportSsrcFormat, "8-upper-hex"),
        Observation(.rtspUrlPath, "/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif"),
        Observation(.sdpOriginSessionId, "2252542845"),
        Observation(.sdpSessionName, "Media Server"),
        Observation(.sdpAttribute("packetization-supported"), "DH"),
        Observation(.sdpAttribute("rtppayload-supported"), "DH"),
        Observation(.macOui, "38:AF:29"),
    ]

    /// Axis, rtsp_text/axis/axis_describe_response.txt + axis_play_response.txt.
    static let axis: [Observation] = [
        Observation(.rtspHeader("server"), "GStreamer RTSP server"),
        Observation(.rtspDateLayout, "rfc1123"),
        Observation(.rtspSessionIdStyle, "alnum-16"),
        Observation(.rtspSessionTimeoutStyle, "space"),
        Observation(.rtspUrlPath, "/axis-media/media.amp"),
        Observation(.sdpSessionName, "Session streamed with GStreamer"),
        Observation(.sdpSessionInfo, "rtsp-server"),
        Observation(.sdpTool, "GStreamer"),
        Observation(.sdpAttributeName, "transform"),
    ]

    /// Reolink, rtsp_text/retina/reolink_describe.txt + reolink_setup.txt.
    static let reolink: [Observation] = [
        Observation(.rtspDateLayout, "live555"),
        Observation(.rtspDateDoubleSpace, "false"),
        Observation(.rtspDatePosition, "second"),
        Observation(.rtspHeaderOrder("describe"), "cseq,date,content-base,content-type,content-length"),
        Observation(.rtspSessionIdStyle, "hex-upper-8"),
        Observation(.rtspUrlPath, "/h264Preview_01_main"),
        Observation(.sdpSessionName, "Session streamed by \"preview\""),
        Observation(.sdpSessionInfo, "h264Preview_01_main"),
        Observation(.sdpTool, "LIVE555 Streaming Media v2013.04.08"),
    ]

    /// TP-Link TL-IPC44AW, rtsp_text/retina/tplink_sdp.txt.
    static let tplink: [Observation] = [
        Observation(.sdpSessionName, "Session streamed by \"TP-LINK RTSP Server\""),
        Observation(.sdpRtpmapEncoding, "smart/1/90000"),
    ]

    /// Hikvision ISAPI NVR, no-license/hikvision_isapi/DS-7616NI-K2.json.
    static let hikvisionNVRISAPI: [Observation] = [
        Observation(.isapiNamespace, "http://www.hikvision.com/ver20/XMLSchema"),
        Observation(.isapiModel, "DS-7616NI-K2"),
        Observation(.isapiSerialNumber, "DS-7616NI-K20000000000CCRRG00000000WCVU"),
        Observation(.isapiFirmwareVersion, "V4.74.210"),
        Observation(.isapiFirmwareReleasedDate, "build 240108"),
        Observation(.isapiEncoderVersion, "V5.0"),
        Observation(.isapiDeviceType, "NVR"),
        Observation(.isapiManufacturer, "hikvision"),
    ]
}
