import CamprintAgent
import CamprintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `camprint agent` with `metrics_listen`, scraped over real HTTP while it runs against a
/// `camprint-testcam` camera (with credentials), an unreachable target and an in-test collector.
@Suite(
    "camprint agent metrics endpoint",
    .enabled(
        if: BuiltProducts.url(named: "camprint") != nil && BuiltProducts.url(named: "camprint-testcam") != nil,
        "camprint and camprint-testcam not built (swift build)"
    )
)
struct AgentMetricsProcessTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let password = "metrics-test-pw-7f3a"
    static let token = "cpt_metrics_test_token"

    /// A loopback port nothing listens on right now (bound, then released).
    static func freePort() async throws -> Int {
        let probe = try await AgentMetricsServer.start(listen: "127.0.0.1:0") { "" }
        let port = probe.port
        await probe.stop()
        return port
    }

    @Test func scrapeMatchesWhatTheAgentDid() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-agent-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try PrivateFile.secret(Self.password, at: work.appendingPathComponent("password.txt"))
        try PrivateFile.agentCredential(password: Self.password, at: work.appendingPathComponent("cam"))
        try PrivateFile.secret(Self.token, at: work.appendingPathComponent("token"))

        // One Hikvision camera that asks for credentials.
        let media = Self.samples.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        let fleet = """
            host: 127.0.0.1
            base_port: 0
            personas: \(Self.samples.appendingPathComponent("personas").path)
            cameras:
              - persona: hikvision-ipc
                media: \(media)
                user: admin
                password_file: \(work.appendingPathComponent("password.txt").path)

            """
        try Data(fleet.utf8).write(to: work.appendingPathComponent("fleet.yaml"))
        let camera = try await TestcamProcess.start(["--fleet", work.appendingPathComponent("fleet.yaml").path])
        defer { camera.stop() }
        let cameraURL = camera.cameras[0].url

        let collector = try await InProcessCollector.start(token: Self.token)
        defer { Task { await collector.stop() } }
        let metricsPort = try await Self.freePort()
        let deadPort = try await Self.freePort()
        let config = """
            site: metrics-test
            collector: {url: "http://127.0.0.1:\(collector.port)", token_file: \(work.path)/token}
            credentials_dir: \(work.path)
            spool: {path: \(work.path)/spool.sqlite}
            metrics_listen: 127.0.0.1:\(metricsPort)
            interval: 1h
            jitter: 0s
            media: false
            http: false
            timeout: 5s
            targets:
              - url: \(cameraURL)
                credentials: cam
              - url: rtsp://127.0.0.1:\(deadPort)/Streaming/Channels/101
                credentials: cam

            """
        try Data(config.utf8).write(to: work.appendingPathComponent("agent.yaml"))

        let agent = Process()
        guard let binary = BuiltProducts.url(named: "camprint") else { return }
        agent.executableURL = binary
        agent.arguments = ["agent", "--config", work.appendingPathComponent("agent.yaml").path, "--no-operator-rules"]
        let logURL = work.appendingPathComponent("agent.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: logURL)
        agent.standardOutput = logHandle
        agent.standardError = logHandle
        try SubprocessLaunch.run(agent)
        var exited = false
        defer { if !exited { agent.interrupt() } }

        // Scrape until both probes are counted and both reports were delivered (or 60 s pass).
        var text = ""
        var values: [String: Double] = [:]
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let response = try? await AgentMetricsTests.get(port: metricsPort, path: "/metrics"),
                response.hasPrefix("HTTP/1.1 200")
            {
                text = response
                values = AgentMetricsTests.samples(response)
                let probes = values.filter { $0.key.hasPrefix("camprint_agent_probes_total{") }.values.reduce(0, +)
                if probes >= 2, values["camprint_agent_uploaded_reports_total"] == 2 { break }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        #expect(values["camprint_agent_probes_total{status=\"ok\"}"] == 1, "\(text)\n\(log)")
        #expect(values["camprint_agent_probes_total{status=\"unreachable\"}"] == 1, "\(text)")
        #expect(values.filter { $0.key.hasPrefix("camprint_agent_probes_total{") }.values.reduce(0, +) == 2)
        #expect(values["camprint_agent_devices{verdict=\"hikvision\"}"] == 1, "\(text)")
        #expect(values["camprint_agent_devices{verdict=\"unknown\"}"] == 1, "\(text)")
        #expect(values["camprint_agent_probe_duration_seconds_count"] == 2)
        let stored = try await collector.storedCount()
        #expect(values["camprint_agent_uploaded_reports_total"] == Double(stored))
        #expect(stored == 2, "\(log)")
        #expect((values["camprint_agent_upload_batches_total{outcome=\"delivered\"}"] ?? 0) >= 1)
        #expect(values["camprint_agent_upload_batches_total{outcome=\"failed\"}"] == 0)
        #expect(values["camprint_agent_spool_reports"] == 0)
        #expect(values["camprint_agent_spool_bytes"] == 0)
        #expect(values["camprint_agent_spool_dropped_reports"] == 0)
        // Neither the camera password, the token nor a target address shows in the metrics.
        #expect(!text.contains(Self.password))
        #expect(!text.contains(Self.token))
        #expect(!text.contains("127.0.0.1"))
        #expect(!text.contains("Streaming"))
        #expect(!log.contains(Self.password))
        // media: false — the agent has probed and reported, yet never loaded FFmpeg's libraries
        // (they are opened on first media use; mapping them costs ~24 MB of resident memory).
        // (procfs files have size 0: read to the end of file, not by size.)
        let maps = String(
            decoding: FileHandle(forReadingAtPath: "/proc/\(agent.processIdentifier)/maps")?.readDataToEndOfFile()
                ?? Data(),
            as: UTF8.self
        )
        #expect(maps.contains("libc.so"), "could not read the agent's memory map")
        #expect(!maps.contains("libavformat") && !maps.contains("libavcodec"), "FFmpeg mapped without media")

        // SIGTERM: the agent stops its endpoint and exits 0.
        agent.terminate()
        let stopBy = Date().addingTimeInterval(30)
        while agent.isRunning, Date() < stopBy { try await Task.sleep(for: .milliseconds(100)) }
        exited = !agent.isRunning
        #expect(exited, "the agent did not exit within 30 s of SIGTERM")
        if exited {
            #expect(agent.terminationStatus == 0)
            let after = try? await AgentMetricsTests.get(port: metricsPort, path: "/metrics")
            #expect(after == nil, "the endpoint still answers after exit")
        } else {
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
            exited = true
        }
        try? logHandle.close()
    }

    @Test func portInUseIsAConfigurationError() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-agent-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try PrivateFile.secret(Self.token, at: work.appendingPathComponent("token"))
        let busy = try await AgentMetricsServer.start(listen: "127.0.0.1:0") { "" }
        let config = """
            site: s
            collector: {url: "http://127.0.0.1:9", token_file: \(work.path)/token}
            spool: {path: \(work.path)/spool.sqlite}
            metrics_listen: 127.0.0.1:\(busy.port)
            targets:
              - url: rtsp://127.0.0.1:9/
            """
        try Data(config.utf8).write(to: work.appendingPathComponent("agent.yaml"))
        let run = try await AgentCommandTests.run([
            "agent", "--config", work.appendingPathComponent("agent.yaml").path, "--once", "--no-operator-rules",
        ])
        await busy.stop()
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("metrics_listen 127.0.0.1:\(busy.port)"), "\(run.output)")
        #expect(!run.output.contains(Self.token))

        // A malformed address is refused by --check-config already.
        let malformed = config.replacingOccurrences(of: "127.0.0.1:\(busy.port)", with: "9465")
        try Data(malformed.utf8).write(to: work.appendingPathComponent("bad.yaml"))
        let check = try await AgentCommandTests.run([
            "agent", "--check-config", work.appendingPathComponent("bad.yaml").path,
        ])
        #expect(check.status == 2, "\(check.output)")
        // Named with its key and line, like every other configuration error.
        let line =
            try #require(
                malformed.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.contains("metrics_listen") }
            ) + 1
        #expect(check.output.contains("line \(line): metrics_listen: 9465: expected host:port"), "\(check.output)")
    }
}
