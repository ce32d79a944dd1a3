import CamprintAgent
import CamprintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The long-running `camprint agent` as a real process: watchdog pings while a probe hangs, SIGTERM
/// within its bound, SIGHUP with a changed target list.
@Suite(
    "camprint agent loop (process)",
    .enabled(if: BuiltProducts.url(named: "camprint") != nil, "camprint not built (swift build)")
)
struct AgentLoopProcessTests {
    /// Documented stop bound (AgentService.run): tick + grace + 2 × cancel wait + final upload.
    static let stopBoundSeconds = 1.0 + 10 + 2 + 5

    @Test func watchdogKeepsPingingWhileAProbeHangsAndSigtermStopsWithinTheBound() async throws {
        let directory = try AgentTestFiles.directory("agent-watchdog")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Every upload answered 503 by the collector's front (the real collector answers 5xx only
        // when its database fails).
        let collector = try await InProcessCollector.start(
            token: AgentTestFiles.token,
            script: Array(repeating: 503, count: 1000)
        )
        let hanging = try await LoopbackTCPServer.start(.silent)
        let refused = try AgentTestFiles.closedPort()
        let notify = try NotifyListener()
        let hangURL = "rtsp://127.0.0.1:\(hanging.port)/hang"
        let config = try AgentTestFiles.writeConfig(
            in: directory,
            collectorPort: collector.port,
            extra: "interval: 1h",
            targets: [
                // Probed again a second after each result, so a probe is in flight most of the time.
                "  - {url: \"\(hangURL)\", credentials: cam, timeout: 60s, interval: 1s}",
                // Another host name, so its probe runs beside the hanging one.
                "  - {url: \"rtsp://localhost:\(refused)/down\", credentials: cam, timeout: 5s}",
            ]
        )
        let agent = try AgentProcess(
            config: config,
            logURL: directory.appendingPathComponent("agent.log"),
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "600000"]
        )
        defer { if agent.process.isRunning { agent.signal(SIGKILL) } }

        #expect(await notify.wait(for: "READY=1", timeout: 60), "no READY=1: \(agent.log)")
        #expect(notify.lines.first == "READY=1", "READY=1 comes first: \(notify.lines)")
        let accepted = await agent.waitForLog(timeout: 30) { _ in
            notify.poll()
            return hanging.open >= 1
        }
        #expect(accepted, "the hanging camera never saw the probe: \(agent.log)")
        let spooledDown = await agent.waitForLog(timeout: 30) {
            notify.poll()
            return $0.contains("/down unreachable")
        }
        #expect(spooledDown, "the refused target was not probed: \(agent.log)")
        // The control plane gives up on a silent camera after its 5 s read timeout. Count the pings
        // that arrived while the first hanging connection was open (both times are stamped on
        // arrival by threads of their own, so a busy test process does not skew them).
        let closed = await agent.waitForLog(timeout: 30) { _ in hanging.connections.first?.closed != nil }
        #expect(closed, "the first hanging probe never ended: \(agent.log)")
        if let first = hanging.connections.first, let end = first.closed {
            let hung = end.timeIntervalSince(first.opened)
            let during = notify.messages.filter { $0.text == "WATCHDOG=1" && $0.at > first.opened && $0.at < end }
            #expect(hung >= 2, "the silent camera held the probe only \(hung) s")
            // WatchdogSec 0.6 s → a ping every 0.3 s: about 16 in the 5 s hang; at least 3 even when loaded.
            #expect(during.count >= 3, "only \(during.count) WATCHDOG=1 in the \(hung) s a probe hung: \(notify.lines)")
        }

