import CamprintDigest
import CamprintRTSP
import CamprintTestcam
import CamprintWire
import Foundation
import Testing

/// Every fault mode, observed from a plain blocking socket client.
@Suite("Fault modes")
struct FaultModeTests {
    static let url = "rtsp://127.0.0.1/Streaming/Channels/101"

    static func faults(_ build: (inout FaultConfig) -> Void) -> FaultConfig {
        var config = FaultConfig()
        build(&config)
        return config
    }

    static func serve<T: Sendable>(
        _ faults: FaultConfig,
        credentials: Credentials? = nil,
        fast: Bool = false,
        _ body: @escaping @Sendable (SocketClient) throws -> T
    ) async throws -> T {
        let camera = try Harness.camera("hikvision-ipc", credentials: credentials, faults: faults, fast: fast)
        return try await Harness.withServer([camera]) { port in
            try await Harness.blocking { try body(try SocketClient(port: port)) }
        }
    }

    /// NAL unit types carried by RTP payloads (single NAL units and FU-A starts), H.264.
    static func h264NALTypes(_ frames: [(UInt8, [UInt8])]) -> Set<UInt8> {
        var types: Set<UInt8> = []
        for (channel, packet) in frames where channel == 0 && packet.count > 13 {
            let payload = packet[12...]
            let type = payload[payload.startIndex] & 0x1f
            if type == 28 {
                let header = payload[payload.startIndex + 1]
                if header & 0x80 != 0 { types.insert(header & 0x1f) }
            } else {
                types.insert(type)
            }
        }
        return types
    }

    static func play(_ client: SocketClient) throws {
        _ = try client.request("DESCRIBE", url, cseq: 1)
        let setup = try client.request(
            "SETUP",
            url + "/trackID=1",
            cseq: 2,
            headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
        )
        let session = String((setup.headers.value("Session") ?? "").split(separator: ";")[0])
        let play = try client.request("PLAY", url, cseq: 3, headers: [("Session", session)])
        #expect(play.statusCode == 200)
    }

    @Test func hangAfterAccept() async throws {
        let got = try await Self.serve(Self.faults { $0.hang_after_accept = true }) { client in
            client.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            return client.receiveOnce(timeout: 1.0)
        }
        #expect(got == nil, "a hung camera must send nothing (got \(got?.count ?? 0) bytes)")
    }

    @Test func hangAfterOptions() async throws {
        let (status, after) = try await Self.serve(Self.faults { $0.hang_after_options = true }) { client in
            let options = try client.request("OPTIONS", Self.url, cseq: 1)
            client.send("DESCRIBE \(Self.url) RTSP/1.0\r\nCSeq: 2\r\n\r\n")
            return (options.statusCode, client.receiveOnce(timeout: 1.0))
        }
        #expect(status == 200)
        #expect(after == nil, "DESCRIBE after OPTIONS must go unanswered")
    }

    @Test func dripOneBytePerSecond() async throws {
        let received = try await Self.serve(Self.faults { $0.drip = true }) { client in
            client.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            let start = Date()
            while Date().timeIntervalSince(start) < 2.5 { _ = client.receiveOnce(timeout: 0.5) }
            return client.received
        }
        #expect((2...4).contains(received.count), "2.5 s of drip should give 2–4 bytes, got \(received.count)")
        #expect(received.first == UInt8(ascii: "R"))
    }

    @Test func garbage() async throws {
        let bytes = try await Self.serve(Self.faults { $0.garbage = true }) { client in
            client.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            return client.receiveOnce(timeout: 2) ?? []
        }
        #expect(bytes.count > 0)
        #expect(!bytes.starts(with: Array("RTSP/1.0".utf8)), "garbage must not look like RTSP")
    }

    @Test func oneMegabyteHeader() async throws {
        let size = try await Self.serve(Self.faults { $0.huge_header = true }) { client in
            client.send("OPTIONS \(Self.url) RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            let end = Array("\r\n\r\n".utf8)
            let start = Date()
            while Date().timeIntervalSince(start) < 5 {
                _ = client.receiveOnce(timeout: 0.5)
                let tail = client.received.suffix(4)
                if Array(tail) == end { break }
            }
            return client.received.count
        }
        #expect(size > 1_000_000, "response head should exceed 1 MB, got \(size)")
    }

    @Test func truncatedSDP() async throws {
        let body = try await Self.serve(Self.faults { $0.truncated_sdp = true }) { client in
            try client.request("DESCRIBE", Self.url, cseq: 1).body.bytes
        }
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("v=0\r\n"))
        #expect(!text.contains("a=appversion"), "the SDP must stop before its last lines")
        #expect(!text.hasSuffix("\r\n"), "the SDP must be cut inside a line")
    }

    @Test func closeMidStream() async throws {
        let (frames, closed) = try await Self.serve(Self.faults { $0.close_mid_stream_after = 1 }) { client in
            try Self.play(client)
            return try client.interleaved(for: 10)
        }
        #expect(!frames.isEmpty, "RTP must flow before the close")
        #expect(closed, "the camera must close the connection mid-stream")
    }

