import CamprintSDP
import CamprintSignatures
import Testing

@testable import CamprintInspection

/// Evidence in the shapes users paste it: dict dumps, fragments, prefixed logs, dissector views.
@Suite struct EvidenceAsItComesTests {
    static let database = try? SignatureDatabase.load(includeOperatorDirectory: false)

    static func identify(_ text: String) throws -> EvidenceIdentification {
        let database = try #require(database)
        return EvidenceIdentification(
            evidence: EvidenceReader.read(name: "t.txt", bytes: Array(text.utf8)),
            database: database
        )
    }

    static func fields(_ result: EvidenceIdentification) -> [String: String] {
        Dictionary(result.observations.map { ($0.field.rawValue, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func pythonDictDumpOfDeviceInfoIsAnISAPIDocument() throws {
        let text = """
            2023-07-28 01:40:56.067 DEBUG (MainThread) [x.isapi] http://10.0.0.2/ISAPI/System/deviceInfo {'@version': '2.0', \
            '@xmlns': 'http://www.hikvision.com/ver20/XMLSchema', 'deviceName': 'Cam', 'model': 'DS-2CD2043G2-I', \
            'serialNumber': 'DS-2CD2043G2-I20210101AAWRG12345678', 'macAddress': 'bc:ad:28:00:00:01', 'customizedInfo': None}
            """
        let result = try Self.identify(text)
        let fields = Self.fields(result)
        #expect(fields["isapi.model"] == "DS-2CD2043G2-I")
        #expect(fields["isapi.namespace"] == "http://www.hikvision.com/ver20/XMLSchema")
        #expect(fields["mac.oui"] == "BC:AD:28")
        #expect(result.identity.verdict == .hikvision)
    }

    @Test func xmlFragmentWithoutRootIsRead() throws {
        let text =
            "<model>DS-7608NI-K2</model>\n<telecontrolID>88</telecontrolID>\n<supportBeep>true</supportBeep>\n"
            + "<firmwareReleasedDate>build 210101</firmwareReleasedDate>\n<encoderReleasedDate>build 1</encoderReleasedDate>"
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["isapi.schema"] == "hikvision-device-info")
    }

    @Test func versionOneUUIDGivesTheMACAndRandomUUIDsDoNot() throws {
        let hikvision = try Self.identify("error reading HIKVISION-X-099f4000-4d50-11b4-82c8-c06ded544d95 -> failed")
        #expect(Self.fields(hikvision)["mac.oui"] == "C0:6D:ED")
        let random = try Self.identify("request 3f2b8c1e-9d4a-4f6b-8e2d-c06ded544d95 failed")
        #expect(Self.fields(random)["mac.oui"] == nil)
    }

    @Test func logPrefixIsLearnedFromTheProtocolLines() throws {
        let text = """
            ffmpeg.cam.detect         ERROR   : WWW-Authenticate: Basic realm="IP Camera(L4906)"
            ffmpeg.cam.detect         ERROR   : Date:  Mon, Dec 18 2023 21:19:09 GMT
            ffmpeg.cam.detect         ERROR   : rtsp://*:*@10.0.0.9:554/Streaming/channels/101: Server returned 401
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["rtsp.auth.realm"] == "IP Camera(L4906)")
        #expect(fields["rtsp.date.double-space"] == "true")
    }

    @Test func normalisingClientLogCountsNoLayout() throws {
        let text = """
            c->s OPTIONS rtsp://10.0.0.5:554/h264_stream RTSP/1.0
            CSeq: 1
            User-Agent: gortsplib

            s->c RTSP/1.0 200 OK
            CSeq: 1
            Date:  Fri, Mar 31 2023 17:35:34 GMT
            Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER

            """
        let result = try Self.identify(text)
        #expect(Self.fields(result)["rtsp.date.double-space"] == nil)
        #expect(result.evidence.notes.contains { $0.hasPrefix("layout unknown: normalised by client log") })
    }

    @Test func wiresharkDissectorViewOfAnSDP() throws {
        let text = """
            Session Description Protocol
                Session Description Protocol Version (v): 0
                Owner/Creator, Session Id (o): - 1109162014219182 0 IN IP4 0.0.0.0
                Session Name (s): HIK Media Server V5.04.005
                Time Description, active time (t): 0 0
            """
        #expect(Self.fields(try Self.identify(text))["sdp.session-name"] == "HIK Media Server V5.04.005")
    }

    /// Device output kept in source code: a code comment behind `//`, string literals one line
    /// each, and a JSON string holding a whole SDP (go2rtc's producer dump). The text inside keeps
    /// its spacing.
    @Test func rtspInACodeCommentIsRead() throws {
        let text = """
            //RTSP/1.0 401 Unauthorized
            //CSeq: 3
            //WWW-Authenticate: Digest realm="IP Camera(D1486)", nonce="25a94a716ee6d7e74d6edda0e6f15dd6", stale="FALSE"
            //Date:  Wed, Dec 01 2021 23:32:53 GMT
            //
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["rtsp.auth.realm"] == "IP Camera(D1486)")
        #expect(fields["rtsp.date.double-space"] == "true")
    }

    @Test func sdpAsStringLiteralsIsRead() throws {
        let text = #"""
                    auto desc = parse_sdp("v=0\n"
                                          "o=- 1109162014219182 1109162014219192 IN IP4 x.y.z.w\n"
                                          "s=Media Presentation\n"
                                          "e=NONE\n"
                                          "t=0 0\n"
                                          "m=video 0 RTP/AVP 96\n"
                                          "a=rtpmap:96 H264/90000\n"
                                          "a=appversion:1.0\n");
            """#
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["sdp.session-name"] == "Media Presentation")
        #expect(fields["sdp.appversion"] == "1.0")
    }

    @Test func sdpInsideAJSONStringIsRead() throws {
        let text = #"""
            {
              "producers": [
                {
                  "url": "rtsp://X:X@10.10.0.1:554/cam/realmonitor?channel=1\u0026subtype=0",
                  "sdp": "v=0\r\no=- 2229913047 2229913047 IN IP4 0.0.0.0\r\ns=Media Server\r\nt=0 0\r\na=packetization-supported:DH\r\nm=video 0 RTP/AVP 98\r\na=rtpmap:98 H265/90000\r\n",
                  "user_agent": "go2rtc/1.9.8"
                }
              ]
            }
            """#
        let result = try Self.identify(text)
        #expect(Self.fields(result)["sdp.session-name"] == "Media Server")
        #expect(result.identity.verdict == .other)
    }

    @Test func indentedSDPIsRead() throws {
        let text =
            "\t v=0\n\t o=- 1628966255381873 1628966255381873 IN IP4 192.168.0.221\n"
            + "\t s=Media Presentation\n\t e=NONE\n\t t=0 0\n\t m=video 0 RTP/AVP 96\n\t a=x-dimensions:640,480\n"
        #expect(Self.fields(try Self.identify(text))["sdp.x-dimensions.style"] == "no-space")
    }

    /// Hostile device text (nested unclosed tags, endless attributes, unmatched quotes) is read in
    /// one pass and bounded: the scanner returns, with at most its field limit.
    @Test(arguments: [
        String(repeating: "<a><b x=\"", count: 100_000),
        "<DeviceInfo " + String(repeating: "a=\"1\" ", count: 150_000),
        String(repeating: "'k': '", count: 150_000),
        String(repeating: "<model>", count: 150_000) + String(repeating: "</model>", count: 10),
    ])
    func adversarialDeviceTextIsBounded(text: String) throws {
        let result = try Self.identify(text)
        #expect(result.observations.count < 5000)
    }

    @Test func severalDevicesInOneFileAreReportedEach() throws {
        let database = try #require(Self.database)
        let text = """
            <DeviceInfo xmlns="http://www.isapi.org/ver20/XMLSchema"><model>DS-7608NXI-I2</model>\
            <serialNumber>DS-7608NXI-I20230101CCRRL12345678WCVU</serialNumber></DeviceInfo>
            camera 2: {'Manufacturer': 'Dahua', 'Model': 'IPC-HDW2431T', 'SerialNumber': '4M0747EPAA1D284', \
            'FirmwareVersion': '2.800.0000000.28.R'}
            """
        let evidence = EvidenceReader.read(name: "t.txt", bytes: Array(text.utf8))
        let parts = EvidenceIdentification.splitByDevice(evidence)
        #expect(parts.count == 2)
        let verdicts = parts.map { EvidenceIdentification(evidence: $0, database: database).identity.verdict }
        #expect(verdicts.contains(.hikvision))
        #expect(verdicts.contains(.other))
    }

    /// An SDP of the s=/tool lines Hikvision firmware writes, as a client logs it line by line.
    static let hikvisionSDP = [
        "v=0", "o=- 1109162014219182 1109162014219192 IN IP4 x.y.z.w", "s=Media Presentation", "e=NONE",
        "b=AS:5050", "t=0 0", "a=control:rtsp://10.0.0.2:554/Streaming/Channels/101/?transportmode=unicast",
        "m=video 0 RTP/AVP 96", "c=IN IP4 0.0.0.0", "b=AS:5000", "a=recvonly", "a=x-dimensions:1920,1080",
        "a=control:rtsp://10.0.0.2:554/Streaming/Channels/101/trackID=1?transportmode=unicast",
        "a=rtpmap:96 H264/90000",
        "a=Media_header:MEDIAINFO=494D4B48010100000400010000000000000000000000000000000000000000000000000000000000;",
        "a=appversion:1.0",
    ]

    @Test(arguments: [
        "2024-05-01 12:34:56.789 DEBUG [rtsp.client] ", "[2023-09-20 14:42:28.162][DBG] ", "    ", "\t", "> ",
        "I/RtspClient( 4242): ",
    ])
    func anSDPLoggedLineByLineIsStillAnSDP(prefix: String) throws {
        let text = Self.hikvisionSDP.map { prefix + $0 }.joined(separator: "\n")
        let result = try Self.identify(text)
        let plain = try Self.identify(Self.hikvisionSDP.joined(separator: "\n"))
        #expect(Self.fields(result)["sdp.session-name"] == "Media Presentation", "\(result.evidence.notes)")
        // Everything but the line ending, which a log re-writes (a layout signal it cannot show).
        var expected = Self.fields(plain)
        expected["sdp.quirk"] = nil
        #expect(Self.fields(result).filter { $0.key != "sdp.quirk" } == expected, "\(result.evidence.notes)")
        #expect(result.identity.verdict == plain.identity.verdict)
    }

    @Test func aDictDumpBehindALoggersPrefixIsStillADocument() throws {
        let text = """
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client] DeviceInfo: {
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     '$': { version: '1.0', xmlns: 'http://www.hikvision.com/ver20/XMLSchema' },
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     deviceName: 'Network Video Recorder',
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     model: 'DS-7616NI-K2/16P',
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     firmwareVersion: 'V3.4.101',
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     firmwareReleasedDate: 'build 180904',
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client]     deviceType: 'IPC',
            2018-01-21 10:35:13 DEBUG (Thread-11) [hik.client] }
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["isapi.model"] == "DS-7616NI-K2/16P")
    }

    @Test func numberedAttributeLinesAreNotTakenForALogPrefix() throws {
        // Consecutive `a=fmtp:96`/`a=fmtp:97` lines share a prefix once digits fold; it is SDP.
        let text =
            "v=0\ns=Session streamed by \"nessyMediaServer\"\nt=0 0\nm=video 0 RTP/AVP 96\n"
            + "a=fmtp:96 packetization-mode=1\nm=video 0 RTP/AVP 97\na=fmtp:97 packetization-mode=1\n"
        let result = try Self.identify(text)
        #expect(result.evidence.sdp.first?.media.count == 2, "\(result.evidence.notes)")
    }

    @Test func aRealmInsideAnEscapedStringLiteralIsRead() throws {
        let text = #"""
            auth.addServerInfoByString("Digest realm=\"IP Camera(A1234)\", nonce=\"0123456789abcdef0123456789abcdef\", stale=\"FALSE\"");
            """#
        let result = try Self.identify(text)
        #expect(Self.fields(result)["rtsp.auth.realm"] == "IP Camera(A1234)")
        #expect(result.identity.verdict == .hikvision)
        // The escaped form needs its closing quote: a realm cut short is no realm.
        let cut = try Self.identify(#"s = "WWW-Authenticate: Digest realm=\"IP Camera(A1234)"#)
        #expect(Self.fields(cut)["rtsp.auth.realm"] == nil)
    }

    @Test func nodeInspectDumpOfAnEventAlertIsADocument() throws {
        // xml2js output as Node's util.inspect prints it: unquoted keys, one-element arrays.
        let text = """
            { EventNotificationAlert:
               { '$':
                  { version: '1.0',
                    xmlns: 'http://www.hikvision.com/ver20/XMLSchema' },
                 macAddress: [ 'c0:6d:ed:00:00:01' ],
                 eventType: [ 'VMD' ],
                 eventState: [ 'active' ] } }
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["isapi.namespace"] == "http://www.hikvision.com/ver20/XMLSchema")
        #expect(fields["mac.oui"] == "C0:6D:ED")
    }

    @Test(arguments: [
        ("[ 'VMD' ],", "'VMD'"), ("'1.0' } },", "'1.0'"), ("[ 'a', 'b' ]", "[ 'a', 'b' ]"), ("plain", "plain"),
        ("['x'", "['x'"), ("[]", "[]"),
    ])
    func inspectValuesKeepOneQuotedValue(input: String, expected: String) {
        let value = Array(input.utf8)[...]
        #expect(String(decoding: DeviceTextScanner.unwrappedInspectValue(value), as: UTF8.self) == expected)
    }

    @Test func onvifScopesInAListAreAProbeMatch() throws {
        let text = """
            ['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/hardware/DS-2CD2143G2-I', \
            'onvif://www.onvif.org/name/HIKVISION%20DS-2CD2143G2-I']
            """
        let result = try Self.identify(text)
        let scopes = result.observations.filter { $0.field.rawValue == "onvif.scope" }.map(\.value)
        #expect(scopes.contains("onvif://www.onvif.org/hardware/DS-2CD2143G2-I"))
        #expect(result.identity.verdict == .hikvision)
    }

    @Test func goStructPrintOfDeviceInformationIsRead() throws {
        let text = """
            2024/01/02 10:00:00 device info: {Manufacturer:HIKVISION Model:DS-2CD2143G2-I \
            FirmwareVersion:V5.7.3 build 220112 SerialNumber:DS-2CD2143G2-I20220101AAWRJ12345678 HardwareId:88}
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["onvif.manufacturer"] == "HIKVISION")
        #expect(fields["onvif.model"] == "DS-2CD2143G2-I")
    }

    @Test(arguments: [
        // One pair, a clock, a URL, `name: value` with a space, quoted Digest parameters: no fields.
        "2024/01/02 10:00:00 connecting to host=10.0.0.1",
        "fetch http://10.0.0.1:80/onvif/device_service at 10:00:00",
        #"WWW-Authenticate: Digest realm="IP Camera(A1234)", nonce="0123", stale="FALSE""#,
    ])
    func linesThatAreNotPairsGiveNoFields(line: String) {
        let scanned = DeviceTextScanner.scan(line)
        #expect(!scanned.fields.contains { ["host", "http", "nonce", "realm"].contains($0.name) })
    }

    @Test func tabIndentedDocumentBehindALoggersPrefixKeepsItsIndentation() throws {
        let prefix = "2024-05-01 12:34:56.789 DEBUG [onvif] "
        let body = [
            "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">", "\t<env:Body>",
            "\t\t<tds:GetDeviceInformationResponse>", "\t\t\t<tds:Manufacturer>HIKVISION</tds:Manufacturer>",
            "\t\t\t<tds:Model>DS-2CD2143G2-I</tds:Model>",
            "\t\t\t<tds:FirmwareVersion>V5.7.3 build 220112</tds:FirmwareVersion>",
            "\t\t\t<tds:HardwareId>88</tds:HardwareId>", "\t\t</tds:GetDeviceInformationResponse>", "\t</env:Body>",
            "</env:Envelope>",
        ]
        let text = body.map { prefix + $0 }.joined(separator: "\n")
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["onvif.manufacturer"] == "HIKVISION")
        #expect(fields["onvif.model"] == "DS-2CD2143G2-I")
    }

    @Test func pythonOrderedDictReprOfDeviceInfoIsRead() throws {
        let text = """
            OrderedDict([('DeviceInfo', OrderedDict([('@version', '2.0'), \
            ('@xmlns', 'http://www.hikvision.com/ver20/XMLSchema'), ('model', 'DS-2CD2143G2-I'), \
            ('macAddress', 'c0:6d:ed:11:22:33')]))])
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["isapi.model"] == "DS-2CD2143G2-I")
        #expect(fields["isapi.namespace"] == "http://www.hikvision.com/ver20/XMLSchema")
        // A list of strings is not a list of pairs.
        #expect(DeviceTextScanner.scan("('a', 'b', 'c')").fields.isEmpty)
    }

    @Test func modelAndSerialNamedInALogLineAreRead() throws {
        let text = """
            2023-03-09 19:26:53.729 | INFO     | mqtt_input:_reboot_callback:71 - Received reboot command for doorbell: DS-KV8201
            2023-03-09 19:26:54.100 | INFO     | nvr:setup:12 - channel 3 (DS-2CD2143G2-I) serial DS-7608NI-K20820190327CCRRD12345678WCVU
            """
        let result = try Self.identify(text)
        let values = result.observations.map { "\($0.field)=\($0.value)" }
        #expect(values.contains("text.model=DS-KV8201"))
        #expect(values.contains("text.model=DS-2CD2143G2-I"))
        #expect(values.contains("text.serial-number=DS-7608NI-K20820190327CCRRD12345678WCVU"))
        #expect(result.identity.verdict == .hikvision)
    }

    @Test func aSerialSluggedIntoAnEntityIdIsRead() {
        let line = "UNIQUE_ID: binary_sensor.ids_2cd7a46g0_p_izhsy20230110aawrl12612790_1_motiondetection"
        #expect(TextIdentifiers.scan(Array(line.utf8)).serialNumbers == ["ids_2cd7a46g0_p_izhsy20230110aawrl12612790"])
        // A slug without the serial tail, and `ds_` inside another word, are not serials.
        #expect(
            TextIdentifiers.scan(Array("sensor.ds_2cd2143g2_i_motion kids_20230110aawrl12612790".utf8)).serialNumbers
                .isEmpty
        )
    }

    @Test(arguments: [
        // Not Hikvision's model grammar, or part of another word: nothing.
        "ADS-2CD2143 HDS-1234 DS-ABCDE ds-2cd2143g2-i DS-12",
        "Synology DS918+ and DS220j on the network; D-Link DCS-8000LH",
    ])
    func tokensOutsideTheModelGrammarAreNotModels(line: String) {
        let found = TextIdentifiers.scan(Array(line.utf8))
        #expect(found.models.isEmpty && found.serialNumbers.isEmpty)
    }

    @Test func aModelAParsedFieldHoldsCountsOnce() throws {
        let fields = try Self.identify("<DeviceInfo><model>DS-2CD2143G2-I</model></DeviceInfo>").observations
        #expect(fields.contains { $0.field == .isapiModel })
        #expect(!fields.contains { $0.field == .textModel })
    }

    @Test func soapEnvelopeWithAnSPrefixIsNotALogPrefixAndACutClosingTagStillCloses() throws {
        // `xmlns:s="…"` is not an SDP `s=` line; the excerpt ends inside `</tds:Manufacturer>`.
        let text = """
            b'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:hikwsd="http://www.onvifext.com/onvif/ext/ver10/wsdl">\
            <s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>IPCAM</tds:Manuf
            """
        let result = try Self.identify(text)
        #expect(Self.fields(result)["onvif.manufacturer"] == "IPCAM")
        #expect(result.identity.verdict == .clone)
        #expect(DeviceTextScanner.scan("<model>DS-1</mod trailing words").fields.isEmpty)
        #expect(DeviceTextScanner.scan("<a><model>DS-1</mod \n").fields.map(\.value) == ["DS-1"])
    }

    @Test func anyONVIFEnvelopeIsReadForItsNamespacesAndW3CSchemaIsNotISAPI() throws {
        let text = """
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" \
            xmlns:tnshik="http://www.hikvision.com/2011/event/topics"><env:Body><tev:PullMessagesResponse>\
            <tev:CurrentTime>2024-05-25T23:59:39Z</tev:CurrentTime></tev:PullMessagesResponse></env:Body></env:Envelope>
            """
        let observations = try Self.identify(text).observations
        #expect(observations.contains { $0.field == .onvifNamespace && $0.value.contains("hikvision.com") })
        #expect(!observations.contains { $0.field == .isapiNamespace })
    }

    @Test func anXMLDocumentKeptAsStringLiteralsIsRead() throws {
        let text = """
                char buffer[] = "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\r\\n"
                        "<DeviceInfo version=\\"1.0\\" xmlns=\\"http://www.hikvision.com/ver10/XMLSchema\\">\\r\\n"
                        "<model>DS-2CD2A20F-IS</model>\\r\\n"
                        "</DeviceInfo>\\r\\n";
            """
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["isapi.namespace"] == "http://www.hikvision.com/ver10/XMLSchema")
        #expect(fields["isapi.model"] == "DS-2CD2A20F-IS")
    }

    @Test func userCheckAloneAndAnAdminAccessListAreISAPIDocuments() throws {
        let userCheck = try Self.identify(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<userCheck>\n<statusValue>401</statusValue>\n"
                + "<statusString>Unauthorized</statusString>\n</userCheck>"
        )
        #expect(Self.fields(userCheck)["isapi.schema"] == "hikvision-user-check")
        let services = try Self.identify(
            "adminAccesses [{'id': '1', 'protocol': 'HTTP', 'portNo': '80'}, "
                + "{'id': '4', 'enabled': 'true', 'protocol': 'DEV_MANAGE', 'portNo': '8000'}]"
        )
        let protocols = services.observations.filter { $0.field == .isapiAdminAccessProtocol }.map(\.value)
        #expect(protocols.contains("DEV_MANAGE"))
        #expect(services.identity.verdict == .hikvision)
        // The same keys naming only common protocols decide nothing.
        let plain = try Self.identify("[{'protocol': 'HTTP', 'portNo': '80'}, {'protocol': 'RTSP', 'portNo': '554'}]")
        #expect(plain.identity.verdict == .unknown)
    }

    @Test func digestExtensionParametersAreObserved() throws {
        let text = """
            RTSP/1.0 401 Unauthorized
            CSeq: 1
            WWW-Authenticate: Digest realm="DS-d59740cc", nonce="abc", random="xyz", stale="FALSE"
            WWW-Authenticate: Basic realm="/"

            """
        let result = try Self.identify(text)
        #expect(result.observations.contains { $0.field == .rtspAuthExtension && $0.value == "random" })
        #expect(!result.observations.contains { $0.field == .rtspAuthExtension && $0.value == "stale" })
    }

    @Test func aMediaSectionBetweenMarkdownFencesIsRead() throws {
        let text =
            "```\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 profile-level-id=4D0014;packetization-mode=0\n```\n"
        let fields = Self.fields(try Self.identify(text))
        #expect(fields["sdp.fmtp.profile-level-id"] == "4D0014")
        // The same section logged before an RTSP exchange, fences and all.
        let logged = ["```", "m=audio 0 RTP/AVP 104", "a=appversion:1.0", "```", "RTSP/1.0 200 OK", "CSeq: 4", ""]
            .map { "12:00:00 DEBUG [rtsp] " + $0 }.joined(separator: "\n")
        #expect(Self.fields(try Self.identify(logged))["sdp.appversion"] == "1.0")
    }

    @Test func aDahuaSystemInfoAnswerIsEvidenceAgainstHikvision() throws {
        let text =
            "deviceType=IPC-HDW5831R-ZE\nhardwareVersion=1.00\nprocessor=S3LM\nserialNumber=4X7C5A1ZAG21L3F\n"
            + "updateSerial=IPC-HDW5830R-Z\n"
        let result = try Self.identify(text)
        #expect(Self.fields(result)["http.cgi.updateserial"] == "IPC-HDW5830R-Z")
        #expect(result.identity.verdict == .other)
        #expect(result.identity.vendor == "Dahua")
        let config = try Self.identify("table.General.MachineName=NVR\ntable.General.LocalNo=8\n")
        #expect(Self.fields(config)["http.cgi.table"] == "General")
        #expect(config.identity.verdict == .other)
    }

    @Test func theOneMACATextNamesIsRead() {
        #expect(
            ValueClassifier.singleMAC(in: "Error setting up entry DS-HD1 - 80:91:33:88:7c:49 for onvif")
                == "80:91:33:88:7c:49"
        )
        #expect(
            ValueClassifier.singleMAC(in: "from 98-8B-0A-11-22-33 and again 98:8b:0a:11:22:33") == "98:8b:0a:11:22:33"
        )
        #expect(
            ValueClassifier.singleMAC(in: "No registered handler for event from 08:a1:89:64:f5:80: {")
                == "08:a1:89:64:f5:80"
        )
        // Two devices, a multicast group, a longer hex run: none.
        #expect(ValueClassifier.singleMAC(in: "a4:14:37:00:00:01 then 08:a1:89:00:00:02") == nil)
        #expect(ValueClassifier.singleMAC(in: "dst 01:00:5e:7f:ff:fa") == nil)
        #expect(ValueClassifier.singleMAC(in: "key 0a:1b:2c:3d:4e:5f:60:71") == nil)
        #expect(TextIdentifiers.scan(Array("entry DS-HD1 - 80:91:33".utf8)).models == ["DS-HD1"])
    }
}