        // SIGTERM while a probe of the silent camera (probed again every second) hangs: it gets its
        // grace (min(60 s, 10 s)) and ends by its own read timeout within it.
        let inFlight = await agent.waitForLog(timeout: 30) { _ in hanging.open >= 1 }
        #expect(inFlight, "the silent camera was not probed again: \(agent.log)")
        agent.signal(SIGTERM)
        // Read the socket meanwhile, as systemd does (a full queue would drop STOPPING=1).
        let status = await agent.waitForExit(timeout: Self.stopBoundSeconds + 20) { notify.poll() }
        let log = agent.log
        #expect(status == 0, "exit status \(String(describing: status)): \(log)")
        notify.poll()
        #expect(notify.lines.contains("STOPPING=1"), "\(notify.lines)")
        let stopped = log.split(separator: "\n").first { $0.contains("agent: stopped in ") }
        let seconds = stopped.flatMap { Double($0.split(separator: " ").dropLast().last ?? "") }
        #expect(seconds != nil, "no `stopped in` line: \(log)")
        if let seconds { #expect(seconds <= Self.stopBoundSeconds, "stopped in \(seconds) s: \(log)") }
        #expect(log.contains("in flight get up to 10s") && !log.contains("; 0 in flight"), "\(log)")
        #expect(AgentProcess.spooledIds(in: log, for: hangURL).count >= 1, "the hanging probe's report: \(log)")
        #expect(!log.contains("cam-secret-pw") && !log.contains("cpt_secret_token"))

        // Nothing lost: every report spooled is still spooled (the collector answered 503 throughout).
        let spooled = AgentProcess.spooledIds(in: log)
        #expect(!spooled.isEmpty, "nothing was spooled: \(log)")
        let spool = try await ReportSpool.open(
            path: directory.appendingPathComponent("spool.sqlite").path,
            maxBytes: 1 << 20,
            maxAge: .seconds(3600)
        )
        let pending = Set(try await spool.pending(limit: 1000).map(\.reportId))
        await spool.close()
        #expect(collector.received.allSatisfy { !$0.reachedCollector }, "an upload got past the 503s")
        #expect(try await collector.storedCount() == 0)
        await collector.stop()
        await hanging.stop()
        #expect(Set(spooled).isSubset(of: pending), "lost: \(Set(spooled).subtracting(pending))")
    }

    @Test func sighupWithAChangedTargetList() async throws {
        let directory = try AgentTestFiles.directory("agent-sighup")
        defer { try? FileManager.default.removeItem(at: directory) }
        let collector = try await InProcessCollector.start(token: AgentTestFiles.token)
        let removed = try await LoopbackTCPServer.start(.closeAtOnce)
        let added = try await LoopbackTCPServer.start(.closeAtOnce)
        let keptPort = try AgentTestFiles.closedPort()
        let removedURL = "rtsp://127.0.0.1:\(removed.port)/removed"
        let keptURL = "rtsp://127.0.0.1:\(keptPort)/kept"
        let addedURL = "rtsp://127.0.0.1:\(added.port)/added"
        let removedLine = "  - {url: \"\(removedURL)\", interval: 1s, timeout: 5s}"
        let keptLine = "  - {url: \"\(keptURL)\", timeout: 5s}"
        let config = try AgentTestFiles.writeConfig(
            in: directory,
            collectorPort: collector.port,
            extra: "interval: 1h",
            targets: [removedLine, keptLine]
        )
        let agent = try AgentProcess(config: config, logURL: directory.appendingPathComponent("agent.log"))
        defer { if agent.process.isRunning { agent.signal(SIGKILL) } }
        let warmedUp = await agent.waitForLog(timeout: 60) {
            $0.contains("\(keptURL) unreachable") && removed.accepted >= 2
        }
        #expect(warmedUp, "the first targets were not probed (removed: \(removed.accepted)): \(agent.log)")

        try AgentTestFiles.writeConfig(
            in: directory,
            collectorPort: collector.port,
            extra: "interval: 1h",
            targets: [keptLine, "  - {url: \"\(addedURL)\", timeout: 5s}"]
        )
        agent.signal(SIGHUP)
        let reloaded = await agent.waitForLog(timeout: 20) { $0.contains("(1 new, 1 removed, 1 kept)") }
        #expect(reloaded, "no reload line: \(agent.log)")
        let removedAtReload = removed.accepted
        let probedNew = await agent.waitForLog(timeout: 20) { _ in added.accepted >= 1 }
        #expect(probedNew, "the new target was not probed promptly: \(agent.log)")
        // The removed target was probed every second; give it 3 s to show it is still scheduled.
        try await Task.sleep(for: .seconds(3))
        #expect(
            removed.accepted <= removedAtReload + 1,
            "the removed target is still probed: \(removed.accepted) connections, \(removedAtReload) at reload"
        )
        agent.signal(SIGTERM)
        let status = await agent.waitForExit(timeout: Self.stopBoundSeconds + 20)
        let log = agent.log
        #expect(status == 0, "\(log)")
        let keptResults = log.split(separator: "\n").filter { $0.contains("agent: \(keptURL) ") }
        #expect(keptResults.count == 1, "the kept target kept its next due time (1 h away): \(keptResults)")
        let addedIds = AgentProcess.spooledIds(in: log, for: addedURL)
        let keptIds = AgentProcess.spooledIds(in: log, for: keptURL)
        #expect(addedIds.count == 1 && keptIds.count == 1, "\(log)")
        let spooled = AgentProcess.spooledIds(in: log)
        #expect(try await collector.stored(addedIds + keptIds) == Set(addedIds + keptIds), "\(log)")
        let storedCount = try await collector.storedCount()
        #expect(try await collector.stored(spooled).count == storedCount, "stored a report never spooled: \(log)")
        await collector.stop()
        await removed.stop()
        await added.stop()
    }
}
