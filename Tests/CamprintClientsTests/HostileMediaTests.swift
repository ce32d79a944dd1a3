import CamprintReport
import CamprintTestSupport
import Foundation
import Synchronization
import Testing

/// The media plane against hostile cameras (issue 16): FFmpeg never holds the password or
/// connects to the camera; camprint's relay (MediaRelay) authenticates each request itself and
/// refuses Basic and redirects. Each test runs the built `camprint probe` with media.
@Suite(
    "Hostile camera: media plane",
    .enabled(if: CamprintBinary.path != nil && BuiltProducts.url(named: "camprint-testcam") != nil, "not built")
)
struct HostileMediaTests {
    static let password = "Med1a-S3cret!pw"
    static let basicToken = Data("admin:\(password)".utf8).base64EncodedString()

    static func passwordFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-media-\(UUID().uuidString)")
            .path
        try Data("\(password)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Nothing the camera received holds the password, in clear or as Basic.
    static func expectNoPassword(_ server: TestRTSPServer, sourceLocation: SourceLocation = #_sourceLocation) {
        for request in server.requests {
            #expect(!request.text.contains(password), sourceLocation: sourceLocation)
            #expect(!request.text.contains(basicToken), sourceLocation: sourceLocation)
            #expect(
                request.header("Authorization")?.lowercased().hasPrefix("basic") != true,
                sourceLocation: sourceLocation
            )
        }
    }

    static func probe(_ url: String, passwordFile: String, extra: [String] = []) async throws -> (
        ProbeReport, CamprintBinary.Run
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let run = try await CamprintBinary.run(
            ["probe", "--no-http", "--timeout", "8s", "--format", "jsonl", "--username", "admin"]
                + ["--password-file", passwordFile] + extra + [url]
        )
        print("camprint probe \(url): exit \(run.status) after \(clock.now - start)")
        let report = try JSONDecoder().decode(
            ProbeReport.self,
            from: Data(run.stdout.utf8)
        )
        #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        // The probe's own clock: its 8 s deadline plus the 1 s the issue allows.
        #expect((report.report.durationMs ?? .max) <= 9000, "\(String(describing: report.report.durationMs)) ms")
        return (report, run)
    }

    /// `--transport udp` with credentials: the media still goes through the relay, over TCP, and
    /// the report says so.
    @Test(arguments: ["tcp", "udp"])
    func digestPersonaStreamsThroughTheRelay(transport: String) async throws {
        let file = try Self.passwordFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let media = Corpus.packageRoot.appendingPathComponent("Samples/h264/testsrc_1280x720_25fps_baseline.h264")
        let camera = try await TestcamProcess.start([
            "--persona", "hikvision-ipc", "--media", media.path, "--user", "admin", "--password-file", file,
            "--listen", "127.0.0.1:0",
        ])
        defer { camera.stop() }
        let (probe, run) = try await Self.probe(
            camera.cameras[0].url,
            passwordFile: file,
            extra: ["--transport", transport]
        )
        #expect(probe.report.status == .ok, "\(String(describing: probe.report.error)) \(run.stderr)")
        #expect(probe.media?.transport == "tcp")
        #expect(probe.rtsp?.authentication?.scheme == "Digest")
        let video = probe.report.streams.first { $0.kind == "video" }
        #expect(video?.codec == "h264" && video?.width == 1280, "\(probe.report.streams)")
        // FFmpeg spoke to the loopback relay, never to the camera's port, and had no user-info.
        let cameraPort = String(camera.cameras[0].address.split(separator: ":").last ?? "")
        let log = probe.media?.log ?? []
        #expect(log.contains { $0.contains("Starting connection attempt to 127.0.0.1 port") }, "\(log)")
        #expect(!log.contains { $0.contains("port \(cameraPort)") }, "\(log)")
        #expect(!log.contains { $0.contains("admin") }, "\(log)")
    }

    @Test func digestToOneClientBasicToTheNextGetsNoPassword() async throws {
        let file = try Self.passwordFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        // Digest until one Digest login succeeded (the control plane), Basic only from then on
        // (what the media connection sees).
        let digestDone = Mutex(false)
        let server = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            let authorization = request.header("Authorization") ?? ""
            if authorization.hasPrefix("Digest") {
                digestDone.withLock { $0 = true }
                return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP))
            }
            let challenge =
                digestDone.withLock { $0 }
                ? "WWW-Authenticate: Basic realm=\"cam\""
                : "WWW-Authenticate: Digest realm=\"cam\", nonce=\"5f1e0c2a\""
            return .send(Responses.response("401 Unauthorized", cseq: request.cseq, headers: [challenge]))
        }
        defer { Task { await server.stop() } }
        let (probe, _) = try await Self.probe(server.url, passwordFile: file)
        #expect(probe.report.status == .authRequired)
        #expect(probe.report.error?.code == "media.relay.basic-refused", "\(String(describing: probe.report.error))")
        #expect(server.connections >= 2, "the media connection reached the camera")
        Self.expectNoPassword(server)
    }

    @Test func mediaRedirectToAnotherHostIsRefused() async throws {
        let file = try Self.passwordFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let elsewhere = try await TestRTSPServer.start(host: "127.0.0.2", respond: Responses.camera())
        defer { Task { await elsewhere.stop() } }
        // The control plane gets the stream; the next DESCRIBE (the media connection's) a redirect.
        let describes = Mutex(0)
        let server = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            let count = describes.withLock {
                $0 += 1
                return $0
            }
            if count == 1 { return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP)) }
            return .send(
                Responses.response(
                    "302 Found",
                    cseq: request.cseq,
                    headers: ["Location: rtsp://127.0.0.2:\(elsewhere.port)/stream"]
                )
            )
        }
        defer { Task { await server.stop() } }
        let (probe, _) = try await Self.probe(server.url, passwordFile: file)
        #expect(probe.report.error?.code == "media.relay.redirect-refused", "\(String(describing: probe.report.error))")
        #expect(elsewhere.connections == 0, "no connection to a host that was not given")
    }
}
