import CamprintClients
import CamprintRTSP
import CamprintReport
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

/// Every fault ends with its status within its deadline plus one second.
///
/// Faults the emulator has (`hang_after_accept`, `drip`, `describe_status`, `all_status`,
/// `unauthorized_forever`, a login it asks for) are served by it (``EmulatedCamera``). The
/// scripted ``TestRTSPServer`` stays for what the emulator cannot send: fixed garbage bytes (its
/// `garbage` fault is random, and a random first `$` or letter reads as a frame still arriving),
/// a response cut off by the close, a close without any answer, an HTTP answer on the RTSP port,
/// and SDPs without video or with a codec the probe does not take.
@Suite("Control plane against fault servers", .dedicatedExecutor)
struct FaultServerTests {
    static let options = ControlPlaneOptions(
        resolveTimeout: .seconds(1),
        connectTimeout: .seconds(1),
        readTimeout: .milliseconds(1500),
        totalTimeout: .seconds(5)
    )

    /// Probes `server` and checks status, code and the time bound: the probe's own duration
    /// (measured on its event loop, from its start to its result) within `bound`. The wall time
    /// the test sees also includes the hop back to Swift's cooperative pool, which other suites
    /// of this process can hold for many seconds with blocking work (clip generation), so it
    /// only guards against hangs.
    @discardableResult
    static func probe(
        _ server: TestRTSPServer,
        credentials: ProbeCredentials? = nil,
        options: ControlPlaneOptions = options,
        expect status: ProbeStatus,
        code: String? = nil,
        within bound: Duration? = nil
    ) async throws -> ControlPlaneResult {
        try await probe(
            url: server.url,
            credentials: credentials,
            options: options,
            expect: status,
            code: code,
            within: bound
        )
    }

    /// ``probe(_:credentials:options:expect:code:within:)`` of a camera of the emulator.
    @discardableResult
    static func probe(
        _ camera: EmulatedCamera,
        credentials: ProbeCredentials? = nil,
        options: ControlPlaneOptions = options,
        expect status: ProbeStatus,
        code: String? = nil,
        within bound: Duration? = nil
    ) async throws -> ControlPlaneResult {
        try await probe(
            url: camera.url,
            credentials: credentials,
            options: options,
            expect: status,
            code: code,
            within: bound
        )
    }

    @discardableResult
    static func probe(
        url: String,
        credentials: ProbeCredentials? = nil,
        options: ControlPlaneOptions = options,
        expect status: ProbeStatus,
        code: String? = nil,
        within bound: Duration? = nil
    ) async throws -> ControlPlaneResult {
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ControlPlaneClient(options: options).probe(
            try RTSPURL(parsing: url),
            credentials: credentials
        )
        let elapsed = clock.now - start
        #expect(result.status == status, "status \(result.status), failure: \(result.failure?.message ?? "none")")
        if let code { #expect(result.failure?.code == code, "code \(result.failure?.code ?? "none")") }
        let limit = bound ?? (options.totalTimeout + .seconds(1))
        #expect(result.duration < limit, "the probe took \(result.duration), limit \(limit)")
        // A hang guard, not a timing assertion: the probe's own duration is checked above; the
        // test's wall time also counts a loaded machine's scheduling (40 s seen at load 15).
        #expect(elapsed < limit + .seconds(120), "the test waited \(elapsed): a hang")
        return result
    }

    @Test func silentServerIsAReadTimeout() async throws {
        let camera = try await EmulatedCamera.start(faults: EmulatedCamera.faults { $0.hang_after_accept = true })
        defer { Task { await camera.stop() } }
        let result = try await Self.probe(
            camera,
            expect: .timeout,
            code: "rtsp.read.timeout",
            within: Self.options.readTimeout + .seconds(1)
        )
        #expect(result.failure?.message.contains("no answer to OPTIONS") == true)
    }

    @Test func oneBytePerSecondIsAReadTimeoutWithBytes() async throws {
        let camera = try await EmulatedCamera.start(faults: EmulatedCamera.faults { $0.drip = true })
        defer { Task { await camera.stop() } }
        let result = try await Self.probe(camera, expect: .timeout, code: "rtsp.read.timeout")
        guard case .readTimeout(_, let received, _) = result.failure else {
            Issue.record("expected a read timeout, got \(String(describing: result.failure))")
            return
        }
        // The first byte at once, then one a second: a few bytes of the OPTIONS response.
        #expect(received >= 1 && received < 16, "\(received) bytes")
    }

    @Test func totalDeadlineBindsWhenShorterThanTheStep() async throws {
        let camera = try await EmulatedCamera.start(faults: EmulatedCamera.faults { $0.hang_after_accept = true })
        defer { Task { await camera.stop() } }
        let options = ControlPlaneOptions(readTimeout: .seconds(5), totalTimeout: .milliseconds(800))
        try await Self.probe(camera, options: options, expect: .timeout, code: "rtsp.total.timeout")
    }

    @Test func garbageIsMalformed() async throws {
        let server = try await TestRTSPServer.start { _ in .send([0x00, 0xFF, 0x13, 0x37] + Array("\r\n\r\n".utf8)) }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .malformed, code: "rtsp.response.malformed")
        #expect(result.exchanges.first?.rawResponse.isEmpty == false, "the garbage is kept as evidence")
    }

