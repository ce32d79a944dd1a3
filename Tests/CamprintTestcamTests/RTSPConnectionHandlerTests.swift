import CamprintDigest
import CamprintRTSP
import CamprintWire
import NIOCore
import NIOEmbedded
import Testing

@testable import CamprintTestcam

/// The emulator's RTSP connection handler on an `EmbeddedChannel`: requests in, responses and
/// interleaved RTP out, fault modes with time moved by `EmbeddedEventLoop.advanceTime`. No
/// sockets, no sleeping.
@Suite("Testcam RTSP connection handler (EmbeddedChannel)")
struct RTSPConnectionHandlerTests {
    static let url = "rtsp://127.0.0.1:554/Streaming/Channels/101"

    /// One connection to one camera (persona hikvision-ipc, the 720p H.264 sample).
    final class Connection {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        private var decoder = RTSPFrameDecoder()
        /// Output bytes read so far.
        private(set) var output: [UInt8] = []
        /// Interleaved frames read so far: channel and payload.
        private(set) var interleaved: [(channel: UInt8, payload: [UInt8])] = []
        private var responses: [RTSPResponse] = []

        init(credentials: Credentials? = nil, faults: FaultConfig = FaultConfig()) throws {
            let camera = Camera(
                config: try Harness.camera("hikvision-ipc", credentials: credentials, faults: faults)
            )
            let listener = Listener(cameras: [camera], log: AuthFailureLog { _ in })
            channel = EmbeddedChannel(handler: RTSPConnectionHandler(listener: listener), loop: loop)
            channel.localAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 554)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 50_000)).wait()
        }

        deinit {
            _ = try? channel.finish(acceptAlreadyClosed: true)
            loop.advanceTime(by: .hours(1))
        }

        func send(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(bytes: Array(text.utf8)))
        }

        /// Sends one request; its response if the camera answered.
        func request(
            _ method: String,
            _ uri: String = RTSPConnectionHandlerTests.url,
            cseq: Int,
            headers: [(String, String)] = []
        ) throws -> RTSPResponse? {
            var text = "\(method) \(uri) RTSP/1.0\r\nCSeq: \(cseq)\r\n"
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            try send(text + "\r\n")
            return try nextResponse()
        }

        /// Reads what the handler wrote: the next complete response, if any.
        func nextResponse() throws -> RTSPResponse? {
            try drain()
            return responses.isEmpty ? nil : responses.removeFirst()
        }

        func drain() throws {
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                let bytes = Array(buffer.readableBytesView)
                output += bytes
                decoder.append(bytes)
            }
            while let frame = try decoder.next() {
                switch frame {
                case .response(let response): responses.append(response)
                case .interleaved(let channel, let payload): interleaved.append((channel, payload.bytes))
                case .request: Issue.record("the camera sent a request")
                }
            }
        }

        /// DESCRIBE, SETUP over TCP (interleaved 0-1), PLAY; the PLAY response.
        func play() throws -> RTSPResponse? {
            _ = try request("DESCRIBE", cseq: 1)
            let setup = try request(
                "SETUP",
                RTSPConnectionHandlerTests.url + "/trackID=1",
                cseq: 2,
                headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
            )
            let session = String((setup?.headers.value("Session") ?? "").split(separator: ";")[0])
            return try request("PLAY", cseq: 3, headers: [("Session", session)])
        }
    }

    static func faults(_ build: (inout FaultConfig) -> Void) -> FaultConfig {
        var config = FaultConfig()
        build(&config)
        return config
    }

    /// H.264 NAL unit types in RTP payloads on channel 0 (single NAL units and FU-A starts).
    static func h264NALTypes(_ frames: [(channel: UInt8, payload: [UInt8])]) -> Set<UInt8> {
        var types: Set<UInt8> = []
        for frame in frames where frame.channel == 0 && frame.payload.count > 13 {
            let payload = frame.payload[12...]
            let type = payload[payload.startIndex] & 0x1f
            if type == 28 {
                let header = payload[payload.startIndex + 1]
                if header & 0x80 != 0 { types.insert(header & 0x1f) }
            } else if type == 24 {
                types.insert(0xFF)  // STAP-A: not expected from this camera
            } else {
                types.insert(type)
            }
        }
        return types
    }

    // MARK: Requests and responses

    @Test func optionsIsAnsweredWithTheSameCSeqAndThePersonasMethods() throws {
        let connection = try Connection()
        let response = try #require(try connection.request("OPTIONS", cseq: 41))
        #expect(response.statusCode == 200)
        #expect(response.headers.value("CSeq") == "41")
        #expect(response.headers.value("Public")?.contains("DESCRIBE") == true)
    }

    @Test func describeSendsAnSDPWhoseLengthIsContentLength() throws {
        let connection = try Connection()
        let response = try #require(try connection.request("DESCRIBE", cseq: 1))
        #expect(response.statusCode == 200)
        #expect(response.headers.value("Content-Length") == String(response.body.bytes.count))
        #expect(response.bodyText.hasPrefix("v=0\r\n"))
        #expect(response.bodyText.contains("m=video"))
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let connection = try Connection()
        try connection.send(
            "OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\nDESCRIBE \(Self.url) RTSP/1.0\r\nCSeq: 2\r\n\r\n"
        )
        #expect(try connection.nextResponse()?.headers.value("CSeq") == "1")
        #expect(try connection.nextResponse()?.headers.value("CSeq") == "2")
    }

    @Test func aRequestInPiecesIsAnsweredOnceComplete() throws {
        let connection = try Connection()
        let text = "OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 5\r\n\r\n"
        for character in text.dropLast() {
            try connection.send(String(character))
            #expect(try connection.nextResponse() == nil)
        }
        try connection.send("\n")
        #expect(try connection.nextResponse()?.headers.value("CSeq") == "5")
    }

    @Test func anUnparsableRequestIsA400AndTheConnectionCloses() throws {
        let connection = try Connection()
        try connection.channel.writeInbound(ByteBuffer(bytes: (0..<256).map { UInt8(($0 * 7) % 32) }))
        #expect(try connection.nextResponse()?.statusCode == 400)
        #expect(!connection.channel.isActive)
    }

    @Test func anUnknownMethodIs501() throws {
        let connection = try Connection()
        #expect(try connection.request("RECORD", cseq: 1)?.statusCode == 501)
    }

    @Test func playWithoutSetupIs454() throws {
        let connection = try Connection()
        #expect(try connection.request("PLAY", cseq: 1, headers: [("Session", "12345678")])?.statusCode == 454)
    }

    @Test func playStreamsInterleavedRTPAsTimePasses() throws {
        let connection = try Connection()
        let play = try #require(try connection.play())
        #expect(play.statusCode == 200)
        #expect(play.headers.value("RTP-Info") != nil)
        try connection.drain()
        let before = connection.interleaved.count
        connection.loop.advanceTime(by: .seconds(2))
        try connection.drain()
        #expect(connection.interleaved.count > before, "frames follow the embedded clock")
        #expect(connection.interleaved.contains { $0.channel == 0 }, "RTP on the SETUP's channel")
        #expect(Self.h264NALTypes(connection.interleaved).contains(5), "the stream starts on an IDR picture")
    }

    @Test func teardownStopsTheStream() throws {
        let connection = try Connection()
        let play = try #require(try connection.play())
        let session = try #require(play.headers.value("Session"))
        #expect(try connection.request("TEARDOWN", cseq: 4, headers: [("Session", session)])?.statusCode == 200)
        try connection.drain()
        let count = connection.interleaved.count
        connection.loop.advanceTime(by: .seconds(5))
        try connection.drain()
        #expect(connection.interleaved.count == count)
    }

    // MARK: Authentication

    static func digest(_ challenge: RTSPResponse?, password: String, method: String) -> String {
        let params = DigestParameters.parse(challenge?.headers.value("WWW-Authenticate") ?? "")
        return HTTPTestAuth.rfc2069(
            user: "admin",
            password: password,
            realm: params["realm"] ?? "",
            nonce: params["nonce"] ?? "",
            method: method,
            uri: url
        )
    }

    @Test func describeWithoutCredentialsGetsADigestChallenge() throws {
        let connection = try Connection(credentials: Credentials(user: "admin", password: "right"))
        #expect(try connection.request("OPTIONS", cseq: 1)?.statusCode == 200, "OPTIONS needs no login")
        let challenge = try #require(try connection.request("DESCRIBE", cseq: 2))
        #expect(challenge.statusCode == 401)
        let header = try #require(challenge.headers.value("WWW-Authenticate"))
        #expect(header.hasPrefix("Digest "))
        #expect(DigestParameters.parse(header)["nonce"]?.isEmpty == false)
        let authorization = Self.digest(challenge, password: "right", method: "DESCRIBE")
        #expect(
            try connection.request("DESCRIBE", cseq: 3, headers: [("Authorization", authorization)])?.statusCode == 200
        )
    }

    @Test func aNonceTheCameraNeverIssuedIsRejected() throws {
        let connection = try Connection(credentials: Credentials(user: "admin", password: "right"))
        _ = try connection.request("DESCRIBE", cseq: 1)
        let forged = HTTPTestAuth.rfc2069(
            user: "admin",
            password: "right",
            realm: "IP Camera",
            nonce: "00000000000000000000000000000000",
            method: "DESCRIBE",
            uri: Self.url
        )
        #expect(try connection.request("DESCRIBE", cseq: 2, headers: [("Authorization", forged)])?.statusCode == 401)
    }

    @Test func unauthorizedForeverRefusesTheRightPassword() throws {
        let connection = try Connection(
            credentials: Credentials(user: "admin", password: "right"),
            faults: Self.faults { $0.unauthorized_forever = true }
        )
        let challenge = try connection.request("DESCRIBE", cseq: 1)
        let authorization = Self.digest(challenge, password: "right", method: "DESCRIBE")
        #expect(
            try connection.request("DESCRIBE", cseq: 2, headers: [("Authorization", authorization)])?.statusCode == 401
        )
    }

    @Test func lockoutAfterFailedLogins() throws {
        let connection = try Connection(
            credentials: Credentials(user: "admin", password: "right"),
            faults: Self.faults { $0.lockout = FaultConfig.Lockout(after: 3, seconds: 30) }
        )
        let challenge = try connection.request("DESCRIBE", cseq: 1)
        var statuses: [Int?] = []
        for attempt in 0..<3 {
            let wrong = Self.digest(challenge, password: "wrong", method: "DESCRIBE")
            statuses.append(
                try connection.request("DESCRIBE", cseq: 2 + attempt, headers: [("Authorization", wrong)])?.statusCode
            )
        }
        let right = Self.digest(challenge, password: "right", method: "DESCRIBE")
        statuses.append(try connection.request("DESCRIBE", cseq: 9, headers: [("Authorization", right)])?.statusCode)
        #expect(statuses == [401, 401, 403, 403], "two 401s, then 403 even for the right password")
    }

    // MARK: Fault modes

    @Test func hangAfterAcceptAnswersNothing() throws {
        let connection = try Connection(faults: Self.faults { $0.hang_after_accept = true })
        #expect(try connection.request("OPTIONS", cseq: 1) == nil)
        connection.loop.advanceTime(by: .seconds(60))
        try connection.drain()
        #expect(connection.output.isEmpty)
        #expect(connection.channel.isActive, "the connection stays open")
    }

    @Test func hangAfterOptionsAnswersOptionsOnly() throws {
        let connection = try Connection(faults: Self.faults { $0.hang_after_options = true })
        #expect(try connection.request("OPTIONS", cseq: 1)?.statusCode == 200)
        let answered = connection.output.count
        #expect(try connection.request("DESCRIBE", cseq: 2) == nil)
        connection.loop.advanceTime(by: .seconds(60))
        try connection.drain()
        #expect(connection.output.count == answered)
    }

    @Test func dripSendsOneBytePerSecond() throws {
        let connection = try Connection(faults: Self.faults { $0.drip = true })
        #expect(try connection.request("OPTIONS", cseq: 1) == nil)
        #expect(connection.output == Array("R".utf8), "the first byte at once")
        for second in 1...9 {
            connection.loop.advanceTime(by: .milliseconds(999))
            try connection.drain()
            #expect(connection.output.count == second, "no byte before the second is up")
            connection.loop.advanceTime(by: .milliseconds(1))
            try connection.drain()
            #expect(connection.output.count == second + 1)
        }
        #expect(connection.output == Array("RTSP/1.0 2".utf8))
        // The rest of the response, one second per byte.
        connection.loop.advanceTime(by: .seconds(600))
        #expect(try connection.nextResponse()?.statusCode == 200)
    }

    @Test func garbageIsNotRTSP() throws {
        let connection = try Connection(faults: Self.faults { $0.garbage = true })
        try connection.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
        var bytes: [UInt8] = []
        while let buffer = try connection.channel.readOutbound(as: ByteBuffer.self) {
            bytes += buffer.readableBytesView
        }
        #expect(bytes.count == 512)
        #expect(!bytes.starts(with: Array("RTSP/1.0".utf8)))
    }

    @Test func hugeHeaderIsOverOneMegabyte() throws {
        let connection = try Connection(faults: Self.faults { $0.huge_header = true })
        try connection.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
        var bytes: [UInt8] = []
        while let buffer = try connection.channel.readOutbound(as: ByteBuffer.self) {
            bytes += buffer.readableBytesView
        }
        #expect(bytes.count > 1 << 20)
        #expect(bytes.starts(with: Array("RTSP/1.0 200".utf8)))
        #expect(bytes.suffix(4) == Array("\r\n\r\n".utf8))
    }

    @Test func truncatedSDPStopsInsideALine() throws {
        let connection = try Connection(faults: Self.faults { $0.truncated_sdp = true })
        let response = try #require(try connection.request("DESCRIBE", cseq: 1))
        #expect(response.headers.value("Content-Length") == String(response.body.bytes.count))
        #expect(response.bodyText.hasPrefix("v=0\r\n"))
        #expect(!response.bodyText.hasSuffix("\r\n"), "cut inside a line")
    }

    @Test(arguments: [(453, "SETUP", "Not Enough Bandwidth"), (503, "DESCRIBE", "Service Unavailable")])
    func statusFaults(status: Int, method: String, reason: String) throws {
        let connection = try Connection(
            faults: Self.faults {
                if method == "SETUP" { $0.setup_status = status } else { $0.describe_status = status }
            }
        )
        let response = try connection.request(
            method,
            Self.url + (method == "SETUP" ? "/trackID=1" : ""),
            cseq: 1,
            headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
        )
        #expect(response?.statusCode == status)
        #expect(response?.reasonPhrase == reason)
    }

    @Test func allStatusAnswersEveryRequest() throws {
        let connection = try Connection(faults: Self.faults { $0.all_status = 503 })
        #expect(try connection.request("OPTIONS", cseq: 1)?.statusCode == 503)
        #expect(try connection.request("DESCRIBE", cseq: 2)?.statusCode == 503)
    }

    @Test func closeMidStreamClosesAfterItsSeconds() throws {
        let connection = try Connection(faults: Self.faults { $0.close_mid_stream_after = 3 })
        #expect(try connection.play()?.statusCode == 200)
        connection.loop.advanceTime(by: .milliseconds(2900))
        try connection.drain()
        #expect(connection.channel.isActive)
        #expect(!connection.interleaved.isEmpty, "RTP flows before the close")
        connection.loop.advanceTime(by: .milliseconds(100))
        #expect(!connection.channel.isActive, "closed at three seconds")
    }

    @Test func noKeyframeHoldsBackIDRPictures() throws {
        let connection = try Connection(faults: Self.faults { $0.no_keyframe_seconds = 3600 })
        #expect(try connection.play()?.statusCode == 200)
        connection.loop.advanceTime(by: .seconds(4))
        try connection.drain()
        let types = Self.h264NALTypes(connection.interleaved)
        #expect(types.contains(1), "non-IDR pictures keep flowing")
        #expect(!types.contains(5), "no IDR while the fault holds, got \(types.sorted())")
    }

    @Test func noParameterSetsLeavesThemOutOfSDPAndStream() throws {
        let connection = try Connection(faults: Self.faults { $0.no_parameter_sets = true })
        let describe = try #require(try connection.request("DESCRIBE", cseq: 10))
        #expect(!describe.bodyText.contains("sprop-parameter-sets"))
        #expect(try connection.play()?.statusCode == 200)
        connection.loop.advanceTime(by: .seconds(2))
        try connection.drain()
        let types = Self.h264NALTypes(connection.interleaved)
        #expect(types.contains(5))
        #expect(!types.contains(7) && !types.contains(8), "no SPS/PPS in band, got \(types.sorted())")
    }
}
