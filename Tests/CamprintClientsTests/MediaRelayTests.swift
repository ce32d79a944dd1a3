import Foundation
import NIOCore
import NIOEmbedded
import Testing

@testable import CamprintClients

/// The media relay's message handling on EmbeddedChannels: the camera side (`upstream`) and
/// FFmpeg's loopback connection (`client`), each with its RelayHandler.
@Suite("Media relay (EmbeddedChannel)")
struct MediaRelayTests {
    static let credentials = ProbeCredentials(username: "admin", password: "Relay-S3cret!pw")
    static let local = "rtsp://127.0.0.1:40000/5e1a9c07d3b2f46a"

    final class Relay {
        let state: RelayState
        let upstream: EmbeddedChannel
        let client: EmbeddedChannel

        init(credentials: ProbeCredentials? = MediaRelayTests.credentials, basicAllowed: Bool = false) throws {
            let upstream = EmbeddedChannel()
            let camera = try RTSPURL(parsing: "rtsp://10.0.0.5:554/Streaming/Channels/101")
            state = RelayState(
                upstream: upstream,
                camera: camera,
                credentials: credentials,
                basicAllowed: basicAllowed,
                clientNonce: { "0a4f113b" }
            )
            try upstream.pipeline.syncOperations.addHandler(RelayHandler(state: state, side: .camera))
            let client = EmbeddedChannel()
            try client.pipeline.syncOperations.addHandler(RelayHandler(state: state, side: .client))
            #expect(state.attach(client: client))
            state.setLocalPrefix(MediaRelayTests.local)
            self.upstream = upstream
            self.client = client
        }

        /// FFmpeg sends `text`.
        func fromClient(_ text: String) throws {
            try client.writeInbound(ByteBuffer(string: text))
        }

        /// The camera sends `text`.
        func fromCamera(_ text: String) throws {
            try upstream.writeInbound(ByteBuffer(string: text))
        }

        /// Everything the relay wrote towards the camera since the last call.
        func toCamera() throws -> String { try Self.drain(upstream) }

        /// Everything the relay wrote towards FFmpeg since the last call.
        func toClient() throws -> String { try Self.drain(client) }

        static func drain(_ channel: EmbeddedChannel) throws -> String {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
            return text
        }
    }

    static func request(_ method: String, cseq: Int, path: String = "/Streaming/Channels/101") -> String {
        "\(method) \(local)\(path) RTSP/1.0\r\nCSeq: \(cseq)\r\nUser-Agent: Lavf59.27.100\r\n\r\n"
    }

