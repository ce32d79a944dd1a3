import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// The built `camprint` binary beside the test bundle.
enum CamprintBinary {
    static let path: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("camprint").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary on a Dispatch thread: waiting for a child must not block the cooperative
    /// pool that the loopback servers' clients need.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        try await OffPool.run { try runBlocking(arguments, environment: environment) }
    }

    static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/nonexistent")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CAMPRINT_PASSWORD"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try SubprocessLaunch.run(process)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

@Suite(
    "camprint probe (subprocess)",
    .enabled(if: CamprintBinary.path != nil, "build the camprint binary first (swift build)")
)
struct ProbeCommandTests {
    static let password = "Sup3r-S3cret!pw"
    static let forbidden = [password, Data("admin:\(password)".utf8).base64EncodedString(), "Sup3r"]

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-test-\(UUID().uuidString)")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        // Credentials files must be private to their owner (CredentialFile.permissionProblem).
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// A camera that accepts admin/`password` with Digest (or Basic when `basic`).
    static func camera(basic: Bool = false, accept: Bool = true) async throws -> TestRTSPServer {
        let challenge =
            basic
            ? "WWW-Authenticate: Basic realm=\"cam\""
            : "WWW-Authenticate: Digest realm=\"IP Camera(C2875)\", nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\""
        return try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if accept, request.header("Authorization") != nil {
                return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP))
            }
            return .send(Responses.response("401 Unauthorized", cseq: request.cseq, headers: [challenge]))
        }
    }

    static func expectNoSecrets(_ run: CamprintBinary.Run) {
        for secret in forbidden {
            #expect(!run.stdout.contains(secret), "stdout leaks \(secret.prefix(3))…")
            #expect(!run.stderr.contains(secret), "stderr leaks \(secret.prefix(3))…")
        }
    }

    @Test(arguments: ["json", "jsonl", "table"])
    func passwordFromFileNeverPrinted(format: String) async throws {
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let file = try Self.temporaryFile(Self.password + "\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--format", format, "--username", "admin", "--password-file", file, server.url,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        Self.expectNoSecrets(run)
        if format == "json" {
            let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8))
            #expect(reports.count == 1)
            #expect(reports.first?.report.status == .ok)
            #expect(reports.first?.report.validationErrors() == [])
            #expect(reports.first?.rtsp?.authentication?.accepted == true)
            #expect(reports.first?.rtsp?.exchanges.count == 3)
        }
    }

    @Test func basicOverClearTextIsRefusedWithoutOptIn() async throws {
        let server = try await Self.camera(basic: true)
        defer { Task { await server.stop() } }
        let file = try Self.temporaryFile("username=admin\npassword=\(Self.password)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--format", "jsonl", "--credentials", file, server.url,
        ])
        #expect(run.status == 4)
        Self.expectNoSecrets(run)
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(report.report.status == .authRequired)
        #expect(report.report.error?.code == "rtsp.auth.basic-refused")
        #expect(report.report.error?.message.contains("--allow-basic") == true)
        #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func refusedBasicLoginExitsFourWithoutLeaking() async throws {
        let server = try await Self.camera(basic: true, accept: false)
        defer { Task { await server.stop() } }
        let file = try Self.temporaryFile("username=admin\npassword=\(Self.password)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--allow-basic", "--format", "jsonl", "--credentials", file, server.url,
        ])
        #expect(run.status == 4)
        Self.expectNoSecrets(run)
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(report.report.status == .authFailed)
        #expect(report.rtsp?.authentication?.sentInClear == true)
        #expect(server.requests.filter { $0.header("Authorization") != nil }.count == 1)
    }

    @Test(arguments: ["--credentials", "--password-file"])
    func credentialsFileOthersCanReadIsRefused(option: String) async throws {
        let file = try Self.temporaryFile(option == "--credentials" ? "admin\n\(Self.password)\n" : Self.password)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let arguments = option == "--credentials" ? [option, file] : ["--username", "admin", option, file]
        let run = try await CamprintBinary.run(["probe", "--no-media"] + arguments + [server.url])
        #expect(run.status == 2)
        #expect(run.stderr.contains(file) && run.stderr.contains("chmod 600"), "\(run.stderr)")
        #expect(server.connections == 0, "nothing is probed with a refused file")
        Self.expectNoSecrets(run)
    }

    @Test func passwordFromEnvironment() async throws {
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let run = try await CamprintBinary.run(
            ["probe", "--no-media", "--format", "json", "--username", "admin", server.url],
            environment: ["CAMPRINT_PASSWORD": Self.password]
        )
        #expect(run.status == 0, "stderr: \(run.stderr)")
        Self.expectNoSecrets(run)
    }

    @Test func credentialsInTheURLAreDroppedWithAWarning() async throws {
        let server = try await Self.camera()
        defer { Task { await server.stop() } }
        let url = "rtsp://admin:\(Self.password)@127.0.0.1:\(server.port)/stream"
        let run = try await CamprintBinary.run(["probe", "--no-media", "--format", "jsonl", url])
        #expect(run.status == 4, "no credentials were used: auth_required")
        #expect(run.stderr.contains("warning"))
        Self.expectNoSecrets(run)
        #expect(!run.stderr.contains("admin:"))
        #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func unreachableExitsThree() async throws {
        let reserved = try ReservedPort()
        let port = reserved.port
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--format", "jsonl", "rtsp://127.0.0.1:\(port)/",
        ])
        withExtendedLifetime(reserved) {}
        #expect(run.status == 3)
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(report.report.status == .unreachable)
        #expect(report.report.error?.code == "rtsp.connect.refused")
    }

    @Test func usageErrorsExitTwo() async throws {
        #expect(try await CamprintBinary.run(["probe", "--username", "admin", "rtsp://127.0.0.1/"]).status == 2)
        #expect(try await CamprintBinary.run(["probe", "http://127.0.0.1/"]).status == 2)
        #expect(try await CamprintBinary.run(["probe", "--timeout", "soon", "rtsp://127.0.0.1/"]).status == 2)
    }

    @Test func severalTargetsOneDocumentInOrder() async throws {
        let first = try await TestRTSPServer.start(respond: Responses.camera())
        let second = try await TestRTSPServer.start(respond: Responses.describeStatus("404 Not Found"))
        defer {
            Task {
                await first.stop()
                await second.stop()
            }
        }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--format", "json", first.url, second.url, first.url,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8))
        #expect(reports.map(\.report.status) == [.ok, .notFound, .ok])
        #expect(reports.map(\.report.target.port) == [first.port, second.port, first.port])
    }
}
