import CamprintAgent
import CamprintTestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// kill -9 of the long-running agent at random moments, with a flapping collector: after a final
/// `--once` run every report ever spooled was delivered (each id acknowledged, at most one re-sent
/// batch per kill), the spool is empty and passes `PRAGMA integrity_check`.
/// Runs `$CAMPRINT_AGENT_KILL_RUNS` times (50 under `make test`), 10 by default.
@Suite(
    "camprint agent kill -9",
    .enabled(if: BuiltProducts.url(named: "camprint") != nil, "camprint not built (swift build)")
)
struct AgentKillTests {
    static var runs: Int {
        ProcessInfo.processInfo.environment["CAMPRINT_AGENT_KILL_RUNS"].flatMap(Int.init).map { max(1, $0) } ?? 10
    }

    @Test func killNineAtRandomMomentsLosesNothing() async throws {
        let directory = try AgentTestFiles.directory("agent-kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Flapping: roughly one answer in three is a 503 from the collector's front (the real
        // collector answers 5xx only when its database fails); the rest reach the collector.
        let script = (0..<5000).map { _ in Int.random(in: 0..<3) == 0 ? 503 : 200 }
        let collector = try await InProcessCollector.start(token: AgentTestFiles.token, script: script)
        let quick = try await LoopbackTCPServer.start(.closeAtOnce)
        let downs = try (0..<3).map { _ in try AgentTestFiles.closedPort() }
        let targets =
            ["  - {url: \"rtsp://127.0.0.1:\(quick.port)/quick\", timeout: 2s}"]
            + downs.enumerated().map { "  - {url: \"rtsp://127.0.0.1:\($1)/down\($0)\", timeout: 2s}" }
        let config = try AgentTestFiles.writeConfig(
            in: directory,
            collectorPort: collector.port,
            extra: "interval: 200ms\nheartbeat: 300ms\nmedia: false",
            targets: targets
        )
        let logURL = directory.appendingPathComponent("agent.log")
        var kills = 0
        for run in 0..<Self.runs {
            let agent = try AgentProcess(config: config, logURL: logURL)
            let moment = Double.random(in: 0.2...2.5)
            try await Task.sleep(for: .seconds(moment))
            guard agent.process.isRunning else {
                Issue.record("run \(run): the agent exited by itself: \(agent.log.suffix(2000))")
                break
            }
            agent.signal(SIGKILL)
            _ = await agent.waitForExit(timeout: 10)
            kills += 1
        }
        // A final run with the collector answering 200.
        collector.setScript([])
        let final = try AgentProcess(config: config, logURL: logURL, once: true)
        let status = await final.waitForExit(timeout: 120)
        let log = final.log
        #expect(status == 0, "final --once run: \(String(describing: status)) \(log.suffix(3000))")

        let spooled = Set(AgentProcess.spooledIds(in: log))
        let stored = try await collector.stored(spooled)
        // A batch the collector stored but the agent did not hear acknowledged (killed in between) is
        // sent again from the same first report, hence with the same Idempotency-Key.
        var keys = Set<String>()
        var resentBatches = 0
        for request in collector.received where request.reachedCollector && request.status == 200 {
            guard let key = request.idempotencyKey else { continue }
            if !keys.insert(key).inserted { resentBatches += 1 }
        }
        await collector.stop()
        await quick.stop()
        #expect(spooled.count > Self.runs, "too few reports to mean anything: \(spooled.count)")
        #expect(stored == spooled, "lost \(spooled.subtracting(stored).count) of \(spooled.count) report(s)")
        #expect(resentBatches <= kills, "\(resentBatches) batch(es) re-sent for \(kills) kill(s)")

        let spoolPath = directory.appendingPathComponent("spool.sqlite").path
        let spool = try await ReportSpool.open(path: spoolPath, maxBytes: 64 << 20, maxAge: .seconds(3600))
        let left = try await spool.count()
        let dropped = try await spool.dropped()
        await spool.close()
        #expect(left == 0, "\(left) report(s) still spooled after the final run")
        #expect(dropped == 0)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            check.arguments = [spoolPath, "PRAGMA integrity_check;"]
            let pipe = Pipe()
            check.standardOutput = pipe
            try SubprocessLaunch.run(check)
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "integrity_check: \(output)")
        }
    }
}
