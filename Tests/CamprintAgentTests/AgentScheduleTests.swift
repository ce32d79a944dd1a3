import CamprintClients
import CamprintReport
import CamprintTestSupport
import Foundation
import Synchronization
import Testing

@testable import CamprintAgent

@Suite("agent schedule")
struct AgentScheduleTests {
    static func targets(_ urls: [String], interval: String = "60s") throws -> [AgentConfig.Target] {
        let list = urls.map { "  - {url: \"\($0)\", credentials: cam}" }.joined(separator: "\n")
        let config = try AgentConfig.parse(
            yaml: """
                site: s
                collector: {url: "http://127.0.0.1:9", token_file: /nonexistent}
                credentials_dir: /nonexistent
                spool: {path: /tmp/unused.sqlite}
                interval: \(interval)
                jitter: 0s
                concurrency: 2
                targets:
                \(list)
                """,
            environment: [:]
        )
        return config.targets
    }

    static func result(_ target: AgentConfig.Target, status: ProbeStatus, serial: String = "DS-1") -> AgentTargetResult
    {
        AgentTargetResult(
            target: target,
            report: TestReports.make(id: UUID().uuidString, serial: serial, status: status)
        )
    }

    @Test func concurrencyAndOneProbePerHost() throws {
        let targets = try Self.targets([
            "rtsp://127.0.0.1:554/a", "rtsp://127.0.0.1:554/b", "rtsp://127.0.0.2:554/", "rtsp://127.0.0.3:554/",
        ])
        let now = ContinuousClock.now
        var schedule = AgentSchedule(targets: targets, now: now)
        let first = schedule.startable(now: now, concurrency: 2).map(\.url.description)
        #expect(first == ["rtsp://127.0.0.1:554/a", "rtsp://127.0.0.2:554/"], "two hosts, one probe each: \(first)")
        #expect(schedule.startable(now: now, concurrency: 2).isEmpty, "the limit of 2 is reached")
        _ = schedule.complete(
            Self.result(targets[0], status: .ok),
            now: now,
            jitter: .zero,
            heartbeat: .seconds(3600),
            credentialStamp: "x"
        )
        let second = schedule.startable(now: now, concurrency: 2).map(\.url.description)
        #expect(second == ["rtsp://127.0.0.1:554/b"], "the host is free again and its second target is due: \(second)")
    }

    @Test func reloadKeepsUnchangedTargetsAndDropsRemovedOnes() throws {
        let old = try Self.targets(["rtsp://127.0.0.1/a", "rtsp://127.0.0.2/b"])
        let now = ContinuousClock.now
        var schedule = AgentSchedule(targets: old, now: now)
        _ = schedule.startable(now: now, concurrency: 8)
        for target in old {
            let completion = schedule.complete(
                Self.result(target, status: .ok),
                now: now,
                jitter: .zero,
                heartbeat: .seconds(3600),
                credentialStamp: "x"
            )
            #expect(completion.reportToSpool != nil, "first report of \(target.url)")
            schedule.markSent(AgentSchedule.key(target), fingerprint: completion.fingerprint, now: now)
        }
        let kept = schedule.states["rtsp://127.0.0.2/b"]
        let new = try Self.targets(["rtsp://127.0.0.2/b", "rtsp://127.0.0.3/c"])
        let change = schedule.reload(new, now: now + .seconds(1))
        #expect(change.added == 1 && change.removed == 1 && change.kept == 1)
        #expect(schedule.states["rtsp://127.0.0.1/a"] == nil)
        #expect(schedule.states["rtsp://127.0.0.2/b"]?.nextDue == kept?.nextDue)
        #expect(schedule.states["rtsp://127.0.0.2/b"]?.fingerprint == kept?.fingerprint)
        let started = schedule.startable(now: now + .seconds(1), concurrency: 8).map(\.url.description)
        #expect(started == ["rtsp://127.0.0.3/c"], "only the new target is due: \(started)")
        let again = schedule.complete(
            Self.result(new[0], status: .ok),
            now: now + .seconds(61),
            jitter: .zero,
            heartbeat: .seconds(3600),
            credentialStamp: "x"
        )
        #expect(again.reportToSpool == nil, "same identity, heartbeat not due: nothing to send")
    }

