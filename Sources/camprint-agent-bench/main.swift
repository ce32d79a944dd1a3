// Agent store-and-forward benchmark (not a test): how fast the durable spool takes reports
// (SQLite WAL, synchronous=FULL: one fsync'd commit per report) and how fast the uploader drains
// it to a real collector (SQLite storage, HTTP on 127.0.0.1, gzip batches of 100).
//
//   swift run -c release camprint-agent-bench [reports=2000]
import CamprintAgent
import CamprintCollector
import CamprintReport
import CamprintStorage
import Foundation
import Hummingbird
import Logging

let reportCount = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 2_000
let folder = FileManager.default.temporaryDirectory.path + "/camprint-agent-bench-\(UUID().uuidString)"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }

/// A report shaped like the agent's control-plane reports of a Hikvision camera (five evidence items).
func agentReport(_ number: Int) -> Report {
    let host = "127.0.\(number >> 8 & 255).\(number & 255)"
    let evidence = [
        ("rtsp.header.server", "Hikvision-Webs"), ("rtsp.realm", "IP Camera(C2875)"),
        ("sdp.a.media-header", "IMKH"), ("rtsp.date.double-space", "Date:  "),
        ("rtsp.options.public", "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER"),
    ].enumerated().map { index, pair in
        ReportEvidence(
            rule: "hikvision.bench.\(index)",
            field: pair.0,
            value: pair.1,
            weight: 0.5,
            implies: "hikvision",
            description: "Benchmark evidence: \(pair.0) matches what Hikvision firmware sends."
        )
    }
    return Report(
        reportId: UUID().uuidString.lowercased(),
        observedAt: EpochTime.rfc3339(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)),
        source: ReportSource(kind: "camprint agent", version: CamprintVersion.current, site: "bench", agent: "bench"),
        target: ReportTarget(url: "rtsp://\(host):554/Streaming/Channels/101", host: host, port: 554),
        status: .ok,
        identity: ReportIdentity(
            verdict: .hikvision,
            vendor: "Hikvision",
            confidence: 0.95,
            evidence: evidence
        ),
        durationMs: 12
    )
}

let encoder = JSONEncoder()
let bodies = try (0..<reportCount).map { number in
    let report = agentReport(number)
    return (report.reportId, try encoder.encode(report))
}
let averageBytes = bodies.map(\.1.count).reduce(0, +) / max(bodies.count, 1)
print("camprint-agent-bench: \(reportCount) reports of ~\(averageBytes) bytes of JSON")

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let spool = try await ReportSpool.open(path: folder + "/spool.db", maxBytes: 1 << 30, maxAge: .seconds(86_400))
let writeTime = try await ContinuousClock().measure {
    for (id, json) in bodies { try await spool.append(reportId: id, json: json) }
}
print(
    String(
        format: "spool write: %.2f s, %.0f reports/s (each append is one durable commit)",
        seconds(writeTime),
        Double(reportCount) / seconds(writeTime)
    )
)

let storage = try await StorageFactory.open(.sqlite(path: folder + "/collector.db"))
let secret = TokenSecret.generate()
_ = try await storage.createToken(site: "bench", label: nil, secretHash: TokenSecret.hash(secret), createdAt: 0)
let service = CollectorService(storage: storage)
var logger = Logger(label: "camprint.agent-bench")
logger.logLevel = .critical
let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
let application = service.makeApplication(host: "127.0.0.1", port: 0, logger: logger) { port in
    portContinuation.yield(port)
}
await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await application.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { return }
    let endpoint = CollectorEndpoint(url: URL(string: "http://127.0.0.1:\(port)")!, token: secret)
    let uploader = ReportUploader(endpoint: endpoint, spool: spool)
    let start = ContinuousClock.now
    let summary = await uploader.drain()
    let uploadTime = ContinuousClock.now - start
    print(
        String(
            format:
                "upload: %.2f s, %.0f reports/s to a collector on SQLite (batches of %d, gzip); delivered %d, left %d",
            seconds(uploadTime),
            Double(summary.delivered) / seconds(uploadTime),
            ReportUploader.maxBatchSize,
            summary.delivered,
            summary.remaining
        )
    )
    group.cancelAll()
}
await spool.close()
