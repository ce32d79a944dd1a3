import CamprintReport
import CamprintTestSupport
import Foundation
import NIOSSL
import Testing

@testable import CamprintClients

/// The control plane against cameras that try to get the password (issue 16): Basic over clear
/// text, a redirect to another host, a redirect that changes port or scheme after the login.
@Suite("Hostile camera: control plane")
struct HostileControlPlaneTests {
    /// TLS handshakes with fresh RSA keys on a loaded machine: steps bounded generously.
    static let tlsOptions = ControlPlaneOptions(
        resolveTimeout: .seconds(5),
        connectTimeout: .seconds(10),
        readTimeout: .seconds(10),
        totalTimeout: .seconds(20)
    )
    static let credentials = ProbeCredentials(username: "admin", password: "Sup3r-S3cret!pw")

    /// Every byte the camera received, as text, never holds the password or its Basic form.
    static func expectNoPassword(_ server: TestRTSPServer, sourceLocation: SourceLocation = #_sourceLocation) {
        let basic = Data("admin:Sup3r-S3cret!pw".utf8).base64EncodedString()
        for request in server.requests {
            #expect(!request.text.contains("Sup3r-S3cret"), sourceLocation: sourceLocation)
            #expect(!request.text.contains(basic), sourceLocation: sourceLocation)
            #expect(
                request.header("Authorization")?.lowercased().hasPrefix("basic") != true,
                sourceLocation: sourceLocation
            )
        }
    }

    @Test func basicOnlyOverClearTextSendsNothing() async throws {
        let server = try await TestRTSPServer.start(
            respond: Responses.describeStatus("401 Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"cam\""])
        )
        defer { Task { await server.stop() } }
        let result = try await FaultServerTests.probe(
            server,
            credentials: Self.credentials,
            expect: .authRequired,
            code: "rtsp.auth.basic-refused"
        )
        #expect(result.failure?.message.contains("refusing to send the password") == true)
        #expect(result.authentication == nil)
        #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
        Self.expectNoPassword(server)
    }

    /// A TLS server context with the fixture's certificate (nil without the openssl CLI).
    static func tlsContext() throws -> NIOSSLContext {
        let fixture = try #require(TLSFixture.all, "the openssl CLI is needed to make certificates")
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(fixture.serverCertificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: fixture.serverKey, format: .pem))
        )
        return try NIOSSLContext(configuration: configuration)
    }

    @Test(.enabled(if: TLSFixture.all != nil, "the openssl CLI is needed to make certificates"))
    func basicOverUnverifiedTLSCountsAsClearText() async throws {
        let tls = try Self.tlsContext()
        let server = try await TestRTSPServer.start(
            tls: tls,
            respond: Responses.describeStatus("401 Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"cam\""])
        )
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: Self.tlsOptions).probe(
            try RTSPURL(parsing: server.tlsURL),
            credentials: Self.credentials
        )
        #expect(result.failure?.code == "rtsp.auth.basic-refused")
        #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
        #expect(result.duration < Self.tlsOptions.totalTimeout + .seconds(1))
    }

    /// `--ca-file system`: the system's authorities, which did not sign the test certificate.
    @Test(.enabled(if: TLSFixture.all != nil, "the openssl CLI is needed to make certificates"))
    func systemTrustStoreVerifiesTheCertificate() async throws {
        let server = try await TestRTSPServer.start(tls: try Self.tlsContext(), respond: Responses.camera())
        defer { Task { await server.stop() } }
        var options = Self.tlsOptions
        options.caFile = ControlPlaneOptions.systemTrustStore
        let result = await ControlPlaneClient(options: options).probe(
            try RTSPURL(parsing: server.tlsURL),
            credentials: Self.credentials
        )
        #expect(result.failure?.code == "rtsp.tls.failed", "\(result.failure?.message ?? "ok")")
        #expect(server.requests.isEmpty, "nothing sent over an unverified connection")
    }

    @Test func redirectToAnotherHostIsNotFollowed() async throws {
        let other = try await TestRTSPServer.start(host: "127.0.0.2", respond: Responses.camera())
        defer { Task { await other.stop() } }
        let redirector = try await TestRTSPServer.start(
            respond: Responses.describeStatus(
                "302 Moved Temporarily",
                headers: ["Location: rtsp://127.0.0.2:\(other.port)/stream"]
            )
        )
        defer { Task { await redirector.stop() } }
        let result = try await FaultServerTests.probe(
            redirector,
            credentials: Self.credentials,
            expect: .error,
            code: "rtsp.redirect.other-host"
        )
        #expect(result.failure?.message.contains("127.0.0.2") == true)
        #expect(other.connections == 0, "no connection to a host that was not given")
    }

    @Test func redirectToAnotherHostWithOptInCarriesNoCredentials() async throws {
        let other = try await TestRTSPServer.start(host: "127.0.0.2") { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if request.header("Authorization") != nil {
                return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP))
            }
            return .send(
                Responses.response(
                    "401 Unauthorized",
                    cseq: request.cseq,
                    headers: ["WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\""]
                )
            )
        }
        defer { Task { await other.stop() } }
        // The first camera accepts the login, then sends the client elsewhere.
        let redirector = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if request.header("Authorization") != nil {
                return .send(
                    Responses.response(
                        "302 Moved Temporarily",
                        cseq: request.cseq,
                        headers: ["Location: rtsp://127.0.0.2:\(other.port)/stream"]
                    )
                )
            }
            return .send(
                Responses.response(
                    "401 Unauthorized",
                    cseq: request.cseq,
                    headers: ["WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\""]
                )
            )
        }
        defer { Task { await redirector.stop() } }
        var options = FaultServerTests.options
        options.followRedirectsToOtherHosts = true
        let result = try await FaultServerTests.probe(
            redirector,
            credentials: Self.credentials,
            options: options,
            expect: .authRequired
        )
        #expect(result.credentialsDropped)
        #expect(!result.credentialsAcceptedAtFinalURL)
        #expect(other.connections == 1)
        #expect(other.requests.allSatisfy { $0.header("Authorization") == nil })
        Self.expectNoPassword(other)
    }

    @Test func redirectToAnotherPortOnTheSameHostDropsCredentials() async throws {
        let target = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await target.stop() } }
        let redirector = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if request.header("Authorization") != nil {
                return .send(
                    Responses.response("302 Found", cseq: request.cseq, headers: ["Location: \(target.url)"])
                )
            }
            return .send(
                Responses.response(
                    "401 Unauthorized",
                    cseq: request.cseq,
                    headers: ["WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\""]
                )
            )
        }
        defer { Task { await redirector.stop() } }
        let result = try await FaultServerTests.probe(redirector, credentials: Self.credentials, expect: .ok)
        #expect(result.credentialsDropped)
        #expect(!result.credentialsAcceptedAtFinalURL, "the media plane gets no credentials for the new port")
        #expect(target.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test(.enabled(if: TLSFixture.all != nil, "the openssl CLI is needed to make certificates"))
    func rtspsToRtspRedirectDropsCredentials() async throws {
        let plain = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await plain.stop() } }
        let tls = try Self.tlsContext()
        let secure = try await TestRTSPServer.start(
            tls: tls,
            respond: Responses.describeStatus("302 Found", headers: ["Location: rtsp://127.0.0.1:\(plain.port)/stream"])
        )
        defer { Task { await secure.stop() } }
        let result = await ControlPlaneClient(options: Self.tlsOptions).probe(
            try RTSPURL(parsing: secure.tlsURL),
            credentials: Self.credentials
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(result.credentialsDropped)
        Self.expectNoPassword(plain)
        #expect(result.duration < Self.tlsOptions.totalTimeout + .seconds(1))
    }
}
