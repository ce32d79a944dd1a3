import CamprintAgent
import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint agent` as a subprocess: exit codes and what it prints.
@Suite(
    "camprint agent command",
    .enabled(if: BuiltProducts.url(named: "camprint") != nil, "camprint not built (swift build)")
)
struct AgentCommandTests {
    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs the built `camprint` off the cooperative pool (it may take seconds).
    static func run(_ arguments: [String]) async throws -> Run {
        try await OffPool.run { try runBlocking(arguments) }
    }

    static func runBlocking(_ arguments: [String]) throws -> Run {
        guard let binary = BuiltProducts.url(named: "camprint") else { return Run(status: -1, output: "") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try SubprocessLaunch.run(process)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-agent-cmd-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func checkConfigExitCodes() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yaml")
        try Data(
            """
            site: s
            collector: {url: "http://127.0.0.1:9", token_file: /nonexistent}
            spool: {path: \(directory.path)/spool.sqlite}
            targets:
              - url: rtsp://127.0.0.1:9/
            """.utf8
        ).write(to: good)
        let ok = try await Self.run(["agent", "--check-config", good.path])
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("configuration OK"))
        let bad = directory.appendingPathComponent("bad.yaml")
        try Data(
            """
            site: s
            collector: {url: "http://127.0.0.1:9", token_file: /nonexistent}
            spool: {path: \(directory.path)/spool.sqlite}
            targets:
              - url: rtsp://127.0.0.1:9/
                password: hunter2
            """.utf8
        ).write(to: bad)
        let failed = try await Self.run(["agent", "--check-config", bad.path])
        #expect(failed.status == 2, "\(failed.output)")
        #expect(failed.output.contains("line 6: targets[0].password"), "\(failed.output)")
        #expect(!failed.output.contains("hunter2"))
    }

    @Test func onceExitsThreeWhenCollectorIsDownAndKeepsTheReports() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Nothing listens on the port (collector and camera are refused), and no other test can take
        // it until the collector comes back on it below.
        let reserved = try ReservedPort()
        let port = reserved.port
        try PrivateFile.secret("cpt_secret_token", at: directory.appendingPathComponent("token"))
        try PrivateFile.agentCredential(password: "cam-secret-pw", at: directory.appendingPathComponent("cam"))
        let config = directory.appendingPathComponent("agent.yaml")
        try Data(
            """
            site: s
            collector: {url: "http://127.0.0.1:\(port)", token_file: \(directory.path)/token}
            credentials_dir: \(directory.path)
            spool: {path: \(directory.path)/spool.sqlite}
            targets:
              - url: rtsp://127.0.0.1:\(port)/Streaming/Channels/101
                credentials: cam
                timeout: 2s
            """.utf8
        ).write(to: config)
        let run = try await Self.run(["agent", "--config", config.path, "--once", "--no-operator-rules"])
        #expect(run.status == 3, "\(run.output)")
        #expect(
            run.output.contains("agent: rtsp://127.0.0.1:\(port)/Streaming/Channels/101 unreachable"),
            "\(run.output)"
        )
        #expect(!run.output.contains("cam-secret-pw"))
        #expect(!run.output.contains("cpt_secret_token"))
        let spool = try await ReportSpool.open(
            path: directory.appendingPathComponent("spool.sqlite").path,
            maxBytes: 1 << 20,
            maxAge: .seconds(3600)
        )
        let pending = try await spool.pending(limit: 10)
        await spool.close()
        #expect(pending.count == 1)
        let report = try JSONDecoder().decode(Report.self, from: pending[0].json)
        #expect(report.source?.kind == "camprint agent")
        #expect(report.source?.site == "s")

        reserved.release()
        let up = try await InProcessCollector.start(token: "cpt_secret_token", port: port)
        let second = try await Self.run(["agent", "--config", config.path, "--once", "--no-operator-rules"])
        #expect(second.status == 0, "\(second.output)")
        #expect(try await up.storedCount() == 2, "the spooled report and the new one, each once")
        #expect(try await up.stored([pending[0].reportId]).count == 1)
        await up.stop()
    }
}
