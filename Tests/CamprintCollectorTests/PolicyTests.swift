import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 19 step 1: policies as data, the lineage table, coverage from the stored identity.
@Suite struct PolicyCatalogTests {
    static func shipped() throws -> PolicyCatalog {
        try PolicyCatalog.load(includeOperatorDirectory: false)
    }

    @Test func shippedPoliciesPassTheirOwnExamples() throws {
        let catalog = try Self.shipped()
        #expect(catalog.policies.map(\.id) == ["ca-hikvision", "us-ndaa-889"])
        #expect(catalog.selfTest() == [])
        for policy in catalog.policies {
            #expect(!policy.sources.isEmpty)
            #expect(policy.sources.allSatisfy { $0.url.hasPrefix("https://") })
            #expect(policy.examples.count >= 4)
        }
        #expect(catalog.lineage.brands.allSatisfy { $0.source.url.hasPrefix("https://") && !$0.source.says.isEmpty })
    }

    @Test func oemBrandThroughLineageDahuaAndUnknown() throws {
        let catalog = try Self.shipped()
        let ca = try #require(catalog.policy("ca-hikvision"))
        let us = try #require(catalog.policy("us-ndaa-889"))
        // An OEM brand the policy does not name, found through the lineage table (no Hikvision verdict).
        let lts = catalog.coverage(under: ca, verdict: .other, vendor: "LTS", brand: nil)
        #expect(lts.status == .covered)
        #expect(lts.summary.hasPrefix("covered by ca-hikvision: vendor LTS: OEM customer"))
        let ezviz = catalog.coverage(under: us, verdict: .other, vendor: nil, brand: "ezviz ")
        #expect(ezviz.status == .covered)
        // Dahua: covered by §889, not by the Canadian order.
        #expect(catalog.coverage(under: us, verdict: .other, vendor: "Dahua", brand: nil).status == .covered)
        let dahuaCA = catalog.coverage(under: ca, verdict: .other, vendor: "Dahua", brand: nil)
        #expect(dahuaCA.status == .notCovered)
        #expect(dahuaCA.reason.contains("made by dahua"))
        // Unknown verdict: undetermined whatever the vendor says.
        let unknown = catalog.coverage(under: us, verdict: .unknown, vendor: "Dahua", brand: nil)
        #expect(unknown.status == .undetermined)
        #expect(unknown.summary.hasPrefix("undetermined under us-ndaa-889"))
        // The verdict alone decides for Hikvision-made devices sold under any name.
        let oem = catalog.coverage(under: ca, verdict: .hikvisionOEM, vendor: "Hikvision", brand: "Acme")
        #expect(oem.status == .covered)
        #expect(oem.reason.contains("sold as Acme"))
        #expect(catalog.coverage(under: ca, verdict: .other, vendor: "Axis", brand: nil).status == .notCovered)
    }