    @Test func unreachableBacksOffAndAuthFailedWaitsForNewCredentials() throws {
        let targets = try Self.targets(["rtsp://127.0.0.1/a"], interval: "10s")
        var now = ContinuousClock.now
        var schedule = AgentSchedule(targets: targets, now: now)
        var delays: [Duration] = []
        for _ in 0..<4 {
            _ = schedule.startable(now: now, concurrency: 1)
            _ = schedule.complete(
                Self.result(targets[0], status: .unreachable),
                now: now,
                jitter: .zero,
                heartbeat: .seconds(3600),
                credentialStamp: "x"
            )
            let due = try #require(schedule.states[AgentSchedule.key(targets[0])]?.nextDue)
            delays.append(due - now)
            now = due
        }
        #expect(delays == [.seconds(10), .seconds(20), .seconds(40), .seconds(80)])

        _ = schedule.startable(now: now, concurrency: 1)
        let held = schedule.complete(
            Self.result(targets[0], status: .authFailed),
            now: now,
            jitter: .zero,
            heartbeat: .seconds(3600),
            credentialStamp: "v1"
        )
        #expect(held.note?.contains("auth_failed") == true)
        #expect(schedule.states[AgentSchedule.key(targets[0])]?.nextDue == now + .seconds(3600))
        #expect(schedule.releaseChangedCredentials(now: now + .seconds(20)) { _ in "v1" }.isEmpty)
        #expect(schedule.startable(now: now + .seconds(60), concurrency: 1).isEmpty)
        let released = schedule.releaseChangedCredentials(now: now + .seconds(40)) { _ in "v2" }
        #expect(released == [AgentSchedule.key(targets[0])])
        #expect(schedule.startable(now: now + .seconds(40), concurrency: 1).count == 1)
    }

    @Test func credentialStampChangesWithTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-stamp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = try #require(try Self.targets(["rtsp://127.0.0.1/a"]).first)
        try PrivateFile.agentCredential(password: "one", at: directory.appendingPathComponent("cam"))
        let first = AgentCredentialStamp.of(target, directory: directory.path)
        #expect(first == AgentCredentialStamp.of(target, directory: directory.path))
        try PrivateFile.agentCredential(password: "two", at: directory.appendingPathComponent("cam"))
        #expect(first != AgentCredentialStamp.of(target, directory: directory.path))
        #expect(!first.contains("one"), "the stamp never holds the secret")
    }

    @Test func refusedBatchIsRetriedAfterTheBackOff() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-refused-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try await ReportSpool.open(
            path: directory.appendingPathComponent("spool.sqlite").path,
            maxBytes: 1 << 20,
            maxAge: .seconds(3600)
        )
        // No token issued yet: the collector refuses the batch (403) until an operator issues it.
        let collector = try await InProcessCollector.start(token: nil)
        // Time moves only when the test says so: the back-off is not at the mercy of a busy machine.
        let clock = ManualClock()
        let report = TestReports.make(id: "refused-1", serial: "DS-1")
        try await spool.append(reportId: report.reportId, json: try JSONEncoder().encode(report))
        let uploader = ReportUploader(
            endpoint: CollectorEndpoint(
                url: URL(string: "http://127.0.0.1:\(collector.port)")!,
                token: "t",
                caFile: nil
            ),
            spool: spool,
            refusalBackoff: RefusalBackoff(initial: .milliseconds(600), maximum: .seconds(5), now: clock.now)
        )
        let first = await uploader.drain()
        #expect(first.refused == 1 && first.remaining == 1)
        let skipped = await uploader.drain()
        #expect(skipped.refused == 0 && skipped.remaining == 1)
        #expect(collector.received.count == 1, "held back until the back-off passes")
        clock.advance(.milliseconds(700))
        let second = await uploader.drain()
        #expect(second.refused == 1, "offered again after 600 ms, refused again")
        #expect(collector.received.count == 2)
        clock.advance(.milliseconds(700))
        let held = await uploader.drain()
        #expect(held.refused == 0 && collector.received.count == 2, "the second back-off doubled to 1.2 s")
        try await collector.addToken("t")
        clock.advance(.milliseconds(700))
        let fixed = await uploader.drain()
        #expect(fixed.delivered == 1 && fixed.remaining == 0)
        #expect(collector.received.map(\.status) == [403, 403, 200])
        #expect(try await collector.stored(["refused-1"]) == ["refused-1"])
        await collector.stop()
        await spool.close()
    }
}

/// A clock for back-off tests: starts at the instant it was made and moves only by ``advance(_:)``.
final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex(Duration.zero)

    func advance(_ duration: Duration) { offset.withLock { $0 += duration } }

    @Sendable func now() -> ContinuousClock.Instant { start + offset.withLock { $0 } }
}
