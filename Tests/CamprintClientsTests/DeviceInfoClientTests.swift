import CamprintClients
import CamprintTestSupport
import Foundation
import Testing

@Suite("Device information channels (banner, ISAPI, ONVIF)", .dedicatedExecutor)
struct DeviceInfoClientTests {
    static let credentials = ProbeCredentials(username: "admin", password: "Sup3r-S3cret!pw")
    /// The probe's clock; the camera's is 3 h ahead in the clock test.
    static let localTime = 1_780_000_000

    static func client(port: Int, onvif: Bool = true, requestTimeout: Duration = .seconds(30)) -> DeviceInfoClient {
        DeviceInfoClient(
            options: DeviceInfoOptions(
                host: "127.0.0.1",
                port: port,
                onvif: onvif ? ONVIFEndpoint(host: "127.0.0.1", port: port) : nil,
                onvifAuthentication: true,
                requestTimeout: requestTimeout
            ),
            http: HTTPClient(eventLoopGroup: TestEventLoops.client),
            localTime: { localTime }
        )
    }

    static func deadline(_ seconds: Int = 60) -> ContinuousClock.Instant {
        ContinuousClock.now + .seconds(seconds)
    }

    static func outcomes(_ result: DeviceInfoResult) -> [String] {
        result.exchanges.map { "\($0.channel.rawValue) \($0.operation) \($0.outcome)" }
    }

