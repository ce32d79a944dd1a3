import CamprintClients
import CamprintReport
import CamprintTestSupport
import Foundation
import NIOSSL
import Testing

/// `rtsps://` against a real TLS server on loopback (NIOSSL in front of the fault server), with
/// certificates made by the `openssl` CLI in a temporary folder for this test process.
@Suite("rtsps:// (TLS)", .enabled(if: TLSFixture.all != nil, "the openssl CLI is needed to make certificates"))
struct TLSProbeTests {
    static let password = "Tls-S3cret!pw"

    /// A Digest camera behind TLS whose certificate (SAN IP 127.0.0.1) the fixture's CA signed.
    static func camera() async throws -> TestRTSPServer {
        let fixture = try #require(TLSFixture.all)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(fixture.serverCertificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: fixture.serverKey, format: .pem))
        )
        configuration.minimumTLSVersion = .tlsv12
        let context = try NIOSSLContext(configuration: configuration)
        return try await TestRTSPServer.start(tls: context) { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if request.header("Authorization") != nil {
                return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP))
            }
            return .send(
                Responses.response(
                    "401 Unauthorized",
                    cseq: request.cseq,
                    headers: [
                        "WWW-Authenticate: Digest realm=\"IP Camera(C2875)\", nonce=\"5f1e0c2a\", stale=\"FALSE\""
                    ]
                )
            )
        }
    }

    static func probe(_ server: TestRTSPServer, caFile: String?) async throws -> ControlPlaneResult {
        let client = ControlPlaneClient(options: .within(total: .seconds(5), caFile: caFile))
        return await client.probe(
            try RTSPURL(parsing: server.tlsURL),
            credentials: ProbeCredentials(username: "admin", password: Self.password)
        )
    }

    @Test func trustedAuthoritySucceeds() async throws {
        let fixture = try #require(TLSFixture.all)
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, caFile: fixture.authority)
        #expect(result.status == .ok, "\(String(describing: result.failure))")
        #expect(result.authentication?.accepted == true)
        #expect(result.authentication?.sentInClear == false)
        #expect(result.sessionDescription != nil)
        #expect(server.requests.map(\.method) == ["OPTIONS", "DESCRIBE", "DESCRIBE"])
    }

    @Test func untrustedCertificateIsATLSFailure() async throws {
        let fixture = try #require(TLSFixture.all)
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, caFile: fixture.otherAuthority)
        guard case .tlsFailure(let reason) = result.failure else {
            Issue.record("expected a TLS failure, got \(String(describing: result.failure))")
            return
        }
        #expect(result.status == .unreachable)
        #expect(result.failure?.code == "rtsp.tls.failed")
        #expect(!reason.contains(Self.password))
        #expect(server.requests.isEmpty, "no request may cross an unverified connection")
    }

    @Test func withoutACAFileAnyCertificateIsAccepted() async throws {
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, caFile: nil)
        #expect(result.status == .ok, "\(String(describing: result.failure))")
    }

    @Test func plainRTSPServerIsATLSFailure() async throws {
        let fixture = try #require(TLSFixture.all)
        let server = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await server.stop() } }
        let result = try await Self.probe(server, caFile: fixture.authority)
        #expect(result.failure?.code == "rtsp.tls.failed", "\(String(describing: result.failure))")
    }

    @Test(
        .enabled(if: CamprintBinary.path != nil, "build the camprint binary first"),
        arguments: [true, false]
    )
    func commandLineTakesACAFile(trusted: Bool) async throws {
        let fixture = try #require(TLSFixture.all)
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let credentials = try ProbeCommandTests.temporaryFile("username=admin\npassword=\(Self.password)\n")
        defer { try? FileManager.default.removeItem(atPath: credentials) }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--no-http", "--format", "jsonl", "--credentials", credentials,
            "--ca-file", trusted ? fixture.authority : fixture.otherAuthority, server.tlsURL,
        ])
        #expect(!run.stdout.contains(Self.password) && !run.stderr.contains(Self.password))
        #expect(!run.stdout.contains("Tls-S3") && !run.stderr.contains("Tls-S3"))
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        if trusted {
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(report.report.status == .ok, "\(String(describing: report.report.error))")
        } else {
            #expect(run.status == 3)
            #expect(report.report.status == .unreachable)
            #expect(report.report.error?.code == "rtsp.tls.failed", "\(String(describing: report.report.error))")
        }
    }

    @Test(.enabled(if: CamprintBinary.path != nil, "build the camprint binary first"))
    func unreadableCAFileIsAUsageError() async throws {
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--ca-file", "/nonexistent/camprint-ca.pem", "rtsps://127.0.0.1:1/",
        ])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--ca-file"), "\(run.stderr)")
    }
}

/// A CA, a server certificate it signed for IP 127.0.0.1, and an unrelated second CA.
struct TLSFixture: Sendable {
    var authority: String
    var otherAuthority: String
    var serverCertificate: String
    var serverKey: String

    static let all: TLSFixture? = make()

    private static func make() -> TLSFixture? {
        guard
            let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-tls-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let extensions = path("server.ext")
        guard (try? Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: extensions))) != nil
        else { return nil }
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=camprint test CA",
                "-keyout", path("ca.key"), "-out", path("ca.pem"),
            ],
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=camprint other CA",
                "-keyout", path("other.key"), "-out", path("other.pem"),
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", path("server.key"),
                "-out", path("server.csr"),
            ],
            [
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", path("server.pem"),
            ],
        ]
        for step in steps {
            guard SubprocessLaunch.runToCompletion(openssl, step).status == 0 else { return nil }
        }
        return TLSFixture(
            authority: path("ca.pem"),
            otherAuthority: path("other.pem"),
            serverCertificate: path("server.pem"),
            serverKey: path("server.key")
        )
    }
}
