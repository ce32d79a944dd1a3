import CamprintRTSP
import CamprintTestSupport
import CamprintWire
import Testing

/// Every RTSP text in the real-device corpus, read in place.
@Suite struct RTSPCorpusTests {
    static let transcript = "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"
    static let textFiles = Corpus.files(under: "rtsp_text", extensions: [".txt"])

    static func response(_ path: String) throws -> RTSPResponse {
        try RTSPResponse.parse(try Corpus.bytes(path))
    }

    /// Files that start with a status line parse as one response, and the conversation reader
    /// finds exactly that response at offset 0. SDP-only files (`*_sdp.txt`) hold no RTSP message.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: textFiles)
    func parsesEveryText(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        let conversation = RTSPConversation.parse(bytes)
        if bytes.starts(with: Array("RTSP/".utf8)) {
            do {
                let response = try RTSPResponse.parse(bytes)
                #expect(response.statusCode >= 200, "\(path)")
            } catch {
                Issue.record("\(path): \(error)")
            }
            #expect(conversation.entries.map(\.offset) == [0], "\(path): \(conversation.quirks)")
        } else {
            #expect(bytes.starts(with: Array("v=0".utf8)), "\(path) is neither RTSP nor SDP")
            #expect(conversation.entries.isEmpty, "\(path): found \(conversation.entries.map(\.offset))")
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func transcriptHasEveryMessage() throws {
        let bytes = try Corpus.bytes(Self.transcript)
        let conversation = RTSPConversation.parse(bytes)
        #expect(conversation.quirks.isEmpty, "\(conversation.quirks)")
        #expect(
            conversation.requests.map(\.method)
                == ["OPTIONS", "DESCRIBE", "DESCRIBE", "SETUP", "SETUP", "PLAY", "TEARDOWN"]
        )
        #expect(conversation.responses.map(\.statusCode) == [200, 401, 200, 200, 200, 200, 200])
        #expect(conversation.entries.first?.offset == 0)
        for entry in conversation.entries {
            let head = bytes[entry.offset...].prefix(5)
            #expect(head.elementsEqual("RTSP/".utf8) || head.first.map { $0 >= 0x41 && $0 <= 0x5A } == true)
        }
        // The SDP body is exactly Content-Length (842) bytes.
        let describe = conversation.responses[2]
        #expect(describe.body.count == 842)
        #expect(describe.bodyText.hasPrefix("v=0\r\n"))

        let unauthorized = conversation.responses[1]
        let challenges = unauthorized.headers.all("WWW-Authenticate").flatMap {
            AuthenticateChallenge.parseAll($0.rawValue)
        }
        #expect(challenges.map(\.scheme) == ["Digest"])
        let digest = try #require(challenges.first)
        #expect(digest.realm == "IP Camera(C2875)")
        #expect(digest.nonce == "938032d91ffc30ca80b5da94c18887ac")
        #expect(digest.stale == false)
        #expect(digest.parameters.map(\.name) == ["realm", "nonce", "stale"])
        #expect(digest.parameters.last?.isQuoted == true)
        #expect(digest.quirks.codes() == [RTSPQuirkCodes.authenticateStaleQuoted])

        let options = conversation.responses[0]
        let publicHeader = PublicHeader(parsing: try #require(options.headers.first("Public")).rawValue)
        #expect(
            publicHeader.methods == [
                "OPTIONS", "DESCRIBE", "PLAY", "PAUSE", "SETUP", "TEARDOWN", "SET_PARAMETER", "GET_PARAMETER",
            ]
        )
        #expect(Set(publicHeader.separators) == [", "])
        let date = DateHeader(parsing: try #require(options.headers.first("Date")).rawValue)
        #expect(date.layout == .live555)
        #expect(date.quirks.codes().contains(RTSPQuirkCodes.dateDoubleSpace))
        #expect([date.year, date.month, date.day, date.hour, date.minute, date.second] == [2020, 5, 14, 16, 45, 35])

        let setup = conversation.responses[3]
        let session = SessionHeader(parsing: try #require(setup.headers.first("Session")).rawValue)
        #expect(session.id == "708732579")
        #expect(session.timeout == 60)
        #expect(session.leadingSpaceCount == 8)
        let transport = TransportHeader(parsing: try #require(setup.headers.first("Transport")).rawValue)
        let spec = try #require(transport.specs.first)
        #expect(spec.lowerTransport == "UDP")
        #expect(spec.serverPort == TransportSpec.Range(first: 8318, last: 8319))
        #expect(spec.ssrc?.value == 0x1cde_bfaf)
        #expect(spec.mode == "play" && spec.modeIsQuoted)
    }

    /// The seven real client requests of the transcript serialize back to their exact bytes.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func transcriptRequestsRoundTrip() throws {
        let bytes = try Corpus.bytes(Self.transcript)
        let conversation = RTSPConversation.parse(bytes)
        var checked = 0
        for entry in conversation.entries {
            guard case .request(let request) = entry.message else { continue }
            let serialized = request.serialize()
            #expect(bytes[entry.offset...].starts(with: serialized), "request at \(entry.offset)")
            #expect(try RTSPRequest.parse(serialized) == request, "request at \(entry.offset)")
            checked += 1
        }
        #expect(checked == 7)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func hikvisionSetupSessionPadding() throws {
        let response = try Self.response("rtsp_text/retina/hikvision_setup.txt")
        let session = SessionHeader(parsing: try #require(response.headers.first("Session")).rawValue)
        #expect(session.id == "708345999")
        #expect(session.leadingSpaceCount == 8)
        #expect(session.quirks.codes() == [RTSPQuirkCodes.sessionSpacePadded])
        #expect(response.quirks.codes().contains(RTSPQuirkCodes.headerExtraLeadingSpace))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func hikvisionSSRCWithLeadingSpace() throws {
        let response = try Self.response("rtsp_text/retina/hikvision_setup_ssrc_space.txt")
        let transport = TransportHeader(parsing: try #require(response.headers.first("Transport")).rawValue)
        let ssrc = try #require(transport.specs.first?.ssrc)
        #expect(ssrc.value == 0x0d6d_6627)
        #expect(ssrc.leadingSpaceCount == 1)
        #expect(ssrc.digitCount == 7)
        #expect(transport.quirks.codes() == [RTSPQuirkCodes.ssrcLeadingSpace, RTSPQuirkCodes.ssrcShort])
        #expect(transport.specs.first?.interleaved == TransportSpec.Range(first: 0, last: 1))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func rubetekHexPrefixedSSRC() throws {
        let response = try Self.response("rtsp_text/retina/rubetek_setup_ssrc_0x.txt")
        let transport = TransportHeader(parsing: try #require(response.headers.first("Transport")).rawValue)
        let spec = try #require(transport.specs.first)
        #expect(spec.ssrc?.value == 0x6f7c)
        #expect(spec.ssrc?.hasHexPrefix == true)
        #expect(transport.quirks.codes().contains(RTSPQuirkCodes.ssrcHexPrefix))
        #expect(spec.mode == "PLAY")
        let authenticate = try #require(response.headers.first("WWW-Authenticate"))
        let challenge = try #require(AuthenticateChallenge(parsing: authenticate.rawValue))
        #expect(challenge.realm == "Rubetek IP camera device")
        #expect(challenge.quirks.codes() == [RTSPQuirkCodes.authenticateNoSpaceAfterComma])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dahuaDecimalSSRCInRTPInfo() throws {
        let response = try Self.response("rtsp_text/retina/dahua_play_decimal_ssrc.txt")
        let info = RTPInfoHeader(parsing: try #require(response.headers.first("RTP-Info")).rawValue)
        let stream = try #require(info.streams.first)
        #expect(stream.url == "trackID=0")
        #expect(stream.seq == 13210)
        #expect(stream.rtptime == 1_067_824_145)
        #expect(stream.ssrc?.value == 4_294_962_989)
        #expect(stream.ssrc?.isDecimal == true)
        #expect(info.quirks.codes() == [RTSPQuirkCodes.rtpInfoSSRCDecimal])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func laureiiTrailingSemicolonInRTPInfo() throws {
        let response = try Self.response("rtsp_text/retina/laureii_play.txt")
        let info = RTPInfoHeader(parsing: try #require(response.headers.first("RTP-Info")).rawValue)
        #expect(info.streams.count == 1)
        #expect(info.streams.first?.hasTrailingSemicolon == true)
        #expect(info.streams.first?.rtptime == 0)
        #expect(info.quirks.codes() == [RTSPQuirkCodes.rtpInfoTrailingSemicolon])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dahuaPlayHasThreeStreams() throws {
        let response = try Self.response("rtsp_text/retina/dahua_play.txt")
        let info = RTPInfoHeader(parsing: try #require(response.headers.first("RTP-Info")).rawValue)
        #expect(info.streams.map(\.url) == ["trackID=0", "trackID=1", "trackID=4"])
        #expect(info.quirks.isEmpty)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func longseTrailingSpaceInCSeq() throws {
        let response = try Self.response("rtsp_text/retina/longse_unauthorized.txt")
        let cseq = CSeqHeader(parsing: try #require(response.headers.first("CSeq")).rawValue)
        #expect(cseq.sequenceNumber == 1)
        #expect(cseq.trailingSpaceCount == 1)
        #expect(cseq.quirks.codes() == [RTSPQuirkCodes.cseqTrailingSpace])
        #expect(response.quirks.codes() == [RTSPQuirkCodes.headerTrailingSpace])
        let server = ServerHeader(parsing: try #require(response.headers.first("Server")).rawValue)
        #expect(server.text == "Rtsp Server 1920*1080*20*2048")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func axisDescribeServerHeader() throws {
        let response = try Self.response("rtsp_text/axis/axis_describe_response.txt")
        let server = ServerHeader(parsing: try #require(response.headers.first("Server")).rawValue)
        #expect(server.text == "GStreamer RTSP server")
        #expect(server.version == nil)
        let date = DateHeader(parsing: try #require(response.headers.first("Date")).rawValue)
        #expect(date.layout == .rfc1123)
        #expect(date.quirks.isEmpty)
        #expect(response.body.count == 623)
        // The extracted file carries two bytes past Content-Length.
        #expect(response.quirks.codes() == [RTSPQuirkCodes.trailingBytes])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dahuaServerVersionAndPublic() throws {
        let response = try Self.response("rtsp_text/retina/dahua_options.txt")
        let server = ServerHeader(parsing: try #require(response.headers.first("Server")).rawValue)
        #expect(server.product == "Rtsp Server")
        #expect(server.version == "3.0")
        let methods = PublicHeader(parsing: try #require(response.headers.first("Public")).rawValue).methods
        #expect(methods.first == "OPTIONS" && methods.last == "GET_PARAMETER" && methods.count == 10)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func anjvisionContentBaseWithoutScheme() throws {
        let response = try Self.response("rtsp_text/retina/anjvision_describe.txt")
        let base = ContentBaseHeader(parsing: try #require(response.headers.first("Content-Base")).rawValue)
        #expect(base.url == "192.168.1.10:554/stream0/")
        #expect(base.quirks.codes() == [RTSPQuirkCodes.contentBaseNoScheme])
        let length = ContentLengthHeader(parsing: try #require(response.headers.first("Content-Length")).rawValue)
        #expect(length.length == 888)
    }

    /// Every corpus file through the decoder, whole and one byte at a time, gives the same frames.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: textFiles + [transcript])
    func decoderAgreesWithParser(_ path: String) throws {
        let bytes = try Corpus.bytes(path)
        guard bytes.starts(with: Array("RTSP/".utf8)) || path == Self.transcript else { return }
        let whole = try decodeAll([bytes])
        let dripped = try decodeAll(bytes.map { [$0] })
        #expect(whole == dripped, "\(path)")
        #expect(!whole.isEmpty, "\(path)")
    }
}
