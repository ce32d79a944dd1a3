import CamprintAgent
import CamprintReport
import CamprintTestSupport
import Dispatch
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The Prometheus exposition of ``AgentMetrics`` and the `/metrics` endpoint.
@Suite("agent metrics")
struct AgentMetricsTests {
    /// `name{labels}` → value, from a Prometheus text exposition (comments skipped).
    static func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            result[String(line[..<space])] = value
        }
        return result
    }

    @Test func expositionCountsRecordedEvents() async throws {
        let metrics = AgentMetrics()
        var first = TestReports.make(id: "a", status: .ok, verdict: .hikvision)
        first.durationMs = 120
        metrics.recordProbe(target: "rtsp://10.0.0.5/a", report: first, duration: .milliseconds(120))
        let second = TestReports.make(id: "b", status: .authRequired, verdict: .unknown)
        metrics.recordProbe(target: "rtsp://10.0.0.6/b", report: second, duration: .seconds(3))
        metrics.recordProbe(target: "rtsp://10.0.0.7/c", report: nil, duration: nil)
        metrics.recordUpload(.failed, reports: 2)
        metrics.recordUpload(.delivered, reports: 2)
        metrics.recordUpload(.refused, reports: 1)
        metrics.recordSpool(reports: 3, bytes: 4567, dropped: 8)

        var values = Self.samples(await metrics.exposition())
        #expect(values["camprint_agent_probes_total{status=\"ok\"}"] == 1)
        #expect(values["camprint_agent_probes_total{status=\"auth_required\"}"] == 1)
        #expect(values["camprint_agent_probes_total{status=\"not_probed\"}"] == 1)
        #expect(values["camprint_agent_probes_total{status=\"unreachable\"}"] == 0)
        #expect(values["camprint_agent_devices{verdict=\"hikvision\"}"] == 1)
        #expect(values["camprint_agent_devices{verdict=\"unknown\"}"] == 1)
        #expect(values["camprint_agent_devices{verdict=\"clone\"}"] == 0)
        #expect(values["camprint_agent_probe_duration_seconds_count"] == 2)
        #expect(values["camprint_agent_probe_duration_seconds_bucket{le=\"0.1\"}"] == 0)
        #expect(values["camprint_agent_probe_duration_seconds_bucket{le=\"0.25\"}"] == 1)
        #expect(values["camprint_agent_probe_duration_seconds_bucket{le=\"5.0\"}"] == 2)
        #expect(abs((values["camprint_agent_probe_duration_seconds_sum"] ?? 0) - 3.12) < 0.001)
        #expect(values["camprint_agent_upload_batches_total{outcome=\"delivered\"}"] == 1)
        #expect(values["camprint_agent_upload_batches_total{outcome=\"failed\"}"] == 1)
        #expect(values["camprint_agent_upload_batches_total{outcome=\"refused\"}"] == 1)
        #expect(values["camprint_agent_uploaded_reports_total"] == 2)
        #expect(values["camprint_agent_refused_reports_total"] == 1)
        #expect(values["camprint_agent_spool_reports"] == 3)
        #expect(values["camprint_agent_spool_bytes"] == 4567)
        #expect(values["camprint_agent_spool_dropped_reports"] == 8)
        let build = CamprintBuild.current
        #expect(
            values[
                "camprint_build_info{version=\"\(build.version)\",commit=\"\(build.commit)\",build_date=\"\(build.date)\",signatures=\"\(build.signatures)\"}"
            ] == 1
        )

        // The same target again with another verdict moves it between the gauges (last verdict counts).
        let swapped = TestReports.make(id: "c", status: .ok, verdict: .clone)
        metrics.recordProbe(target: "rtsp://10.0.0.5/a", report: swapped, duration: .milliseconds(80))
        values = Self.samples(await metrics.exposition())
        #expect(values["camprint_agent_devices{verdict=\"hikvision\"}"] == 0)
        #expect(values["camprint_agent_devices{verdict=\"clone\"}"] == 1)
        #expect(values["camprint_agent_probes_total{status=\"ok\"}"] == 2)
        metrics.retainTargets(["rtsp://10.0.0.5/a"])
        values = Self.samples(await metrics.exposition())
        #expect(values["camprint_agent_devices{verdict=\"unknown\"}"] == 0)
        #expect(values["camprint_agent_devices{verdict=\"clone\"}"] == 1)
        // No target address in any label or value.
        #expect(!(await metrics.exposition()).contains("10.0.0."))
    }

    @Test func spoolGaugesAreReadAtScrapeTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-metrics-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spool = try await ReportSpool.open(
            path: directory.appendingPathComponent("spool.sqlite").path,
            maxBytes: 1500,
            maxAge: .seconds(3600)
        )
        let metrics = AgentMetrics()
        for index in 0..<3 {
            try await spool.append(reportId: "r\(index)", json: Data(repeating: 0x41, count: 600))
        }
        let values = Self.samples(await metrics.exposition(spool: spool))
        let count = try await spool.count()
        let bytes = try await spool.totalBytes()
        let dropped = try await spool.dropped()
        await spool.close()
        #expect(count == 2 && dropped == 1, "the 1500-byte bound evicts one 600-byte report")
        #expect(values["camprint_agent_spool_reports"] == Double(count))
        #expect(values["camprint_agent_spool_bytes"] == Double(bytes))
        #expect(values["camprint_agent_spool_dropped_reports"] == Double(dropped))
    }

    @Test(arguments: [
        ("127.0.0.1:9465", "127.0.0.1", 9465), ("[::1]:0", "::1", 0), ("localhost:80", "localhost", 80),
    ])
    func listenAddressesParse(listen: String, host: String, port: Int) {
        let parsed = AgentMetricsServer.parseListen(listen)
        #expect(parsed?.host == host && parsed?.port == port, "\(listen)")
    }

    @Test(arguments: ["9465", "127.0.0.1", "127.0.0.1:99999", "::1:9465", "[::1]9465", ":9465"])
    func badListenAddressesAreRefused(listen: String) {
        #expect(AgentMetricsServer.parseListen(listen) == nil, "\(listen)")
    }

    @Test func endpointServesMetricsAndNothingElse() async throws {
        let metrics = AgentMetrics()
        metrics.recordUpload(.delivered, reports: 5)
        let server = try await AgentMetricsServer.start(listen: "127.0.0.1:0") { await metrics.exposition() }
        let ok = try await Self.get(port: server.port, path: "/metrics")
        let missing = try await Self.get(port: server.port, path: "/")
        let post = try await Self.get(port: server.port, path: "/metrics", method: "POST")
        // The port is taken: a second server on it fails with an error naming the key.
        var bindError: String?
        do {
            let second = try await AgentMetricsServer.start(listen: "127.0.0.1:\(server.port)") { "" }
            await second.stop()
        } catch {
            bindError = error.description
        }
        await server.stop()
        #expect(ok.hasPrefix("HTTP/1.1 200"), "\(ok)")
        #expect(ok.lowercased().contains("content-type: text/plain; version=0.0.4"), "\(ok)")
        #expect(ok.contains("\ncamprint_agent_uploaded_reports_total 5\n"), "\(ok)")
        #expect(missing.hasPrefix("HTTP/1.1 404"), "\(missing)")
        #expect(post.hasPrefix("HTTP/1.1 405"), "\(post)")
        #expect(bindError?.contains("metrics_listen 127.0.0.1:\(server.port)") == true, "\(bindError ?? "no error")")
    }

    @Test func connectionsBeyondTheCapAreClosedAtOnce() async throws {
        let server = try await AgentMetricsServer.start(listen: "127.0.0.1:0") { "camprint_test 1\n" }
        let port = server.port
        // The cap's worth of connections that never send a byte (closed by the server only after
        // its 10 s idle timeout).
        var idle = try await OffPool.run {
            try (0..<AgentMetricsServer.maxConnections).map { _ in try LoopbackSocket(port: port) }
        }
        let rejected = await OffPool.run { () -> Result<String, any Error> in
            Result { try Self.blockingGet(port: port, path: "/metrics", method: "GET") }
        }
        // One over the cap: closed without an answer, not left waiting (a receive timeout would
        // throw errno 11, EAGAIN).
        switch rejected {
        case .success(let text): #expect(text.isEmpty, "answered over the cap: \(text)")
        case .failure(let error): #expect(!"\(error)".contains("errno 11"), "\(error)")
        }
        // A slot freed is served again.
        idle.removeLast()
        var answer = ""
        for _ in 0..<50 where !answer.hasPrefix("HTTP/1.1 200") {
            answer = (try? await Self.get(port: port, path: "/metrics")) ?? ""
            if !answer.hasPrefix("HTTP/1.1 200") { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.hasSuffix("camprint_test 1\n"))
        idle.removeAll()
        await server.stop()
    }

    /// One HTTP/1.1 request over a plain socket on 127.0.0.1, read to EOF (the server closes).
    static func get(port: Int, path: String, method: String = "GET") async throws -> String {
        try await OffPool.run { try blockingGet(port: port, path: path, method: method) }
    }

    static func blockingGet(port: Int, path: String, method: String) throws -> String {
        try LoopbackSocket.exchange(
            port: port,
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
        )
    }
}
