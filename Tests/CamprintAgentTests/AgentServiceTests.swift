import CamprintAgent
import CamprintReport
import CamprintSignatures
import CamprintTestSupport
import Foundation
import Logging
import ServiceLifecycleTestKit
import Testing

@Suite("long-running agent pieces")
struct AgentServiceTests {
    @Test func fingerprintIgnoresIdsAndTimingsButSeesIdentityChanges() {
        var first = TestReports.make(id: "one", serial: "DS-1234")
        first.durationMs = 120
        var second = TestReports.make(id: "two", observedAt: "2026-11-27T00:00:00Z", serial: "DS-1234")
        second.durationMs = 900
        #expect(IdentityFingerprint.of(first) == IdentityFingerprint.of(second))
        let upgraded = TestReports.make(id: "three", serial: "DS-1234", firmware: "V5.8.0 build 240101")
        #expect(IdentityFingerprint.of(first) != IdentityFingerprint.of(upgraded))
        let down = TestReports.make(id: "four", serial: "DS-1234", status: .unreachable)
        #expect(IdentityFingerprint.of(first) != IdentityFingerprint.of(down))
    }

    @Test func logLinesAreTheMessageAndItsMetadataRedactedAndEscaped() {
        let lines = LogLines()
        var logger = lines.logger(level: .notice)
        logger.info("agent: below the level")
        logger.notice("agent: rtsp://admin:cam-secret-pw@127.0.0.1:554/live unreachable")
        logger.warning("agent: two\nlines", metadata: ["b": "2", "a": "1"])
        logger.logLevel = .debug
        logger.debug("agent: spooled report r1 for rtsp://127.0.0.1/x")
        #expect(lines.all.count == 3, "\(lines.all)")
        #expect(lines.all.first?.hasPrefix("agent: rtsp://") == true)
        #expect(!lines.text.contains("cam-secret-pw"), "\(lines.all)")
        #expect(lines.all.dropFirst().first == "agent: two\\x0alines a=1 b=2")
        #expect(lines.all.last == "agent: spooled report r1 for rtsp://127.0.0.1/x")
        // `log_level` names are swift-log's; an unknown one (refused by the parser anyway) means info.
        #expect(AgentLogHandler.logger(level: "trace").logLevel == .trace)
        #expect(AgentLogHandler.logger(level: "loud").logLevel == .info)
    }

    /// The long-running agent in-process, without signals: a reload request re-reads the targets
    /// (what SIGHUP does), graceful shutdown (what SIGTERM does) stops the loop, makes the last
    /// upload, and the lifecycle closes the spool with every report delivered.
    @Test func reloadAndGracefulShutdownOfTheServiceGroup() async throws {
        let directory = try AgentTestFiles.directory("agent-lifecycle")
        defer { try? FileManager.default.removeItem(at: directory) }
        let collector = try await InProcessCollector.start(token: AgentTestFiles.token)
        let keptURL = "rtsp://127.0.0.1:\(try AgentTestFiles.closedPort())/kept"
        let removedURL = "rtsp://127.0.0.1:\(try AgentTestFiles.closedPort())/removed"
        let addedURL = "rtsp://127.0.0.1:\(try AgentTestFiles.closedPort())/added"
        let line = { (url: String) in "  - {url: \"\(url)\", timeout: 5s}" }
        let path = try AgentTestFiles.writeConfig(
            in: directory,
            collectorPort: collector.port,
            extra: "interval: 1h\nmedia: false",
            targets: [line(keptURL), line(removedURL)]
        ).path
        let lines = LogLines()
        let (reloads, reload) = AsyncStream.makeStream(of: Void.self)
        let lifecycle = AgentLifecycle(
            config: try AgentConfig.load(path: path),
            configPath: path,
            database: try SignatureDatabase.load(includeOperatorDirectory: false),
            logger: lines.logger(),
            notifier: SystemdNotifier(environment: [:]),
            reloads: reloads
        )
        let result = try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: AgentRoundResult?.self) { group in
                group.addTask { try await lifecycle.run(once: false) }
                #expect(await Self.wait { lines.text.contains("\(keptURL) unreachable") }, "\(lines.text)")
                try AgentTestFiles.writeConfig(
                    in: directory,
                    collectorPort: collector.port,
                    extra: "interval: 1h\nmedia: false",
                    targets: [line(keptURL), line(addedURL)]
                )
                reload.yield()
                #expect(await Self.wait { lines.text.contains("(1 new, 1 removed, 1 kept)") }, "\(lines.text)")
                #expect(await Self.wait { lines.text.contains("\(addedURL) unreachable") }, "\(lines.text)")
                trigger.triggerGracefulShutdown()
                let result = try await group.next()
                return result ?? nil
            }
        }
        let log = lines.text
        #expect(result == nil)
        #expect(log.contains("agent: stopping: no new probes; 0 in flight"), "\(log)")
        #expect(log.contains("agent: stopped in "), "\(log)")
        #expect(log.split(separator: "\n").filter { $0.hasPrefix("agent: \(keptURL) ") }.count == 1, "\(log)")
        let spooled = AgentProcess.spooledIds(in: log)
        #expect(spooled.count == 3, "\(log)")
        #expect(try await collector.stored(spooled) == Set(spooled), "\(log)")
        await collector.stop()
        // Closed by the lifecycle: opened again here, empty.
        let spool = try await ReportSpool.open(
            path: directory.appendingPathComponent("spool.sqlite").path,
            maxBytes: 1 << 20,
            maxAge: .seconds(3600)
        )
        #expect(try await spool.count() == 0)
        await spool.close()
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func wait(seconds: Double = 30, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func notifierWithoutSocketIsANoOp() {
        #expect(!SystemdNotifier(environment: [:]).notify("READY=1"))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "30000000"]) == .seconds(30))
    }

    @Test func notifierSendsDatagramsToNotifySocket() throws {
        let socket = try UnixDatagramSocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])
        #expect(notifier.notify("READY=1"))
        #expect(notifier.notify("WATCHDOG=1"))
        let received = (0..<2).compactMap { _ in socket.receive(wait: false) }
        #expect(received == ["READY=1", "WATCHDOG=1"])
    }
}
