import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 19 step 4: the evidence pack's content and hashes, on both storages.
enum EvidencePackContract {
    static func packHoldsCoveredDevicesAndVerifiableReports(_ client: any TestClientProtocol, _ harness: Harness)
        async throws
    {
        var hostile = TestReports.make(
            id: "e2",
            observedAt: "2026-11-26T11:00:00Z",
            host: "10.6.0.1",
            serial: "E1",
            firmware: "V5.7.3 <script>"
        )
        hostile.identity.evidence[0].value = "<b>Hikvision-Webs</b>"
        let reports = [
            TestReports.make(
                id: "e1",
                observedAt: "2026-11-26T10:00:00Z",
                host: "10.6.0.1",
                serial: "E1",
                firmware: "V5.5.0"
            ),
            hostile,
            TestReports.make(id: "e3", host: "10.6.0.2", verdict: .other, vendor: "Dahua"),
            TestReports.make(id: "e4", host: "10.6.0.3", verdict: .other, vendor: "Axis"),
        ]
        #expect(try await IntegrityContract.post(client, harness, reports).status == .ok)
        let hik = try #require(
            try await harness.storage.devices(DeviceQuery(limit: 10)).devices.first { $0.serialNumber == "E1" }
        )
        _ = try await harness.storage.changeLifecycle(
            deviceId: hik.id,
            LifecycleChange(to: .scheduled, actor: "operator:alice", note: "ticket 12", date: Harness.now + 86_400_000),
            at: Harness.now
        )
        let policies = try PolicyCatalogTests.shipped()
        let pack = try await EvidencePack.build(
            storage: harness.storage,
            policies: policies,
            site: "north",
            now: Harness.now
        )
        #expect(pack.contents.devices.map(\.device.host) == ["10.6.0.1", "10.6.0.2"], "Axis is not covered")
        let entry = try #require(pack.contents.devices.first)
        #expect(entry.reports.map(\.reportId) == ["e1", "e2"], "the identity changes and the latest report")
        #expect(entry.lifecycleHistory.first?.note == "ticket 12")
        #expect(entry.evidence.count == 2)
        let stored = try await harness.storage.reportBodies(ids: ["e1", "e2"])
        for report in entry.reports {
            #expect(report.sha256 == EvidencePack.sha256(try #require(stored[report.reportId])))
        }
        #expect(pack.contents.policyFiles.contains { $0.file == "us-ndaa-889.yaml" && $0.sha256.count == 64 })

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-pack-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try pack.write(to: directory)
        #expect(files.contains("index.html") && files.contains("devices.csv") && files.contains("SHA256SUMS"))
        // Every line of SHA256SUMS matches its file, and each report file is the stored body byte for byte.
        let sums = try String(contentsOf: directory.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        let lines = sums.split(separator: "\n")
        #expect(lines.count == files.count - 1)
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            let name = parts[1].trimmingCharacters(in: .whitespaces)
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect(EvidencePack.sha256(String(decoding: data, as: UTF8.self)) == String(parts[0]), "\(name)")
        }
        for report in entry.reports {
            let body = try String(contentsOf: directory.appendingPathComponent(report.file), encoding: .utf8)
            #expect(body == stored[report.reportId])
        }
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("covered by ca-hikvision: verdict hikvision"))
        #expect(html.contains("covered by us-ndaa-889: vendor Dahua"))
        #expect(html.contains("ticket 12"))
        #expect(!html.contains("<script>") && !html.contains("<b>Hikvision-Webs"))
        let csv = try String(contentsOf: directory.appendingPathComponent("devices.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 3)
        let json = try JSONDecoder().decode(
            EvidencePack.Contents.self,
            from: try Data(contentsOf: directory.appendingPathComponent("devices.json"))
        )
        #expect(json == pack.contents)

        let other = try await EvidencePack.build(
            storage: harness.storage,
            policies: policies,
            site: "south",
            now: Harness.now
        )
        #expect(other.contents.devices.isEmpty)
        let page = try await client.execute(uri: "/export?site=north", method: .get)
        #expect(page.status == .ok)
        #expect(String(buffer: page.body).contains("camprint evidence pack: site north"))
    }

    static func run(backend: Harness.Backend) async throws {
        var options = Harness.Options()
        options.policies = try PolicyCatalogTests.shipped()
        let harness = try await Harness.make(backend, options: options)
        try await harness.run(.router) { client in
            try await packHoldsCoveredDevicesAndVerifiableReports(client, harness)
        }
    }
}

@Suite struct EvidencePackTests {
    @Test func onSQLite() async throws {
        try await EvidencePackContract.run(backend: .sqlite)
    }

    @Test(.enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
    func onPostgreSQL() async throws {
        try await EvidencePackContract.run(backend: .postgres)
    }
}
