import CamprintClients
import CamprintRTSP
import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// Every fault ends with its status within its deadline plus one second.
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
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ControlPlaneClient(options: options).probe(
            try RTSPURL(parsing: server.url),
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
        let server = try await TestRTSPServer.start { _ in .ignore }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(
            server,
            expect: .timeout,
            code: "rtsp.read.timeout",
            within: Self.options.readTimeout + .seconds(1)
        )
        #expect(result.failure?.message.contains("no answer to OPTIONS") == true)
    }

    @Test func oneBytePerSecondIsAReadTimeoutWithBytes() async throws {
        let reply = Responses.response("200 OK", cseq: "1")
        let server = try await TestRTSPServer.start { _ in .trickle(reply, interval: .seconds(1)) }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .timeout, code: "rtsp.read.timeout")
        guard case .readTimeout(_, let received, _) = result.failure else {
            Issue.record("expected a read timeout, got \(String(describing: result.failure))")
            return
        }
        #expect(received >= 1 && received < reply.count)
    }

    @Test func totalDeadlineBindsWhenShorterThanTheStep() async throws {
        let server = try await TestRTSPServer.start { _ in .ignore }
        defer { Task { await server.stop() } }
        let options = ControlPlaneOptions(readTimeout: .seconds(5), totalTimeout: .milliseconds(800))
        try await Self.probe(server, options: options, expect: .timeout, code: "rtsp.total.timeout")
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
        ("453 Not Enough Bandwidth", ProbeStatus.busy, "rtsp.status.busy"),
        ("503 Service Unavailable", .busy, "rtsp.status.busy"),
        ("404 Not Found", .notFound, "rtsp.status.not-found"),
        ("403 Forbidden", .forbidden, "rtsp.status.forbidden"),
        ("500 Internal Server Error", .error, "rtsp.status.unexpected"),
    ])
    func describeStatusMapsToProbeStatus(status: String, expected: ProbeStatus, code: String) async throws {
        let server = try await TestRTSPServer.start(respond: Responses.describeStatus(status))
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: expected, code: code)
        #expect(result.exchanges.map(\.method) == ["OPTIONS", "DESCRIBE"])
        #expect(result.exchanges.last?.response?.statusCode == Int(status.prefix(3)))
    }

    @Test func busyOptionsStopsBeforeDescribe() async throws {
        let server = try await TestRTSPServer.start { request in
            .send(Responses.response("453 Not Enough Bandwidth", cseq: request.cseq))
        }
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .busy)
        #expect(server.requests.map(\.method) == ["OPTIONS"], "453 is honoured: no DESCRIBE")
        #expect(result.exchanges.count == 1)
    }

    @Test func unauthorizedWithoutCredentialsIsAuthRequired() async throws {
        let challenge =
            "WWW-Authenticate: Digest realm=\"IP Camera(C2875)\", nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\""
        let server = try await TestRTSPServer.start(
            respond: Responses.describeStatus("401 Unauthorized", headers: [challenge])
        )
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, expect: .authRequired, code: "rtsp.auth.required")
        #expect(result.challenges.first?.realm == "IP Camera(C2875)")
        #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test(arguments: [
        "WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\"",
        "WWW-Authenticate: Basic realm=\"r\"",
    ])
    func unauthorizedForeverWithCredentialsIsOneAttemptThenAuthFailed(challenge: String) async throws {
        let server = try await TestRTSPServer.start(
            respond: Responses.describeStatus("401 Unauthorized", headers: [challenge])
        )
        defer { Task { await server.stop() } }
        var options = Self.options
        options.allowBasic = true  // the Basic case: the operator allowed it (else nothing is sent)
        let result = try await Self.probe(
            server,
            credentials: ProbeCredentials(username: "admin", password: "wrong"),
            options: options,
            expect: .authFailed,
            code: "rtsp.auth.failed"
        )
        let authenticated = server.requests.filter { $0.header("Authorization") != nil }
        #expect(authenticated.count == 1, "exactly one authenticated attempt, got \(authenticated.count)")
        #expect(server.requests.map(\.method) == ["OPTIONS", "DESCRIBE", "DESCRIBE"])
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