    static func response(_ status: String, cseq: Int, headers: [String] = []) -> String {
        (["RTSP/1.0 \(status)", "CSeq: \(cseq)"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    }

    static let digest = "WWW-Authenticate: Digest realm=\"IP Camera(C2875)\", nonce=\"5f1e0c2a\", qop=\"auth\""

    @Test func rewritesTheURIAndAuthenticatesEachRequestItself() throws {
        let relay = try Relay()
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        let first = try relay.toCamera()
        #expect(first.hasPrefix("DESCRIBE rtsp://10.0.0.5:554/Streaming/Channels/101 RTSP/1.0\r\n"), "\(first)")
        #expect(!first.contains("Authorization"))
        // A 401 is not passed on: the relay sends the request again with its own Digest.
        try relay.fromCamera(Self.response("401 Unauthorized", cseq: 2, headers: [Self.digest]))
        #expect(try relay.toClient().isEmpty)
        let retried = try relay.toCamera()
        #expect(retried.contains("Authorization: Digest username=\"admin\""), "\(retried)")
        #expect(
            retried.contains("uri=\"rtsp://10.0.0.5:554/Streaming/Channels/101\"") && retried.contains("nc=00000001")
        )
        try relay.fromCamera(Self.response("200 OK", cseq: 2, headers: ["Content-Length: 0"]))
        #expect(try relay.toClient().hasPrefix("RTSP/1.0 200 OK"))
        // The next request is authenticated at once, with the next nonce count.
        try relay.fromClient(Self.request("SETUP", cseq: 3, path: "/Streaming/Channels/101/trackID=1"))
        let setup = try relay.toCamera()
        #expect(setup.contains("Authorization: Digest") && setup.contains("nc=00000002"), "\(setup)")
        #expect(!setup.contains(Self.credentials.password))
        #expect(relay.state.refusal == nil)
    }

    /// Another local process that connects first does not know the token: closed, nothing sent.
    @Test(arguments: [
        "DESCRIBE rtsp://127.0.0.1:40000/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 1\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n",
        "$\u{0}\u{0}\u{1}x",
    ])
    func aClientWithoutTheTokenGetsNothing(first: String) throws {
        let relay = try Relay()
        try relay.fromClient(first)
        #expect(try relay.toCamera().isEmpty)
        #expect(!relay.upstream.isActive && !relay.client.isActive)
    }

    @Test func interleavedFramesPassUnchanged() throws {
        let relay = try Relay()
        try relay.fromClient(Self.request("OPTIONS", cseq: 1))
        _ = try relay.toCamera()
        let frame: [UInt8] = [0x24, 0x00, 0x00, 0x04, 0x80, 0x60, 0x00, 0x01]
        try relay.upstream.writeInbound(ByteBuffer(bytes: frame))
        let forwarded = try relay.client.readOutbound(as: ByteBuffer.self)
        #expect(forwarded.map { Array($0.readableBytesView) } == frame)
        try relay.client.writeInbound(ByteBuffer(bytes: [0x24, 0x01, 0x00, 0x02, 0xAB, 0xCD]))
        let rtcp = try relay.upstream.readOutbound(as: ByteBuffer.self)
        #expect(rtcp.map { Array($0.readableBytesView) } == [0x24, 0x01, 0x00, 0x02, 0xAB, 0xCD])
    }

    @Test func basicChallengeEndsTheConnectionWithoutThePassword() throws {
        let relay = try Relay()
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        _ = try relay.toCamera()
        try relay.fromCamera(
            Self.response("401 Unauthorized", cseq: 2, headers: ["WWW-Authenticate: Basic realm=\"x\""])
        )
        #expect(try relay.toCamera().isEmpty, "nothing more to the camera")
        #expect(relay.state.refusal == .basic)
        #expect(!relay.upstream.isActive && !relay.client.isActive)
    }

    @Test func basicIsAnsweredWhenAllowed() throws {
        let relay = try Relay(basicAllowed: true)
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        _ = try relay.toCamera()
        try relay.fromCamera(
            Self.response("401 Unauthorized", cseq: 2, headers: ["WWW-Authenticate: Basic realm=\"x\""])
        )
        #expect(try relay.toCamera().contains("Authorization: Basic "))
    }

    @Test(arguments: ["301 Moved Permanently", "302 Found", "305 Use Proxy"])
    func redirectEndsTheConnection(status: String) throws {
        let relay = try Relay()
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        _ = try relay.toCamera()
        try relay.fromCamera(Self.response(status, cseq: 2, headers: ["Location: rtsp://10.9.9.9/evil"]))
        #expect(try relay.toClient().isEmpty, "FFmpeg never sees the Location")
        #expect(relay.state.refusal == .redirect(statusLine: "RTSP/1.0 \(status)"))
        #expect(!relay.client.isActive)
    }

    /// A stale nonce gets one new attempt; a refused password is never sent again.
    @Test func staleNonceRetriesOnceRefusalStops() throws {
        let relay = try Relay()
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        _ = try relay.toCamera()
        try relay.fromCamera(Self.response("401 Unauthorized", cseq: 2, headers: [Self.digest]))
        _ = try relay.toCamera()
        try relay.fromCamera(Self.response("200 OK", cseq: 2, headers: ["Content-Length: 0"]))
        _ = try relay.toClient()
        try relay.fromClient(Self.request("PLAY", cseq: 4))
        _ = try relay.toCamera()
        let stale = Self.digest.replacingOccurrences(of: "5f1e0c2a", with: "77aa88bb") + ", stale=TRUE"
        try relay.fromCamera(Self.response("401 Unauthorized", cseq: 4, headers: [stale]))
        let again = try relay.toCamera()
        #expect(again.contains("nonce=\"77aa88bb\"") && again.contains("nc=00000001"), "\(again)")
        try relay.fromCamera(Self.response("401 Unauthorized", cseq: 4, headers: [Self.digest]))
        #expect(relay.state.refusal == .credentialsRefused)
        #expect(try relay.toCamera().isEmpty)
    }

    @Test func withoutCredentialsTheChallengeGoesToFFmpeg() throws {
        let relay = try Relay(credentials: nil)
        try relay.fromClient(Self.request("DESCRIBE", cseq: 2))
        _ = try relay.toCamera()
        try relay.fromCamera(Self.response("401 Unauthorized", cseq: 2, headers: [Self.digest]))
        #expect(try relay.toClient().hasPrefix("RTSP/1.0 401"))
        #expect(try relay.toCamera().isEmpty)
    }
}
