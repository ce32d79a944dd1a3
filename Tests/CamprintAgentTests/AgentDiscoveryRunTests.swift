import CamprintAgent
import CamprintCollector
import CamprintReport
import CamprintSignatures
import CamprintStorage
import CamprintTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `camprint agent --once` with a `discovery:` section (AgentRunner.runOnce) against emulated cameras
/// on their own loopback addresses (127.0.95.x, a block no other test uses), reporting to a collector
/// in this process (CollectorService on 127.0.0.1, SQLite): every device found arrives with
/// `found: discovered`, the configured one with `found: configured`, each once.
@Suite(
    "agent --once with discovery",
    .enabled(if: BuiltProducts.url(named: "camprint-testcam") != nil, "camprint-testcam not built (swift build)")
)
struct AgentDiscoveryRunTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let token = "cpt_discovery_run_test_token"

    static func freePort() async throws -> Int {
        let probe = try await AgentMetricsServer.start(listen: "127.0.0.1:0") { "" }
        let port = probe.port
        await probe.stop()
        return port
    }

    @Test func foundDevicesArriveAsDiscovered() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-agent-discovery-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try PrivateFile.secret(Self.token, at: work.appendingPathComponent("token"))

        // Three cameras without passwords on 127.0.95.1–3, the same RTSP port on each address.
        let rtspPort = try await Self.freePort()
        let media = Self.samples.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        let fleet = """
            hosts: 127.0.95.1
            base_port: \(rtspPort)
            personas: \(Self.samples.appendingPathComponent("personas").path)
            cameras:
              - persona: hikvision-ipc
                media: \(media)
                http: false
              - persona: dahua-ipc
                media: \(media)
                http: false
              - persona: axis
                media: \(media)
                http: false

            """
        try Data(fleet.utf8).write(to: work.appendingPathComponent("fleet.yaml"))
        let cameras = try await TestcamProcess.start(
            ["--fleet", work.appendingPathComponent("fleet.yaml").path],
            cameras: 3
        )
        defer { cameras.stop() }
        let configured = try #require(cameras.cameras.first { $0.address.hasPrefix("127.0.95.3:") })

        let storage = try await StorageFactory.open(.sqlite(path: work.path + "/collector/c.db"))
        _ = try await storage.createToken(
            site: "discovery-test",
            label: "agent",
            secretHash: TokenSecret.hash(Self.token),
            createdAt: 0
        )
        let service = CollectorService(storage: storage, limits: IngestLimits.default)
        let app = Application(
            router: service.makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        )
        let database = try SignatureDatabase.load(includeOperatorDirectory: false)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // .1–.6: three cameras, three silent addresses; a sweep of TCP only (the emulator's RTSP port).
            let yaml = """
                site: discovery-test
                collector: {url: "http://127.0.0.1:\(port)", token_file: \(work.path)/token}
                spool: {path: \(work.path)/spool.sqlite}
                media: false
                http: false
                timeout: 8s
                targets:
                  - url: \(configured.url)
                discovery:
                  targets: [127.0.95.0/29]
                  channels: [tcp]
                  ports: ["\(rtspPort)/rtsp"]
                  rate: 50

                """
            let config = try AgentConfig.parse(yaml: yaml, environment: [:])
            let runner = AgentRunner(
                config: config,
                database: database,
                agentName: "test-agent",
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
            )
            let spool = try await ReportSpool.open(
                path: config.spool.path,
                maxBytes: config.spool.maxBytes,
                maxAge: config.spool.maxAge
            )
            let uploader = ReportUploader(endpoint: try runner.endpoint(), spool: spool)
            let result = await runner.runOnce(spool: spool, uploader: uploader)
            await spool.close()
            #expect(result.upload.drained, "\(result.upload)")
            #expect(result.targets.count == 3, "\(result.targets.map(\.summaryLine))")

            let devices = try await storage.devices(DeviceQuery(limit: 100)).devices
            let byHost = Dictionary(grouping: devices, by: \.host)
            #expect(Set(byHost.keys) == ["127.0.95.1", "127.0.95.2", "127.0.95.3"], "\(devices.map(\.host))")
            for host in ["127.0.95.1", "127.0.95.2"] {
                let device = try #require(byHost[host]?.first)
                #expect(byHost[host]?.count == 1)
                #expect(device.foundBy == "discovered", "\(host)")
                #expect(device.discoveryChannels == ["tcp"], "\(host)")
                #expect(device.firstDiscovered != nil, "\(host)")
            }
            let named = try #require(byHost["127.0.95.3"]?.first)
            #expect(byHost["127.0.95.3"]?.count == 1, "probed once although configured and found")
            #expect(named.foundBy == "configured")
            #expect(named.discoveryChannels == ["tcp"])
            #expect(byHost["127.0.95.1"]?.first?.verdict == .hikvision)
            // The reports as stored carry the discovery section.
            let bodies = try await storage.reportBodies(ids: devices.map(\.lastReportId))
            for device in devices {
                let body = try #require(bodies[device.lastReportId])
                let report = try JSONDecoder().decode(Report.self, from: Data(body.utf8))
                #expect(report.discovery?.found == device.foundBy)
                #expect(report.discovery?.openPorts == [rtspPort])
            }
        }
        await storage.close()
    }
}
