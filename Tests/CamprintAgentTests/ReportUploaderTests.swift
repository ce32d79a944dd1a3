import CamprintAgent
import CamprintReport
import CamprintTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@Suite("report uploader")
struct ReportUploaderTests {
    static let fastRetry = RetryPolicy(
        maxAttempts: 4,
        initialDelay: .milliseconds(20),
        maxDelay: .milliseconds(100),
        jitter: 0.5,
        requestTimeout: .seconds(20)
    )

    static func spool(with count: Int, prefix: String) async throws -> (ReportSpool, [String]) {
        let spool = try await ReportSpool.open(
            path: ReportSpoolTests.temporaryPath(),
            maxBytes: 64 << 20,
            maxAge: .seconds(3600)
        )
        var ids: [String] = []
        let base = Date()
        for index in 0..<count {
            let id = "\(prefix)-\(index)"
            let json = try JSONEncoder().encode(TestReports.make(id: id, site: "lobby"))
            try await spool.append(reportId: id, json: json, now: base.addingTimeInterval(Double(index) / 1000))
            ids.append(id)
        }
        return (spool, ids)
    }

    static func endpoint(port: Int) -> CollectorEndpoint {
        CollectorEndpoint(url: URL(string: "http://127.0.0.1:\(port)")!, token: "cpt_test_token")
    }

    @Test func deliversGzipBatchesWithBearerAndDrainsTheSpool() async throws {
        let collector = try await InProcessCollector.start()
        let (spool, ids) = try await Self.spool(with: 250, prefix: "batch")
        let uploader = ReportUploader(
            endpoint: Self.endpoint(port: collector.port),
            spool: spool,
            retry: Self.fastRetry
        )
        let summary = await uploader.drain()
        #expect(summary.delivered == 250)
        #expect(summary.drained, "\(summary)")
        #expect(try await spool.count() == 0)
        let received = collector.received
        // Batches of 100, each keyed by its first report.
        #expect(received.map(\.idempotencyKey) == [ids[0], ids[100], ids[200]], "\(received)")
        for request in received {
            #expect(request.status == 200)
            #expect(request.authorization == "Bearer cpt_test_token")
            #expect(request.contentEncoding == "gzip")
            #expect(request.path == "/api/v1/reports")
        }
        #expect(try await collector.stored(ids) == Set(ids))
        #expect(try await collector.storedCount() == ids.count)
        await collector.stop()
        await spool.close()
    }

    @Test func deliversOverHTTPSWithTheConfiguredCA() async throws {
        let collector = try await InProcessCollector.start(tls: true)
        let (spool, ids) = try await Self.spool(with: 3, prefix: "tls")
        let trusted = CollectorEndpoint(
            url: URL(string: "https://127.0.0.1:\(collector.port)")!,
            token: "cpt_test_token",
            caFile: InProcessCollector.tlsCertificatePath
        )
        var once = Self.fastRetry
        once.maxAttempts = 1
        let untrusted = CollectorEndpoint(url: trusted.url, token: trusted.token)
        let refused = await ReportUploader(endpoint: untrusted, spool: spool, retry: once).drain()
        #expect(refused.remaining == 3, "a certificate outside the system roots must not be accepted")
        #expect(collector.received.isEmpty)
        let summary = await ReportUploader(endpoint: trusted, spool: spool, retry: Self.fastRetry).drain()
        #expect(summary.drained, "\(summary)")
        #expect(try await collector.stored(ids) == Set(ids))
        #expect(collector.received.first?.authorization == "Bearer cpt_test_token")
        await collector.stop()
        await spool.close()
    }

    @Test func retriesAfter503AndDeliversEachReportOnce() async throws {
        // Two 503s from the front (the real collector answers 5xx only when its database fails).
        let collector = try await InProcessCollector.start(script: [503, 503])
        let (spool, ids) = try await Self.spool(with: 30, prefix: "retry")
        let uploader = ReportUploader(
            endpoint: Self.endpoint(port: collector.port),
            spool: spool,
            retry: Self.fastRetry
        )
        let summary = await uploader.drain()
        #expect(summary.drained, "\(summary)")
        #expect(collector.received.map(\.status) == [503, 503, 200])
        #expect(collector.received.filter(\.reachedCollector).count == 1, "sent to the collector once")
        #expect(try await collector.stored(ids) == Set(ids))
        #expect(try await collector.storedCount() == ids.count)
        await collector.stop()
        await spool.close()
    }

    @Test func nothingIsLostWhileTheCollectorIsDown() async throws {
        // A free port with nothing listening: the collector is down.
        let port = try AgentTestFiles.closedPort()
        let (spool, ids) = try await Self.spool(with: 12, prefix: "down")
        var retry = Self.fastRetry
        retry.maxAttempts = 2
        let uploader = ReportUploader(endpoint: Self.endpoint(port: port), spool: spool, retry: retry)
        let failed = await uploader.drain()
        #expect(!failed.collectorReachable)
        #expect(failed.delivered == 0)
        #expect(failed.remaining == 12)
        #expect(try await spool.count() == 12)

        let collector = try await InProcessCollector.start(port: port)
        let summary = await uploader.drain()
        #expect(summary.drained, "\(summary)")
        #expect(try await collector.stored(ids) == Set(ids))
        await collector.stop()
        await spool.close()
    }

    /// Reports the collector cannot read (no target, no status): it refuses the batch with 400.
    @Test func a4xxBatchIsKeptAndNotRetriedHot() async throws {
        let collector = try await InProcessCollector.start()
        let spool = try await ReportSpool.open(
            path: ReportSpoolTests.temporaryPath(),
            maxBytes: 64 << 20,
            maxAge: .seconds(3600)
        )
        let ids = (0..<5).map { "refused-\($0)" }
        for id in ids {
            try await spool.append(
                reportId: id,
                json: Data("{\"schema\":\"camprint.report/v1\",\"reportId\":\"\(id)\"}".utf8)
            )
        }
        let lines = LogLines()
        let uploader = ReportUploader(
            endpoint: Self.endpoint(port: collector.port),
            spool: spool,
            retry: Self.fastRetry,
            logger: lines.logger()
        )
        let summary = await uploader.drain()
        let again = await uploader.drain()
        #expect(summary.refused == 5)
        #expect(summary.collectorReachable)
        #expect(summary.remaining == 5)
        #expect(again.remaining == 5)
        #expect(
            collector.received.map(\.status) == [400],
            "a refused batch must not be sent again by the same uploader"
        )
        #expect(try await collector.storedCount() == 0)
        #expect(try await spool.pending(limit: 10).map(\.reportId) == ids)
        #expect(lines.all.filter { $0.contains("refused") }.count == 1, "\(lines.all)")
        #expect(!lines.all.joined().contains("cpt_test_token"))
        await collector.stop()
        await spool.close()
    }
}

/// Log lines captured from the agent (the lines ``AgentLogHandler`` would write to stderr).
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    var text: String { all.joined(separator: "\n") }

    /// A logger whose lines land here.
    func logger(level: Logger.Level = .debug) -> Logger {
        Logger(label: "camprint.agent.test") { _ in AgentLogHandler(logLevel: level) { self.append($0) } }
    }
}
