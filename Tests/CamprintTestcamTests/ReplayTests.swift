import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import CamprintWire
import Foundation
import Testing

/// `camprint-testcam --replay`: the two real recorded sessions of the corpus (read in place,
/// skipped when absent) served on loopback and read by a socket client, ffprobe and `camprint probe`.
@Suite("Replay of recorded sessions", .serialized)
struct ReplayTests {
    static let dahua = "no-license/dahua_ipc_rtsp_udp_h264_1080p_vlc_session.pcapng"
    static let uniview = "no-license/uniview_nvr_rtsp_tcp_interleaved_h265_1080p.pcap"

    static func recording(_ path: String) throws -> RecordedSession {
        try RecordedSession(capture: try Corpus.bytes(path))
    }

    static func withReplay<T>(_ path: String, _ body: (Int, RecordedSession) async throws -> T) async throws -> T {
        let recording = try recording(path)
        let server = ReplayServer()
        do {
            let port = try await server.start(recording)
            let result = try await body(port, recording)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func recordedSessionsAreExtracted() throws {
        let dahua = try Self.recording(Self.dahua)
        #expect(dahua.trackCount == 1, "\(Self.dahua)")
        #expect(dahua.path == "/", "\(Self.dahua)")
        // 1569 RTP datagrams camera → client port 46048 and 1 RTCP → 46049, counted independently
        // by walking the EPBs (the MANIFEST's "1574 pkts" RTP figure does not match that count).
        #expect(dahua.mediaPacketCount == 1570, "\(Self.dahua): \(dahua.mediaPacketCount) media packets")
        #expect(dahua.exchangeCount >= 9, "\(Self.dahua): \(dahua.exchangeCount) exchanges")
        let uniview = try Self.recording(Self.uniview)
        #expect(uniview.trackCount == 2, "\(Self.uniview)")
        #expect(uniview.path == "/unicast/c296/s0/live/forward", "\(Self.uniview)")
        // CSeq 22 (401) … 28: DESCRIBE ×2, SETUP ×2, PLAY, OPTIONS ×2.
        #expect(uniview.exchangeCount == 7, "\(Self.uniview): \(uniview.exchangeCount) exchanges")
        #expect(uniview.mediaPacketCount > 500, "\(Self.uniview): \(uniview.mediaPacketCount) media packets")
    }

    /// Uniview over a plain socket: the recorded 401 (realm = MAC, Digest + Basic) for the first
    /// DESCRIBE, any Authorization accepted, the malformed SDP verbatim, Transport rewritten to the
    /// client's channels, and the audio frame the camera sent before its `200 OK` to PLAY.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func univiewOverASocket() async throws {
        try await Self.withReplay(Self.uniview) { port, _ in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                let url = "rtsp://127.0.0.1:\(port)/unicast/c296/s0/live/forward"
                let challenge = try client.request("DESCRIBE", url, cseq: 101)
                #expect(challenge.statusCode == 401)
                #expect(challenge.headers.value("CSeq") == "101")
                let realms = challenge.headers.all("WWW-Authenticate").map(\.value)
                #expect(realms.count == 2 && realms.allSatisfy { $0.contains("realm=\"48ea6362b25c\"") }, "\(realms)")
                let auth = [("Authorization", "Digest username=\"x\", response=\"anything\"")]
                let describe = try client.request("DESCRIBE", url, cseq: 102, headers: auth)
                #expect(describe.statusCode == 200)
                let sdp = describe.body.bytes
                #expect(sdp.count == 316)
                #expect(describe.bodyText.contains("s=ONVIF RTSP Server"))
                #expect(describe.bodyText.contains("profile-level-id=010101"))
                #expect(sdp.indices.contains { Array(sdp[$0...].prefix(5)) == [0x42, 0x01, 0x01, 0x01, 0x60] })
                let video = try client.request(
                    "SETUP",
                    url + "/video",
                    cseq: 103,
                    headers: auth + [("Transport", "RTP/AVP/TCP;unicast;interleaved=6-7")]
                )
                #expect(video.headers.value("Transport") == "RTP/AVP/TCP;unicast;interleaved=6-7")
                let session = try #require(video.headers.value("Session"))
                #expect(session.count == 8 && session.allSatisfy(\.isNumber) && session != "25321941", "\(session)")
                let audio = try client.request(
                    "SETUP",
                    url + "/audio",
                    cseq: 104,
                    headers: auth + [("Transport", "RTP/AVP/TCP;unicast;interleaved=8-9"), ("Session", session)]
                )
                #expect(audio.headers.value("Transport") == "RTP/AVP/TCP;unicast;interleaved=8-9")
                #expect(audio.headers.value("Session") == session)
                let play = try client.request("PLAY", url, cseq: 105, headers: auth + [("Session", session)])
                #expect(play.statusCode == 200)
                let (frames, _) = try client.interleaved(for: 1.5)
                #expect(frames.contains { $0.0 == 6 } && frames.contains { $0.0 == 8 })
                #expect(frames.allSatisfy { [6, 7, 8, 9].contains($0.0) })
                // Order on the wire: an interleaved frame on the audio channel before the PLAY answer.
                var decoder = RTSPFrameDecoder()
                let all = try decoder.decode(client.received)
                let playIndex = try #require(
                    all.firstIndex {
                        if case .response(let response) = $0 { return response.headers.value("CSeq") == "105" }
                        return false
                    }
                )
                #expect(playIndex > 0)
                if playIndex > 0, case .interleaved(let channel, _) = all[playIndex - 1] {
                    #expect(channel == 8)
                } else {
                    Issue.record("\(Self.uniview): no interleaved frame just before the PLAY response")
                }
            }
        }
    }

    /// Dahua: the recorded 401 answers even OPTIONS; an authenticated OPTIONS gets the camera's
    /// `Server: Rtsp Server/3.0`; Content-Base and RTP-Info carry the client's host:port.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dahuaOverASocket() async throws {
        try await Self.withReplay(Self.dahua) { port, _ in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                let url = "rtsp://127.0.0.1:\(port)/"
                let challenge = try client.request("OPTIONS", url, cseq: 1)
                #expect(challenge.statusCode == 401)
                #expect(challenge.headers.value("WWW-Authenticate")?.contains("Login to 4H01D66PAJ2FA64") == true)
                let auth = [("Authorization", "Digest username=\"admin\"")]
                let options = try client.request("OPTIONS", url, cseq: 2, headers: auth)
                #expect(options.headers.value("Server") == "Rtsp Server/3.0")
                let describe = try client.request("DESCRIBE", url, cseq: 3, headers: auth)
                #expect(describe.headers.value("Content-Base") == "rtsp://127.0.0.1:\(port)/")
                #expect(describe.bodyText.contains("a=packetization-supported:DH"))
                let setup = try client.request(
                    "SETUP",
                    url + "trackID=0",
                    cseq: 4,
                    headers: auth + [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
                )
                let transport = try #require(setup.headers.value("Transport"))
                #expect(transport == "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=4DD55626", "\(transport)")
                let session = try #require(setup.headers.value("Session")?.split(separator: ";").first.map(String.init))
                let play = try client.request("PLAY", url, cseq: 5, headers: auth + [("Session", session)])
                #expect(play.headers.value("RTP-Info") == "url=trackID=0;seq=22054;rtptime=22054")
                let (frames, _) = try client.interleaved(for: 1)
                let rtp = frames.filter { $0.0 == 0 }.map(\.1)
                #expect(rtp.count > 10)
                // The recorded packets, from the recorded first sequence number on.
                #expect(rtp.first.map { UInt16($0[2]) << 8 | UInt16($0[3]) } == 22054)
                #expect(rtp.allSatisfy { $0.count > 12 && $0[8..<12].elementsEqual([0x4D, 0xD5, 0x56, 0x26]) })
            }
        }
    }

    struct FFprobeCase: Sendable, CustomTestStringConvertible {
        var path: String
        var transport: String
        var codec: String
        var urlPath: String
        var testDescription: String { "\(transport) \(path)" }
    }

    static let ffprobeCases = [
        FFprobeCase(path: uniview, transport: "tcp", codec: "hevc", urlPath: "/unicast/c296/s0/live/forward"),
        FFprobeCase(path: dahua, transport: "udp", codec: "h264", urlPath: "/"),
    ]

    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: FFmpegReadTests.available, "ffprobe not installed"),
        arguments: ffprobeCases
    )
    func ffprobeReadsTheReplay(_ testCase: FFprobeCase) async throws {
        try await Self.withReplay(testCase.path) { port, _ in
            // FFmpeg answers the 401 only with credentials in the URL; the replay accepts any.
            let url = "rtsp://admin:replay@127.0.0.1:\(port)\(testCase.urlPath)"
            let (status, out, err) = try await FFmpegReadTests.run(
                FFmpegReadTests.tool("ffprobe") ?? "ffprobe",
                ["-v", "error", "-rtsp_transport", testCase.transport, "-show_streams", url]
            )
            #expect(status == 0, "\(testCase.testDescription): ffprobe exit \(status): \(err)")
            #expect(err.isEmpty, "\(testCase.testDescription): ffprobe stderr: \(err)")
            #expect(out.contains("codec_name=\(testCase.codec)"), "\(testCase.testDescription): \(out)")
            #expect(out.contains("width=1920") && out.contains("height=1080"), "\(testCase.testDescription): \(out)")
        }
    }

    /// The Uniview recording lasts 3.6 s: decoding 5 s crosses the loop point, where sequence
    /// numbers and timestamps must continue (FFmpeg reports no error at `-v error`).
    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: FFmpegReadTests.available, "ffmpeg not installed")
    )
    func ffmpegDecodesAcrossTheLoop() async throws {
        try await Self.withReplay(Self.uniview) { port, _ in
            let url = "rtsp://admin:replay@127.0.0.1:\(port)/unicast/c296/s0/live/forward"
            let (status, _, err) = try await FFmpegReadTests.run(
                FFmpegReadTests.tool("ffmpeg") ?? "ffmpeg",
                [
                    "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-map", "0:v", "-t", "5", "-f",
                    "null", "-",
                ],
                timeout: 40
            )
            #expect(status == 0, "\(Self.uniview): ffmpeg exit \(status): \(err)")
            #expect(err.isEmpty, "\(Self.uniview): ffmpeg stderr across the loop: \(err)")
        }
    }
}
