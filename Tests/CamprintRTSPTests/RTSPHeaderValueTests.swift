import CamprintRTSP
import CamprintWire
import Testing

@Suite struct RTSPHeaderValueTests {
    @Test func digestAndBasicChallengesInOneValue() throws {
        let raw =
            #" Digest realm="Cam \"A\"", qop="auth,auth-int", algorithm=MD5, nonce="n1", opaque="o", stale=TRUE, domain="/a /b", x-extra=1, Basic realm="Cam""#
        let challenges = AuthenticateChallenge.parseAll(raw)
        #expect(challenges.map(\.scheme) == ["Digest", "Basic"])
        let digest = try #require(challenges.first)
        #expect(digest.realm == #"Cam "A""#)
        #expect(digest.qop == ["auth", "auth-int"])
        #expect(digest.algorithm == "MD5")
        #expect(digest.opaque == "o")
        #expect(digest.stale == true)
        #expect(digest.domain == "/a /b")
        #expect(
            digest.parameters.map(\.name) == [
                "realm", "qop", "algorithm", "nonce", "opaque", "stale", "domain", "x-extra",
            ]
        )
        #expect(digest.parameters.map(\.isQuoted) == [true, true, false, true, true, false, true, false])
        #expect(digest.quirks.isEmpty, "\(digest.quirks)")
        #expect(challenges.last?.realm == "Cam")
    }

    @Test func challengeQuirks() throws {
        let quoted = try #require(
            AuthenticateChallenge(parsing: #"Digest realm="r",algorithm="MD5",stale="FALSE", nonce="x"#)
        )
        #expect(
            quoted.quirks.codes() == [
                RTSPQuirkCodes.authenticateNoSpaceAfterComma, RTSPQuirkCodes.authenticateNoSpaceAfterComma,
                RTSPQuirkCodes.authenticateUnterminatedQuote, RTSPQuirkCodes.authenticateAlgorithmQuoted,
                RTSPQuirkCodes.authenticateStaleQuoted,
            ]
        )
        #expect(quoted.stale == false)
        #expect(quoted.nonce == "x")
        #expect(AuthenticateChallenge(parsing: "   ") == nil)
    }

    @Test func publicKeepsSeparators() {
        let header = PublicHeader(parsing: " OPTIONS,DESCRIBE, SETUP ,  PLAY")
        #expect(header.methods == ["OPTIONS", "DESCRIBE", "SETUP", "PLAY"])
        #expect(header.separators == [",", ", ", " ,  "])
        #expect(
            header.quirks.codes() == [RTSPQuirkCodes.publicUnusualSeparator, RTSPQuirkCodes.publicUnusualSeparator]
        )
    }

    @Test func sessionWithSpaceBeforeParameter() {
        let session = SessionHeader(parsing: " 9a90de54; timeout=120")
        #expect(session.id == "9a90de54")
        #expect(session.timeout == 120)
        #expect(session.quirks.isEmpty)
        #expect(SessionHeader(parsing: " 1;timeout=abc").quirks.codes() == [RTSPQuirkCodes.sessionBadTimeout])
    }

    @Test func transportWithSeveralSpecsAndParameters() throws {
        let raw =
            #" RTP/AVP;multicast;destination=224.2.0.1;ttl=16;port=3456-3457;mode="PLAY", RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=30A98EE7;mode=play"#
        let transport = TransportHeader(parsing: raw)
        #expect(transport.specs.count == 2)
        let multicast = try #require(transport.specs.first)
        #expect(multicast.delivery == .multicast)
        #expect(multicast.lowerTransport == nil)
        #expect(multicast.parameters.map(\.name) == ["multicast", "destination", "ttl", "port", "mode"])
        #expect(multicast.mode == "PLAY" && multicast.modeIsQuoted)
        let tcp = transport.specs[1]
        #expect(tcp.transport == "RTP/AVP/TCP")
        #expect(tcp.interleaved == TransportSpec.Range(first: 2, last: 3))
        #expect(tcp.ssrc?.value == 0x30A9_8EE7)
        #expect(tcp.mode == "play" && !tcp.modeIsQuoted)
        #expect(transport.quirks.isEmpty, "\(transport.quirks)")
    }

    @Test func ssrcForms() {
        func ssrc(_ text: String) -> (UInt32?, [String]) {
            let transport = TransportHeader(parsing: "RTP/AVP;unicast;ssrc=" + text)
            return (transport.specs.first?.ssrc?.value, transport.quirks.codes())
        }
        #expect(ssrc("A046") == (0xA046, [RTSPQuirkCodes.ssrcShort]))
        #expect(ssrc("0") == (0, [RTSPQuirkCodes.ssrcShort]))
        #expect(ssrc("4294962989") == (4_294_962_989, [RTSPQuirkCodes.ssrcDecimal]))
        #expect(ssrc("99999999999") == (nil, [RTSPQuirkCodes.ssrcInvalid]))
        #expect(ssrc("0X1A2B3C4D") == (0x1A2B_3C4D, [RTSPQuirkCodes.ssrcHexPrefix]))
        #expect(ssrc("zz") == (nil, [RTSPQuirkCodes.ssrcInvalid]))
    }

    @Test func badPortsAreQuirks() {
        let transport = TransportHeader(parsing: "RTP/AVP;client_port=abc;server_port=1-x;;")
        #expect(transport.specs.first?.serverPort == TransportSpec.Range(first: 1, last: nil))
        #expect(
            transport.quirks.codes() == [
                RTSPQuirkCodes.transportBadPort, RTSPQuirkCodes.transportBadPort,
                RTSPQuirkCodes.transportEmptyParameter, RTSPQuirkCodes.transportEmptyParameter,
            ]
        )
    }

    @Test func rtpInfoURLWithComma() {
        let info = RTPInfoHeader(
            parsing: " url=rtsp://a/b,c;seq=1;rtptime=2, url=rtsp://a/d;seq=65535;rtptime=4294967295"
        )
        #expect(info.streams.map(\.url) == ["rtsp://a/b,c", "rtsp://a/d"])
        #expect(info.streams.map(\.seq) == [1, 65535])
        #expect(info.streams.last?.rtptime == UInt32.max)
        #expect(info.quirks.isEmpty)
        #expect(
            RTPInfoHeader(parsing: "seq=x").quirks.codes() == [
                RTSPQuirkCodes.rtpInfoBadNumber, RTSPQuirkCodes.rtpInfoMissingURL,
            ]
        )
    }

    @Test(arguments: [
        (" Thu, 18 Jun 2020 13:30:45 GMT", DateHeader.Layout.rfc1123),
        (" Wed, Oct 23 2019 13:00:34 GMT", .live555),
        (" Sun Nov  6 08:49:37 1994", .asctime),
        (" Sunday, 06-Nov-94 08:49:37 GMT", .other),
        (" Wed, 23 Oct 2019 25:00 GMT", .other),
        ("", .other),
    ])
    func dateLayouts(_ raw: String, _ layout: DateHeader.Layout) {
        let date = DateHeader(parsing: raw)
        #expect(date.layout == layout, "\(raw)")
        #expect(date.quirks.codes().contains(RTSPQuirkCodes.dateNonstandardLayout) == (layout != .rfc1123))
        #expect(!date.quirks.codes().contains(RTSPQuirkCodes.dateDoubleSpace))
    }

    @Test func asctimeFields() {
        let date = DateHeader(parsing: "  Sun Nov  6 08:49:37 1994")
        #expect([date.year, date.month, date.day, date.hour, date.minute, date.second] == [1994, 11, 6, 8, 49, 37])
        #expect(date.quirks.codes().first == RTSPQuirkCodes.dateDoubleSpace)
    }

    @Test func contentLengthAndCSeq() {
        #expect(ContentLengthHeader(parsing: " 842").length == 842)
        #expect(ContentLengthHeader(parsing: " 842").quirks.isEmpty)
        #expect(ContentLengthHeader(parsing: "842 ").quirks.codes() == [RTSPQuirkCodes.contentLengthPadded])
        #expect(ContentLengthHeader(parsing: " -1").length == nil)
        #expect(CSeqHeader(parsing: " x").quirks.codes() == [RTSPQuirkCodes.cseqNotNumeric])
        #expect(CSeqHeader(parsing: " 7").quirks.isEmpty)
    }

    @Test func serverProductAndVersion() {
        let server = ServerHeader(parsing: " Hikvision-Webs/1.0 extra")
        #expect(server.product == "Hikvision-Webs")
        #expect(server.version == "1.0")
        #expect(ServerHeader(parsing: " H264DVR 1.0").version == nil)
    }
}
