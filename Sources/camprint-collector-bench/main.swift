// Collector benchmark (not a test): four concurrent senders over HTTP on 127.0.0.1, then list and
// summary latency with 100,000 devices. SQLite always; PostgreSQL when CAMPRINT_TEST_POSTGRES_URL is set.
//
//   swift run -c release camprint-collector-bench [devices=100000] [requests-per-sender=200]
import CamprintCollector
import CamprintReport
import CamprintStorage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let inventorySize = arguments.first ?? 100_000
let requestsPerSender = arguments.dropFirst().first ?? 200
let senders = 4
let batchSizes = [1, 50]

/// A realistic report: ~3 KB of JSON with eight evidence items.
func makeReport(_ index: Int, prefix: String) -> Report {
    let verdicts: [Verdict] = [.hikvision, .hikvisionOEM, .other, .other, .unknown, .clone]
    let verdict = verdicts[index % verdicts.count]
    let evidence = (0..<8).map { item in
        ReportEvidence(
            rule: "bench.rule.\(item)",
            field: ["rtsp.header.server", "sdp.s", "media.imkh.magic", "h264.sps.vui", "rtsp.options.public"][item % 5],
            value: String(repeating: "v\(item)", count: 40),
            weight: Double(item) / 10,
            implies: verdict == .other ? "other:Dahua" : "hikvision",
            description: "Benchmark evidence item \(item): a sentence of realistic length about what matched."
        )
    }
    return Report(
        reportId: "\(prefix)-\(index)",
        observedAt: EpochTime.rfc3339(milliseconds: CollectorService.systemClock() - Int64(index % 1000) * 1000),
        source: ReportSource(kind: "camprint agent", version: "0.1.0", agent: "bench"),
        target: ReportTarget(
            url: "rtsp://10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255):554/Streaming/Channels/101",
            host: "10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)",
            port: 554,
            path: "/Streaming/Channels/101"
        ),
        status: .ok,
        identity: ReportIdentity(
            verdict: verdict,
            vendor: verdict == .other ? "Dahua" : "Hikvision",
            model: "DS-2CD2143G2-I",
            firmware: "V5.7.\(index % 20) build 2201\(index % 30)",
            confidence: 0.9,
            evidence: evidence,
            contradictions: ["none"]
        ),
        device: ReportDevice(serialNumber: "SN\(index)"),
        streams: [
            ReportStream(kind: "video", codec: "H.264", profile: "Main", width: 1920, height: 1080, frameRate: 25)
        ],
        durationMs: 700
    )
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func openStorage(_ kind: String) async throws -> any Storage {
    if kind == "sqlite" {
        let path = FileManager.default.temporaryDirectory.path + "/camprint-bench-\(UUID().uuidString)/c.db"
        return try await StorageFactory.open(.sqlite(path: path))
    }
    let base = ProcessInfo.processInfo.environment["CAMPRINT_TEST_POSTGRES_URL"] ?? ""
    let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    return try await StorageFactory.open(
        try DatabaseURL(parsing: base + (base.contains("?") ? "&" : "?") + "schema=" + schema)
    )
}

/// Runs `body` against a collector listening on 127.0.0.1 (ephemeral port).
func withServer(_ service: CollectorService, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = service.makeApplication(host: "127.0.0.1", port: 0, logger: logger) { port in
        portContinuation.yield(port)
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else { return }
        try await body(port)
        group.cancelAll()
    }
}

func client(_ port: Int) -> TestClient {
    let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)))
    client.connect()
    return client
}

var backends = ["sqlite"]
if ProcessInfo.processInfo.environment["CAMPRINT_TEST_POSTGRES_URL"] != nil { backends.append("postgres") }
print(
    "camprint-collector-bench: \(senders) senders, \(requestsPerSender) requests each; inventory \(inventorySize) devices"
)
let sample = try JSONEncoder().encode(makeReport(1, prefix: "size"))
print("report size: \(sample.count) bytes of JSON")

for backend in backends {
    for batchSize in batchSizes {
        let storage = try await openStorage(backend)
        let secret = TokenSecret.generate()
        _ = try await storage.createToken(site: "bench", label: nil, secretHash: TokenSecret.hash(secret), createdAt: 0)
        let service = CollectorService(storage: storage)
        try await withServer(service) { port in
            let start = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for sender in 0..<senders {
                    group.addTask {
                        let http = client(port)
                        var latencies: [Double] = []
                        for request in 0..<requestsPerSender {
                            let reports = (0..<batchSize).map {
                                makeReport(
                                    (sender * requestsPerSender + request) * batchSize + $0,
                                    prefix: "b\(batchSize)"
                                )
                            }
                            let body = ByteBuffer(bytes: try JSONEncoder().encode(reports))
                            let began = ContinuousClock.now
                            let response = try await http.post(
                                "/api/v1/reports",
                                headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                                body: body
                            )
                            latencies.append(milliseconds(ContinuousClock.now - began))
                            precondition(response.status == .ok, "ingest answered \(response.status)")
                        }
                        try await http.shutdown()
                        return latencies
                    }
                }
                var all: [Double] = []
                for try await part in group { all += part }
                return all
            }
            let seconds = milliseconds(ContinuousClock.now - start) / 1000
            let reports = senders * requestsPerSender * batchSize
            print(
                String(
                    format:
                        "%@ ingest, %d reports/request: %.0f reports/s, %.0f requests/s, latency p50 %.1f ms, p99 %.1f ms",
                    backend,
                    batchSize,
                    Double(reports) / seconds,
                    Double(latencies.count) / seconds,
                    percentile(latencies, 0.5),
                    percentile(latencies, 0.99)
                )
            )
        }
        await storage.close()
    }

    // Reading with a large inventory: seed straight through storage, then time the HTTP endpoints.
    let storage = try await openStorage(backend)
    let seedStart = ContinuousClock.now
    var seeded = 0
    while seeded < inventorySize {
        let count = min(1000, inventorySize - seeded)
        let reports = (seeded..<(seeded + count)).map { makeReport($0, prefix: "seed") }
        _ = try await storage.ingest(
            reports,
            site: "site-\(seeded / 10_000)",
            tokenId: nil,
            receivedAt: CollectorService.systemClock()
        )
        seeded += count
    }
    print(
        String(
            format: "%@ seeded %d devices in %.1f s",
            backend,
            inventorySize,
            milliseconds(ContinuousClock.now - seedStart) / 1000
        )
    )
    try await withServer(CollectorService(storage: storage)) { port in
        let http = client(port)
        for (name, uri) in [
            ("device list (first 100)", "/api/v1/devices?limit=100"),
            ("device list (site+verdict, 100)", "/api/v1/devices?site=site-3&verdict=hikvision&limit=100"),
            ("device list (cursor deep page)", "/api/v1/devices?limit=100&cursor=\(inventorySize - 500)"),
            ("summary", "/api/v1/summary"),
            ("compliance page (1 site)", "/?site=site-3"),
        ] {
            var latencies: [Double] = []
            for _ in 0..<30 {
                let began = ContinuousClock.now
                let response = try await http.get(uri)
                latencies.append(milliseconds(ContinuousClock.now - began))
                precondition(response.status == .ok, "\(uri) answered \(response.status)")
            }
            print(
                String(
                    format: "%@ %@: p50 %.1f ms, p99 %.1f ms",
                    backend,
                    name,
                    percentile(latencies, 0.5),
                    percentile(latencies, 0.99)
                )
            )
        }
        try await http.shutdown()
    }
    await storage.close()
}