    @Test(arguments: [(453, "SETUP"), (503, "DESCRIBE")])
    func statusFaults(status: Int, method: String) async throws {
        let faults = Self.faults {
            if method == "SETUP" { $0.setup_status = status } else { $0.describe_status = status }
        }
        let got = try await Self.serve(faults) { client in
            try client.request(
                method,
                Self.url + (method == "SETUP" ? "/trackID=1" : ""),
                cseq: 1,
                headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
            )
        }
        #expect(got.statusCode == status)
        #expect(got.reasonPhrase == (status == 453 ? "Not Enough Bandwidth" : "Service Unavailable"))
    }

    static func digest(_ challenge: RTSPResponse, password: String, method: String, uri: String) -> String {
        let params = DigestParameters.parse(challenge.headers.value("WWW-Authenticate") ?? "")
        let realm = params["realm"] ?? ""
        let nonce = params["nonce"] ?? ""
        return HTTPTestAuth.rfc2069(
            user: "admin",
            password: password,
            realm: realm,
            nonce: nonce,
            method: method,
            uri: uri
        )
    }

    @Test func correctDigestIsAcceptedWithoutFaults() async throws {
        let credentials = Credentials(user: "admin", password: "right")
        let status = try await Self.serve(FaultConfig(), credentials: credentials) { client in
            let challenge = try client.request("DESCRIBE", Self.url, cseq: 1)
            let auth = Self.digest(challenge, password: "right", method: "DESCRIBE", uri: Self.url)
            return try client.request("DESCRIBE", Self.url, cseq: 2, headers: [("Authorization", auth)]).statusCode
        }
        #expect(status == 200)
    }

    @Test func unauthorizedForever() async throws {
        let credentials = Credentials(user: "admin", password: "right")
        let status = try await Self.serve(Self.faults { $0.unauthorized_forever = true }, credentials: credentials) {
            client in
            let challenge = try client.request("DESCRIBE", Self.url, cseq: 1)
            let auth = Self.digest(challenge, password: "right", method: "DESCRIBE", uri: Self.url)
            return try client.request("DESCRIBE", Self.url, cseq: 2, headers: [("Authorization", auth)]).statusCode
        }
        #expect(status == 401)
    }

    @Test func lockoutAfterFailedLogins() async throws {
        let credentials = Credentials(user: "admin", password: "right")
        let faults = Self.faults { $0.lockout = FaultConfig.Lockout(after: 3, seconds: 30) }
        let statuses = try await Self.serve(faults, credentials: credentials) { client in
            let challenge = try client.request("DESCRIBE", Self.url, cseq: 1)
            var statuses: [Int] = []
            for attempt in 0..<3 {
                let wrong = Self.digest(challenge, password: "wrong", method: "DESCRIBE", uri: Self.url)
                statuses.append(
                    try client.request("DESCRIBE", Self.url, cseq: 2 + attempt, headers: [("Authorization", wrong)])
                        .statusCode
                )
            }
            let right = Self.digest(challenge, password: "right", method: "DESCRIBE", uri: Self.url)
            statuses.append(
                try client.request("DESCRIBE", Self.url, cseq: 9, headers: [("Authorization", right)]).statusCode
            )
            return statuses
        }
        #expect(statuses == [401, 401, 403, 403], "two 401s, then 403 even for the right password")
    }

    @Test func noKeyframeForAWhile() async throws {
        let plain = try await Self.serve(FaultConfig(), fast: true) { client in
            try Self.play(client)
            return try client.interleaved(for: 8, upTo: 300).frames
        }
        #expect(Self.h264NALTypes(plain).contains(5), "control: the sample stream has IDR pictures")
        let held = try await Self.serve(Self.faults { $0.no_keyframe_seconds = 3600 }, fast: true) { client in
            try Self.play(client)
            return try client.interleaved(for: 8, upTo: 300).frames
        }
        let types = Self.h264NALTypes(held)
        #expect(types.contains(1), "non-IDR pictures keep flowing")
        #expect(!types.contains(5), "no IDR while the fault holds, got NAL types \(types.sorted())")
    }

    @Test func noParameterSets() async throws {
        let (sdp, frames) = try await Self.serve(Self.faults { $0.no_parameter_sets = true }, fast: true) { client in
            let describe = try client.request("DESCRIBE", Self.url, cseq: 1)
            let setup = try client.request(
                "SETUP",
                Self.url + "/trackID=1",
                cseq: 2,
                headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
            )
            let session = String((setup.headers.value("Session") ?? "").split(separator: ";")[0])
            _ = try client.request("PLAY", Self.url, cseq: 3, headers: [("Session", session)])
            return (describe.bodyText, try client.interleaved(for: 8, upTo: 300).frames)
        }
        #expect(!sdp.contains("sprop-parameter-sets"), "no SPS in the SDP")
        let types = Self.h264NALTypes(frames)
        #expect(types.contains(5))
        #expect(!types.contains(7) && !types.contains(8), "no SPS/PPS in band, got \(types.sorted())")
    }
}