    @Test func isapiDigestAfterTheChallengeAndONVIFOnTheCameraClock() async throws {
        let camera = TestCameraHTTP(cameraTime: Self.localTime + 3 * 3600)
        let server = try await TestHTTPServer.start { camera.respond($0) }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        #expect(
            Self.outcomes(result) == [
                "banner GET / ok", "isapi deviceInfo auth-required", "isapi deviceInfo ok",
                "onvif GetSystemDateAndTime ok", "onvif GetDeviceInformation ok", "onvif GetNetworkInterfaces ok",
                "onvif GetScopes ok",
            ]
        )
        #expect(
            result.clockOffsetSeconds.map { abs($0 - 3 * 3600) <= 2 } == true,
            "\(String(describing: result.clockOffsetSeconds))"
        )
        let failed = result.failedAuthenticatedRequests
        let rejected = result.credentialsRejected
        #expect(failed == 0)
        #expect(!rejected)
        let isapi = result.exchanges.first { $0.channel == .isapi && $0.authenticated }
        #expect(isapi?.response?.bodyText.contains("<serialNumber>DS-2CD2143G2-I20230314AAWRK12345678") == true)
        // The 401 challenge is kept as evidence, byte for byte.
        let challenge = result.exchanges.first { $0.channel == .isapi && !$0.authenticated }
        #expect(challenge?.response?.raw.starts(with: Array("HTTP/1.1 401 Unauthorized\r\n".utf8)) == true)
        #expect(challenge?.evidenceBytes != nil)
        // The Authorization value never appears in what is kept.
        #expect(isapi?.request?.headers.first { $0.name == "Authorization" }?.value == "Digest (redacted)")
        #expect(server.requests.filter(\.isAuthenticated).count == 4)
    }

    @Test func onvifFallsBackToHTTPDigestWhenTheDeviceServiceAsksForIt() async throws {
        var camera = TestCameraHTTP(cameraTime: Self.localTime)
        camera.onvifNeedsHTTPDigest = true
        let server = try await TestHTTPServer.start { [camera] in camera.respond($0) }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        #expect(
            Self.outcomes(result).filter { $0.hasPrefix("onvif") } == [
                "onvif GetSystemDateAndTime auth-required", "onvif GetDeviceInformation ok",
                "onvif GetNetworkInterfaces ok", "onvif GetScopes ok",
            ]
        )
        let onvif = server.requests.filter { $0.target == "/onvif/device_service" && $0.isAuthenticated }
        #expect(onvif.count == 3)
        #expect(onvif.allSatisfy { !$0.body.contains("UsernameToken") })
        #expect(result.failedAuthenticatedRequests == 0)
    }

    @Test func onvifHTTPDigestRejectionStopsTheCredentials() async throws {
        var camera = TestCameraHTTP(cameraTime: Self.localTime)
        camera.onvifNeedsHTTPDigest = true
        camera.onvifAccepts = false
        let server = try await TestHTTPServer.start { [camera] in camera.respond($0) }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        #expect(result.failedAuthenticatedRequests == 1)
        #expect(
            Self.outcomes(result).filter { $0.hasPrefix("onvif") } == [
                "onvif GetSystemDateAndTime auth-required", "onvif GetDeviceInformation auth-failed",
                "onvif GetNetworkInterfaces skipped: credentials rejected earlier",
                "onvif GetScopes skipped: credentials rejected earlier",
            ]
        )
    }

    @Test func withoutAcceptedCredentialsNothingAuthenticatedIsSent() async throws {
        let camera = TestCameraHTTP(cameraTime: Self.localTime)
        let server = try await TestHTTPServer.start { camera.respond($0) }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: false,
            deadline: Self.deadline()
        )
        #expect(server.requests.filter(\.isAuthenticated).isEmpty)
        #expect(
            Self.outcomes(result) == [
                "banner GET / ok", "isapi deviceInfo auth-required",
                "isapi deviceInfo skipped: no accepted credentials",
                "onvif GetSystemDateAndTime ok", "onvif GetDeviceInformation skipped: no accepted credentials",
                "onvif GetNetworkInterfaces skipped: no accepted credentials",
                "onvif GetScopes skipped: no accepted credentials",
            ]
        )
    }

    @Test(arguments: [true, false])
    func oneRejectionStopsTheCredentialsEverywhere(isapiRejects: Bool) async throws {
        var camera = TestCameraHTTP(cameraTime: Self.localTime - 3 * 3600)
        if isapiRejects { camera.isapiAccepts = false } else { camera.onvifAccepts = false }
        let server = try await TestHTTPServer.start { [camera] in camera.respond($0) }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        // ISAPI first: when it rejects, nothing authenticated follows; when ONVIF rejects, ISAPI's
        // accepted request came before it.
        #expect(server.requests.filter(\.isAuthenticated).count == (isapiRejects ? 1 : 2), "\(Self.outcomes(result))")
        let failed = result.failedAuthenticatedRequests
        let rejected = result.credentialsRejected
        #expect(failed == 1)
        #expect(rejected)
        let skipped = result.exchanges.filter { $0.outcome == .skippedCredentialsRejected }
        #expect(skipped.count == (isapiRejects ? 3 : 2), "\(Self.outcomes(result))")
    }

    @Test func noHTTPPortFailsFastAndTriesOnce() async throws {
        // A port bound without listening, held for the test: connections are refused.
        let reserved = try ReservedPort()
        let port = reserved.port
        let result = await Self.client(port: port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline(20)
        )
        withExtendedLifetime(reserved) {}
        #expect(
            result.exchanges.first?.outcome.description.contains("connection refused") == true,
            "\(Self.outcomes(result))"
        )
        #expect(
            result.exchanges.dropFirst().allSatisfy { $0.outcome == .skippedUnreachable },
            "\(Self.outcomes(result))"
        )
        // Measured by the client: a refused connect is not a timeout.
        #expect(result.duration < .seconds(3))
    }

    @Test func silentServerEndsByTheDeadline() async throws {
        let server = try await TestHTTPServer.start { _ in .ignore }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port, requestTimeout: .milliseconds(800)).run(
            credentials: nil,
            credentialsAccepted: false,
            deadline: Self.deadline(4)
        )
        #expect(!result.exchanges.isEmpty)
        // Connected, then nothing: the deadline ends it (a loaded machine may even time out the
        // loopback connect, which must end it the same way).
        for exchange in result.exchanges where exchange.request != nil {
            let text = exchange.outcome.description
            #expect(
                text.contains("deadline") || text.contains("connect timeout"),
                "\(exchange.operation): \(exchange.outcome)"
            )
        }
        #expect(
            result.exchanges.contains {
                $0.outcome.description.contains("deadline") || $0.outcome.description.contains("connect timeout")
            },
            "\(Self.outcomes(result))"
        )
        // One silent answer is enough: the other requests to that port are not sent.
        #expect(
            result.exchanges.dropFirst().allSatisfy { $0.outcome == .skippedUnreachable },
            "\(Self.outcomes(result))"
        )
        #expect(result.duration < .seconds(8))
    }

    @Test func overallDeadlineBoundsEveryChannel() async throws {
        let server = try await TestHTTPServer.start { _ in .ignore }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port, requestTimeout: .seconds(30)).run(
            credentials: nil,
            credentialsAccepted: false,
            deadline: ContinuousClock.now + .milliseconds(500)
        )
        #expect(result.duration < .seconds(3))
        let first = result.exchanges.first?.outcome.description ?? ""
        #expect(first.contains("deadline") || first.contains("connect timeout"), "\(first)")
    }

    @Test(arguments: [true, false])
    func tenMegabyteBodyIsASizeError(withLength: Bool) async throws {
        let body = String(repeating: "A", count: 10 << 20)
        let head =
            withLength
            ? "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
        let bytes = Array((head + body).utf8)
        let server = try await TestHTTPServer.start { _ in .sendAndClose(bytes) }
        defer { Task { await server.stop() } }
        let result = await HTTPClient(eventLoopGroup: TestEventLoops.client).send(
            HTTPRequestMessage(method: "GET", target: "/"),
            host: "127.0.0.1",
            port: server.port,
            deadline: Self.deadline()
        )
        #expect(result == .failure(.bodyTooLarge(limit: HTTPClientLimits.default.maximumBodyBytes)))
    }

    @Test func invalidXMLFromONVIFIsReportedAndNothingAuthenticatedFollows() async throws {
        let server = try await TestHTTPServer.start { request in
            if request.target == "/onvif/device_service" {
                return .sendAndClose(TestHTTPServer.response("200 OK", body: "<env:Envelope><tt:Year>2026</env:Body>"))
            }
            return .sendAndClose(TestHTTPServer.response("404 Not Found"))
        }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        let time = result.exchanges.first { $0.operation == "GetSystemDateAndTime" }
        #expect(time?.outcome.description.hasPrefix("error: invalid XML") == true, "\(Self.outcomes(result))")
        #expect(server.requests.filter(\.isAuthenticated).isEmpty)
        #expect(result.exchanges.filter { $0.outcome == .skippedNoTime }.count == 3)
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><tt:UTCDateTime>\
        <tt:Date><tt:Year>&lol3;</tt:Year></tt:Date></tt:UTCDateTime></env:Body></env:Envelope>
        """

    @Test func documentTypeDeclarationsAreRefused() async throws {
        #expect(throws: ONVIFSystemDateAndTime.Failure.documentTypeDeclaration) {
            try ONVIFSystemDateAndTime.parse(Array(Self.billionLaughs.utf8))
        }
        let server = try await TestHTTPServer.start { request in
            if request.target == "/onvif/device_service" {
                return .sendAndClose(TestHTTPServer.response("200 OK", body: Self.billionLaughs))
            }
            return .sendAndClose(
                TestHTTPServer.response("200 OK", body: "<!doctype html><html><body>login</body></html>")
            )
        }
        defer { Task { await server.stop() } }
        let result = await Self.client(port: server.port).run(
            credentials: Self.credentials,
            credentialsAccepted: true,
            deadline: Self.deadline()
        )
        let time = result.exchanges.first { $0.operation == "GetSystemDateAndTime" }
        #expect(time?.outcome == .refusedDocumentType, "\(Self.outcomes(result))")
        #expect(time?.evidenceBytes == nil)
        // An HTML5 login page keeps its place in the evidence.
        let banner = result.exchanges.first { $0.channel == .banner }
        #expect(banner?.outcome == .ok)
        #expect(banner?.evidenceBytes != nil)
        #expect(server.requests.filter(\.isAuthenticated).isEmpty)
    }
}

@Suite("Device information channels: ISAPI Basic")
struct DeviceInfoBasicTests {
    @Test func basicOnlyChallengeGetsNoPassword() async throws {
        let server = try await TestHTTPServer.start { request in
            if request.target == "/ISAPI/System/deviceInfo" {
                return .sendAndClose(
                    TestHTTPServer.response("401 Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"cam\""])
                )
            }
            return .sendAndClose(TestHTTPServer.response("404 Not Found"))
        }
        defer { Task { await server.stop() } }
        let result = await DeviceInfoClientTests.client(port: server.port, onvif: false).run(
            credentials: DeviceInfoClientTests.credentials,
            credentialsAccepted: true,
            deadline: DeviceInfoClientTests.deadline()
        )
        #expect(server.requests.filter(\.isAuthenticated).isEmpty)
        #expect(
            DeviceInfoClientTests.outcomes(result) == [
                "banner GET / not-found", "isapi deviceInfo auth-required",
                "isapi deviceInfo skipped: only Basic offered over plain HTTP",
            ]
        )
    }
}
