import CamprintInspection
import CamprintSignatures
import CamprintTestSupport
import Testing

/// Observation extraction per channel, with values from the real captures (corpus paths cited) or
/// from the public sources docs/signals.md summarises where no capture is in the corpus.
@Suite struct ObservationExtractionTests {
    static func observations(_ name: String, _ text: String) -> [Observation] {
        ObservationExtractor.observations(from: EvidenceReader.read(name: name, bytes: Array(text.utf8)))
    }

    static func corpusObservations(_ path: String) throws -> [Observation] {
        ObservationExtractor.observations(from: EvidenceReader.read(name: path, bytes: try Corpus.bytes(path)))
    }

    static func values(_ observations: [Observation], _ key: FieldKey) -> [String] {
        observations.filter { $0.field == key }.map(\.value)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func rtspFromC2875Transcript() throws {
        let all = try Self.corpusObservations("no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt")
        #expect(Self.values(all, .rtspStatus("options")) == ["200"])
        #expect(Self.values(all, .rtspStatus("describe")) == ["200"])
        #expect(Self.values(all, .rtspAuthRealm) == ["IP Camera(C2875)"])
        #expect(Self.values(all, .rtspAuthRealmFormat) == ["ip-camera-code"])
        #expect(Self.values(all, .rtspAuthNonceStyle) == ["32-lower-hex"])
        #expect(Self.values(all, .rtspAuthStale) == ["quoted-upper"])
        #expect(Self.values(all, .rtspDateLayout) == ["live555"])
        #expect(Self.values(all, .rtspDateDoubleSpace) == ["true"])
        #expect(Self.values(all, .rtspDatePosition) == ["last"])
        #expect(Self.values(all, .rtspSessionPadding) == ["right-aligned"])
        #expect(Self.values(all, .rtspSessionIdStyle) == ["decimal-9"])
        #expect(Self.values(all, .rtspServerAbsent) == ["true"])
        #expect(
            Self.values(all, .rtspPublicOrder) == [
                "OPTIONS,DESCRIBE,PLAY,PAUSE,SETUP,TEARDOWN,SET_PARAMETER,GET_PARAMETER"
            ]
        )
        #expect(
            Self.values(all, .rtspHeaderOrder("describe")).contains("cseq,content-type,content-base,content-length")
        )
        #expect(Self.values(all, .rtspTransportSsrcFormat) == ["8-lower-hex"])
        #expect(Self.values(all, .rtspTransportMode) == ["\"play\""])
        #expect(!all.contains { $0.value.lowercased().contains("authorization") || $0.value.contains("response=") })
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func rtspOtherVendors() throws {
        let dahua = try Self.corpusObservations("rtsp_text/retina/dahua_setup.txt")
        #expect(Self.values(dahua, .rtspSessionIdStyle) == ["decimal-12"])
        let options = try Self.corpusObservations("rtsp_text/retina/dahua_options.txt")
        #expect(Self.values(options, .rtspHeader("server")) == ["Rtsp Server/3.0"])
        let space = try Self.corpusObservations("rtsp_text/retina/hikvision_setup_ssrc_space.txt")
        #expect(Self.values(space, .rtspTransportSsrcFormat) == ["space-padded-lower-hex"])
        let rubetek = try Self.corpusObservations("rtsp_text/retina/rubetek_setup_ssrc_0x.txt")
        #expect(Self.values(rubetek, .rtspTransportSsrcFormat) == ["0x-hex"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func sdpFromRetinaHikvisionAndClones() throws {
        let hikvision = try Self.corpusObservations("rtsp_text/retina/hikvision_describe.txt")
        #expect(Self.values(hikvision, .sdpSessionName) == ["Media Presentation"])
        #expect(Self.values(hikvision, .sdpBandwidthSession) == ["AS:5050"])
        #expect(Self.values(hikvision, .sdpXDimensionsStyle) == ["no-space"])
        #expect(Self.values(hikvision, .sdpFmtpStyle) == ["semicolon-space"])
        #expect(Self.values(hikvision, .sdpFmtpProfileLevelId) == ["420029"])
        #expect(Self.values(hikvision, .sdpFmtpProfileLevelIdVsSps) == ["mismatch"])
        #expect(Self.values(hikvision, .sdpFmtpProfileLevelIdDeclaredVsSps) == ["420029/4D0029"])
        #expect(Self.values(hikvision, .sdpFmtpTemplateDeclaredVsSps) == ["420029/4D0029"])
        #expect(Self.values(hikvision, .sdpIMKHMediaVersion) == ["0x0101"])
        #expect(Self.values(hikvision, .sdpAppversion) == ["1.0"])
        #expect(Self.values(hikvision, .sdpAttributeName).contains("Media_header"))
        let anpviz = try Self.corpusObservations("rtsp_text/retina/anpviz_sdp.txt")
        #expect(Self.values(anpviz, .sdpXDimensionsStyle) == ["spaces"])
        #expect(Self.values(anpviz, .sdpTool) == ["LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM"])
        let hms = try Self.corpusObservations("sdp/gortsplib_issue_mediamtx_227_hik_media_server.sdp")
        #expect(Self.values(hms, .sdpSessionInfo) == ["HIK Media Server Session Description : standard"])
        #expect(Self.values(hms, .sdpOriginStyle) == ["constant"])
        #expect(Self.values(hms, .sdpControl).contains("trackID=video"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func bitstreamFromSPSAndStreams() throws {
        let sps = try Self.corpusObservations("hikvision/sps/mediacommon_hikvision_sps_main_1080p_nal_vcl_hrd.nal")
        #expect(Self.values(sps, .h264SpsProfile) == ["77"])
        #expect(Self.values(sps, .h264SpsLevel) == ["41"])
        #expect(Self.values(sps, .h264VuiHrd) == ["nal+vcl"])
        #expect(
            Self.values(sps, .h264VuiTiming) == ["50000/1000"] || Self.values(sps, .h264VuiTiming) == ["1000/50000"]
        )
        let huawei = try Self.corpusObservations("no-license/huawei_ipc_h264_1080p_gop1.h264")
        #expect(Self.values(huawei, .seiPayloadType).contains("229"))
        let rtcp = try Self.corpusObservations("no-license/huawei_ipc_rtcp_sr_sdes.bin")
        #expect(Self.values(rtcp, .rtcpCname) == ["root@HUAWEI"])
        let imkh = try Self.corpusObservations("no-license/hikvision_imkh_ps_h265_head_480B.bin")
        #expect(Self.values(imkh, .sdpIMKHMediaVersion) == ["0x0201"])  // bytes 01 02, little-endian
        #expect(Self.values(imkh, .seiPayloadType).contains("229"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func isapiFromHikvisionNextJSON() throws {
        let all = try Self.corpusObservations("no-license/hikvision_isapi/DS-2CD2146G2-ISU.json")
        #expect(Self.values(all, .isapiNamespace) == ["http://www.hikvision.com/ver20/XMLSchema"])
        #expect(Self.values(all, .isapiModel) == ["DS-2CD2146G2-ISU"])
        #expect(Self.values(all, .isapiFirmwareVersion) == ["V5.7.17"])
        #expect(Self.values(all, .isapiEncoderVersion) == ["V7.3"])
        #expect(Self.values(all, .isapiTelecontrolId) == ["88"])
        #expect(Self.values(all, .isapiOemCode) == ["1"])
        #expect(Self.values(all, .isapiMac) == ["cb:6e:4f:d0:7b:1f"])
        #expect(Self.values(all, .macOui) == ["CB:6E:4F"])
    }

    /// 420029 contradicting the SPS counts as Hikvision's template line only when written as one:
    /// profile-level-id first, `; ` separators (a white-label IPC writes it last, without spaces).
    @Test func fmtpTemplateLineIsTellingApartFromAnyMismatch() {
        let template = Self.observations(
            "t.sdp",
            "v=0\r\ns=Media Presentation\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA==,aO48gA==\r\n"
        )
        #expect(Self.values(template, .sdpFmtpTemplateDeclaredVsSps) == ["420029/4D0029"])
        let other = Self.observations(
            "t.sdp",
            "v=0\r\ns=RTSP Session with audiobackchannel\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1;profile-level-id=420029;sprop-parameter-sets=Z00APOkAeAC8/LCAAAH0gAA6pwI=,aOqPIA==\r\n"
        )
        #expect(Self.values(other, .sdpFmtpProfileLevelIdDeclaredVsSps) == ["420029/4D003C"])
        #expect(Self.values(other, .sdpFmtpTemplateDeclaredVsSps).isEmpty)
    }

    @Test func isapiXMLWithStdCgiNamespaceIsOEM() throws {
        let xml = """
            HTTP/1.1 200 OK
            Content-Type: application/xml

            <?xml version="1.0" encoding="UTF-8"?>
            <DeviceInfo version="2.0" xmlns="http://www.std-cgi.com/ver20/XMLSchema">
            <deviceName>Network Video Recorder</deviceName>
            <deviceLocation>STD-CGI</deviceLocation>
            <systemContact>STD-CGI</systemContact>
            <model>ACR4-40</model>
            <firmwareVersion>V3.4.92</firmwareVersion>
            <macAddress>bc:ad:28:88:94:98</macAddress>
            </DeviceInfo>
            """
        let all = Self.observations("deviceInfo.txt", xml)
        #expect(Self.values(all, .isapiNamespace) == ["http://www.std-cgi.com/ver20/XMLSchema"])
        #expect(Self.values(all, .isapiModel) == ["ACR4-40"])
        #expect(Self.values(all, .macOui) == ["BC:AD:28"])
        let database = try #require(Expectations.database)
        #expect(IdentityEngine.identify(all, database: database).verdict == .hikvisionOEM)
    }

    @Test func onvifGetDeviceInformationWithPrefixes() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tnshik="http://www.hikvision.com/2011/event/topics">
              <env:Body><tds:GetDeviceInformationResponse>
                <tds:Manufacturer>HIKVISION</tds:Manufacturer>
                <tds:Model>DS-2CD2032-I</tds:Model>
                <tds:FirmwareVersion>V5.5.31 build 180903</tds:FirmwareVersion>
                <tds:SerialNumber>[redacted]</tds:SerialNumber>
                <tds:HardwareId>88</tds:HardwareId>
              </tds:GetDeviceInformationResponse></env:Body>
            </env:Envelope>
            """
        let all = Self.observations("onvif.xml", xml)
        #expect(Self.values(all, .onvifManufacturer) == ["HIKVISION"])
        #expect(Self.values(all, .onvifHardwareId) == ["88"])
        #expect(Self.values(all, .onvifNamespace).contains("http://www.hikvision.com/2011/event/topics"))
    }

    @Test func sadpProbeMatchAndKeyValueDump() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>X</Uuid><Types>inquiry</Types>
            <DeviceType>141945</DeviceType><DeviceDescription>DS-2CD2032-I</DeviceDescription>
            <MAC>a4-14-37-c7-23-c4</MAC><SoftwareVersion>V5.6.2build 190701</SoftwareVersion>
            <DetailOEMCode>1</DetailOEMCode></ProbeMatch>
            """
        let all = Self.observations("sadp.xml", xml)
        #expect(Self.values(all, .sadpProbeMatch) == ["true"])
        #expect(Self.values(all, .sadpSoftwareVersion) == ["V5.6.2build 190701"])
        #expect(Self.values(all, .macOui) == ["A4:14:37"])
        let dump = """
              Manufacturer: HIKVISION
              Model: DS-2CD3955FWD-IWS
              FirmwareVersion: V5.5.31 build 180903
              HardwareId: 88
            """
        #expect(Self.values(Self.observations("onvif.txt", dump), .onvifManufacturer) == ["HIKVISION"])
    }

    @Test func httpCurlVerboseWithRealmNonceAndLoginPage() {
        let text = """
            * Connected to 192.168.1.64 port 80
            > GET /ISAPI/System/deviceInfo HTTP/1.1
            > Authorization: Basic YWRtaW46c2VjcmV0
            >
            < HTTP/1.1 401 Unauthorized
            < Server: App-webs/
            < WWW-Authenticate: Digest qop="auth", realm="IP Camera(C2875)", nonce="4e5468694e7a6b7a4f5441364f4449354d7a6b354d54513d", stale="FALSE"
            <
            <userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>
            """
        let all = Self.observations("curl.txt", text)
        #expect(Self.values(all, .httpStatus) == ["401"])
        #expect(Self.values(all, .httpHeader("server")) == ["App-webs/"])
        #expect(Self.values(all, .httpAuthRealm) == ["IP Camera(C2875)"])
        #expect(Self.values(all, .httpAuthNonceStyle) == ["hex-of-base64"])
        #expect(Self.values(all, .isapiSchema) == ["hikvision-user-check"])
        #expect(!all.contains { $0.value.contains("YWRtaW46c2VjcmV0") })
    }

    @Test func ffmpegTraceLogIsReadAsRTSP() {
        let log = """
            [rtsp @ 0x55d5c8a3c0] line='RTSP/1.0 401 Unauthorized'
            [rtsp @ 0x55d5c8a3c0] line='CSeq: 2'
            [rtsp @ 0x55d5c8a3c0] line='WWW-Authenticate: Digest realm="IP Camera(C2875)", nonce="938032d91ffc30ca80b5da94c18887ac", stale="FALSE"'
            [rtsp @ 0x55d5c8a3c0] line='Date:  Thu, May 14 2020 16:45:35 GMT'
            [rtsp @ 0x55d5c8a3c0] line=''
            [rtsp @ 0x55d5c8a3c0] line='RTSP/1.0 200 OK'
            [rtsp @ 0x55d5c8a3c0] line='CSeq: 4'
            [rtsp @ 0x55d5c8a3c0] line='Session:        708732579;timeout=60'
            [rtsp @ 0x55d5c8a3c0] line='Transport: RTP/AVP/UDP;unicast;client_port=24230-24231;server_port=8318-8319;ssrc=1cdebfaf;mode="play"'
            [rtsp @ 0x55d5c8a3c0] line='Date:  Thu, May 14 2020 16:45:35 GMT'
            [rtsp @ 0x55d5c8a3c0] line=''
            """
        let evidence = EvidenceReader.read(name: "ffprobe.log", bytes: Array(log.utf8))
        #expect(evidence.kind == .ffmpegLog)
        let all = ObservationExtractor.observations(from: evidence)
        #expect(Self.values(all, .rtspAuthRealm) == ["IP Camera(C2875)"])
        #expect(Self.values(all, .rtspDateDoubleSpace) == ["true"])
        #expect(Self.values(all, .rtspSessionPadding) == ["right-aligned"])
    }

    @Test func indentedTimestampedTranscriptIsRead() {
        let text = """
                2023-04-01 10:00:00.123 RTSP/1.0 200 OK
                2023-04-01 10:00:00.123 CSeq: 1
                2023-04-01 10:00:00.123 Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER
                2023-04-01 10:00:00.123 Date:  Sat, Apr 01 2023 10:00:00 GMT
            """
        let all = Self.observations("client.log", text)
        #expect(Self.values(all, .rtspDateDoubleSpace) == ["true"])
        #expect(Self.values(all, .rtspPublicOrder).count == 1)
    }
}