    @Test func operatorFilesExtendAndAreChecked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-policies-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        brands:
          - brand: Example OEM
            maker: dahua
            relation: OEM customer
            source: {title: "Vendor statement", url: "https://example.com/oem", says: "Made by Dahua."}
        """.write(to: directory.appendingPathComponent("local-lineage.yaml"), atomically: true, encoding: .utf8)
        let extended = try PolicyCatalog.load(extraDirectories: [directory], includeOperatorDirectory: false)
        let us = try #require(extended.policy("us-ndaa-889"))
        #expect(extended.coverage(under: us, verdict: .other, vendor: "example oem", brand: nil).status == .covered)
        #expect(extended.selfTest() == [])

        try """
        brands:
          - brand: Unsourced
            maker: nobody
            relation: guess
            source: {title: "", url: "", says: ""}
        """.write(to: directory.appendingPathComponent("local-lineage.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: PolicyLoadError.self) {
            try PolicyCatalog.load(extraDirectories: [directory], includeOperatorDirectory: false)
        }

        // A policy whose example is wrong fails the self-test that `serve` runs at start.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("local-lineage.yaml"))
        try """
        id: wrong
        title: Wrong example
        sources: [{title: "x", url: "https://example.com", says: "x"}]
        scope: test
        covers: [{maker: dahua, equipment: anything}]
        examples:
          - {name: "Axis is not Dahua", identity: {verdict: other, vendor: Axis}, expect: covered}
        """.write(to: directory.appendingPathComponent("wrong.yaml"), atomically: true, encoding: .utf8)
        let wrong = try PolicyCatalog.load(extraDirectories: [directory], includeOperatorDirectory: false)
        #expect(wrong.selfTest().count == 1)
        #expect(wrong.selfTest().first?.contains("Axis is not Dahua") == true)
    }
}

/// Coverage through the API, page and CSV, and the policy filter evaluated by the database equal to the
/// coverage computed in the collector, on both storages.
enum PolicyContract {
    static func coverageAndFilter(_ client: any TestClientProtocol, _ harness: Harness) async throws {
        let reports = [
            TestReports.make(id: "p1", host: "10.7.0.1", verdict: .hikvision),
            TestReports.make(id: "p2", host: "10.7.0.2", verdict: .hikvisionOEM, vendor: "Hikvision"),
            TestReports.make(id: "p3", host: "10.7.0.3", verdict: .other, vendor: "Dahua"),
            TestReports.make(id: "p4", host: "10.7.0.4", verdict: .other, vendor: "LTS"),
            TestReports.make(id: "p5", host: "10.7.0.5", verdict: .other, vendor: "Axis"),
            TestReports.make(id: "p6", host: "10.7.0.6", verdict: .unknown, vendor: "Dahua"),
            TestReports.make(id: "p7", host: "10.7.0.7", verdict: .other, vendor: " lorex "),
            TestReports.make(id: "p8", host: "10.7.0.8", model: "DS-2CD2132F-I", firmware: "V5.3.0 build 151016"),
        ]
        #expect(try await IntegrityContract.post(client, harness, reports).status == .ok)
        let all = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?limit=100", method: .get)
        ).devices
        #expect(all.count == 8)
        let old = try #require(all.first { $0.host == "10.7.0.8" })
        #expect(old.advisories?.map(\.advisory) == ["CVE-2017-7921"])
        #expect(all.filter { $0.host != "10.7.0.8" }.allSatisfy { $0.advisories == [] })
        let oldPage = String(buffer: try await client.execute(uri: "/devices/\(old.id)", method: .get).body)
        #expect(oldPage.contains("firmware in the range of CVE-2017-7921 (DS-2CD2xx2F-I"))
        #expect(oldPage.contains("never verified by testing the device"))
        for policy in ["ca-hikvision", "us-ndaa-889"] {
            let filtered = try Harness.decode(
                DeviceListJSON.self,
                try await client.execute(uri: "/api/v1/devices?policy=\(policy)&limit=100", method: .get)
            )
            let computed = all.filter { device in
                device.coverage?.first { $0.policy == policy }?.status == .covered
            }
            #expect(Set(filtered.devices.map(\.host)) == Set(computed.map(\.host)), "\(policy)")
            #expect(filtered.total == computed.count)
        }
        let byHost = Dictionary(uniqueKeysWithValues: all.map { ($0.host, $0) })
        func status(_ host: String, _ policy: String) -> CoverageStatus? {
            byHost[host]?.coverage?.first { $0.policy == policy }?.status
        }
        #expect(status("10.7.0.1", "ca-hikvision") == .covered)
        #expect(status("10.7.0.3", "ca-hikvision") == .notCovered)
        #expect(status("10.7.0.3", "us-ndaa-889") == .covered)
        #expect(status("10.7.0.4", "ca-hikvision") == .covered)
        #expect(status("10.7.0.5", "us-ndaa-889") == .notCovered)
        #expect(status("10.7.0.6", "us-ndaa-889") == .undetermined)
        #expect(status("10.7.0.7", "us-ndaa-889") == .covered)

        let bad = try await client.execute(uri: "/api/v1/devices?policy=eu-nothing", method: .get)
        #expect(bad.status == .badRequest)
        let page = String(buffer: try await client.execute(uri: "/?policy=us-ndaa-889", method: .get).body)
        #expect(page.contains("<option value=\"us-ndaa-889\" selected>"))
        #expect(page.contains("data-policy=\"us-ndaa-889\" data-coverage=\"covered\""))
        #expect(!page.contains("10.7.0.5"), "Axis is filtered out")
        let csv = String(buffer: try await client.execute(uri: "/api/v1/devices?format=csv", method: .get).body)
        #expect(csv.contains("covered by us-ndaa-889: vendor Dahua is Zhejiang Dahua Technology"))
        let catalog = String(buffer: try await client.execute(uri: "/api/v1/policies", method: .get).body)
        #expect(catalog.contains("\"id\":\"ca-hikvision\""))
        #expect(catalog.contains("\"brand\":\"Lorex\""))
    }

    static func run(backend: Harness.Backend, mode: Harness.Mode) async throws {
        var options = Harness.Options()
        options.policies = try PolicyCatalogTests.shipped()
        let harness = try await Harness.make(backend, options: options)
        try await harness.run(mode) { client in try await coverageAndFilter(client, harness) }
    }
}

@Suite("Policies on SQLite")
struct SQLitePolicyTests {
    @Test(arguments: Harness.Mode.allCases)
    func coverage(_ mode: Harness.Mode) async throws {
        try await PolicyContract.run(backend: .sqlite, mode: mode)
    }
}

@Suite("Policies on PostgreSQL", .enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
struct PostgresPolicyTests {
    @Test(arguments: Harness.Mode.allCases)
    func coverage(_ mode: Harness.Mode) async throws {
        try await PolicyContract.run(backend: .postgres, mode: mode)
    }
}

/// Issue 19 step 3: the advisory table and its ranges (inclusive, series by pattern).
@Suite struct AdvisoryTests {
    @Test func shippedTableLoadsWithItsCitations() throws {
        let table = try PolicyCatalogTests.shipped().advisories
        #expect(table.advisories.map(\.id) == ["CVE-2017-7921", "CVE-2021-36260", "CVE-2021-33044", "CVE-2021-33045"])
        #expect(table.problems() == [])
        #expect(
            table.advisories.allSatisfy {
                !$0.sources.isEmpty && $0.sources.allSatisfy { $0.url.hasPrefix("https://") }
            }
        )
        #expect(table.advisories.first?.ranges.count == 7)
    }

    @Test func rangesAreInclusiveAndSeriesSpecific() throws {
        let table = try PolicyCatalogTests.shipped().advisories
        func ids(_ model: String, _ firmware: String) -> [String] {
            table.matches(model: model, firmware: firmware).map(\.advisory)
        }
        // DS-2CD2xx2F-I: V5.2.0 build 140721 to V5.4.0 build 160530.
        #expect(ids("DS-2CD2132F-I", "V5.2.0 build 140721") == ["CVE-2017-7921"])
        #expect(ids("DS-2CD2432F-IW", "V5.3.0 build 151016") == ["CVE-2017-7921"])
        #expect(ids("DS-2CD2132F-I", "V5.4.0 build 160530") == ["CVE-2017-7921"])
        #expect(ids("DS-2CD2132F-I", "V5.4.0 build 160531") == [])
        #expect(ids("DS-2CD2132F-I", "V5.1.6 build 140412") == [])
        // DS-2CD2xx0F-I ends earlier (160401).
        #expect(ids("DS-2CD2120F-I", "V5.4.0 build 160401") == ["CVE-2017-7921"])
        #expect(ids("DS-2CD2120F-I", "V5.4.0 build 160414") == [])
        // Another series, a clone's model, no firmware.
        #expect(ids("DS-2CD2143G2-I", "V5.3.0 build 151016") == [])
        #expect(ids("IPC-HDW2431T", "V5.3.0 build 151016") == [])
        #expect(ids("DS-2CD2132F-I", "") == [])
        let match = try #require(table.matches(model: "DS-2CD2132F-I", firmware: "V5.3.0build 151016").first)
        #expect(
            match.summary
                == "firmware in the range of CVE-2017-7921 (DS-2CD2xx2F-I, V5.2.0 build 140721 to V5.4.0 build 160530)"
        )
    }

    @Test func versionsCompareByNumbersThenBuild() {
        #expect(FirmwareVersion("V5.4.0 build 160530")! < FirmwareVersion("V5.4.1 build 100101")!)
        #expect(FirmwareVersion("V5.10.0")! > FirmwareVersion("V5.9.9 build 999999")!)
        #expect(FirmwareVersion("5.4.0build 160530") == FirmwareVersion("V5.4.0 build 160530"))
        #expect(FirmwareVersion("firmware") == nil)
    }
}