    @Test func closeInTheMiddleOfAResponse() async throws {
        let partial = Array(Responses.response("200 OK", cseq: "1", body: "v=0\r\n").dropLast(3))
        let server = try await TestRTSPServer.start { _ in .sendAndClose(partial) }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .error, code: "rtsp.read.closed")
        #expect(result.failure?.message.contains("in the middle") == true, "\(result.failure?.message ?? "")")
    }

    @Test func closeWithoutAnswer() async throws {
        let server = try await TestRTSPServer.start { _ in .sendAndClose([]) }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .error, code: "rtsp.read.closed")
        #expect(result.failure?.message.contains("without answering OPTIONS") == true)
    }

    @Test func httpServerIsNotRTSP() async throws {
        let reply = Array("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n".utf8)
        let server = try await TestRTSPServer.start { _ in .sendAndClose(reply) }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .notRTSP, code: "rtsp.not-rtsp")
        #expect(result.failure?.message.contains("HTTP/1.1 400 Bad Request") == true)
    }

    @Test(arguments: [
        (453, ProbeStatus.busy, "rtsp.status.busy"), (503, .busy, "rtsp.status.busy"),
        (404, .notFound, "rtsp.status.not-found"), (403, .forbidden, "rtsp.status.forbidden"),
        (500, .error, "rtsp.status.unexpected"),
    ])
    func describeStatusMapsToProbeStatus(status: Int, expected: ProbeStatus, code: String) async throws {
        let camera = try await EmulatedCamera.start(faults: EmulatedCamera.faults { $0.describe_status = status })
        defer { Task { await camera.stop() } }
        let result = try await Self.probe(camera, expect: expected, code: code)
        #expect(result.exchanges.map(\.method) == ["OPTIONS", "DESCRIBE"])
        #expect(result.exchanges.last?.response?.statusCode == status)
    }

    @Test func busyOptionsStopsBeforeDescribe() async throws {
        let camera = try await EmulatedCamera.start(faults: EmulatedCamera.faults { $0.all_status = 453 })
        defer { Task { await camera.stop() } }
        let result = try await Self.probe(camera, expect: .busy)
        #expect(result.exchanges.map(\.method) == ["OPTIONS"], "453 is honoured: no DESCRIBE")
    }

    @Test func unauthorizedWithoutCredentialsIsAuthRequired() async throws {
        let camera = try await EmulatedCamera.start(credentials: Credentials(user: "admin", password: "right"))
        defer { Task { await camera.stop() } }
        let result = try await Self.probe(camera, expect: .authRequired, code: "rtsp.auth.required")
        // hikvision-ipc: realm `IP Camera(` and the last five characters of the serial.
        #expect(result.challenges.first?.realm?.hasPrefix("IP Camera(") == true)
        #expect(result.exchanges.allSatisfy { $0.request.headers.value("Authorization") == nil })
    }

    /// hikvision-ipc offers Digest, gstreamer-generic only Basic.
    @Test(arguments: ["hikvision-ipc", "gstreamer-generic"])
    func unauthorizedForeverWithCredentialsIsOneAttemptThenAuthFailed(persona: String) async throws {
        let camera = try await EmulatedCamera.start(
            persona,
            credentials: Credentials(user: "admin", password: "right"),
            faults: EmulatedCamera.faults { $0.unauthorized_forever = true }
        )
        defer { Task { await camera.stop() } }
        var options = Self.options
        options.allowBasic = true  // the Basic case: the operator allowed it (else nothing is sent)
        let result = try await Self.probe(
            camera,
            credentials: ProbeCredentials(username: "admin", password: "right"),
            options: options,
            expect: .authFailed,
            code: "rtsp.auth.failed"
        )
        let authenticated = result.exchanges.filter { $0.request.headers.value("Authorization") != nil }
        #expect(authenticated.count == 1, "exactly one authenticated attempt, got \(authenticated.count)")
        #expect(result.exchanges.map(\.method) == ["OPTIONS", "DESCRIBE", "DESCRIBE"])
        #expect(result.authentication?.accepted == false)
    }

    @Test func connectionRefused() async throws {
        // Bound, not listening, held for the test: refused (a stopped server's port could be
        // taken by another test's listener meanwhile).
        let reserved = try ReservedPort()
        let port = reserved.port
        let result = await ControlPlaneClient(options: Self.options).probe(
            try RTSPURL(parsing: "rtsp://127.0.0.1:\(port)/")
        )
        withExtendedLifetime(reserved) {}
        #expect(result.status == .unreachable)
        #expect(result.failure?.code == "rtsp.connect.refused")
        #expect(result.failure?.message == "connection refused by 127.0.0.1:\(port) (nothing listens on that port)")
    }

    @Test func dnsFailure() async throws {
        let result = await ControlPlaneClient(options: Self.options).probe(
            try RTSPURL(parsing: "rtsp://no-such-host.invalid/")
        )
        #expect(result.status == .unreachable || result.status == .timeout)
        #expect(
            ["rtsp.dns.failed", "rtsp.dns.timeout"].contains(result.failure?.code ?? ""),
            "\(result.failure?.code ?? "")"
        )
        #expect(result.failure?.message.contains("no-such-host.invalid") == true)
    }

    @Test func connectTimeoutWhenTheBacklogIsFull() async throws {
        let listener = try FullBacklogListener()
        defer { listener.close() }
        let options = ControlPlaneOptions(
            connectTimeout: .milliseconds(700),
            readTimeout: .seconds(1),
            totalTimeout: .seconds(3)
        )
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ControlPlaneClient(options: options).probe(
            try RTSPURL(parsing: "rtsp://127.0.0.1:\(listener.port)/")
        )
        let elapsed = clock.now - start
        #expect(result.duration < .seconds(3), "the probe took \(result.duration)")
        // A full accept queue drops the SYN (connect timeout); some kernels complete the handshake
        // and the probe then times out reading instead. Both are a timeout within the bound.
        #expect(result.status == .timeout, "\(result.failure?.message ?? "none")")
        #expect(elapsed < .seconds(30), "the test waited \(elapsed): a hang")
    }

    @Test func noVideoTrack() async throws {
        let server = try await TestRTSPServer.start(respond: Responses.camera(sdp: Responses.audioOnlySDP))
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .noVideo, code: "sdp.no-video")
        #expect(result.sessionDescription != nil)
    }

    @Test func unsupportedVideoCodec() async throws {
        let server = try await TestRTSPServer.start(respond: Responses.camera(sdp: Responses.mjpegSDP))
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .unsupported, code: "sdp.unsupported-codec")
        #expect(result.failure?.message.contains("JPEG") == true)
    }
}
