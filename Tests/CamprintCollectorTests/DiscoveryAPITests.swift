import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// How a device was found (`discovery`), the recorder a camera is seen through (`behind`) and the
/// configured targets that no longer answer, as the page, the JSON API and the CSV export show them.
enum DiscoveryAPIContract {
    static func reports() -> [Report] {
        var found = TestReports.make(id: "f1", host: "10.7.0.21", serial: "F1")
        found.discovery = ReportDiscovery(
            channels: ["sadp", "tcp"],
            openPorts: [80, 554, 8000],
            answers: [ReportDiscoveryAnswer(channel: "sadp", manufacturer: "Hikvision", model: "DS-2CD2143G2-I")],
            firstSeen: "2026-11-26T15:00:00Z",
            neighbourMAC: "44:19:b6:00:00:21"
        )
        var behind = TestReports.make(id: "b1", host: "10.7.0.2", port: 554, serial: "B1")
        behind.discovery = ReportDiscovery(
            channels: ["sadp"],
            openPorts: [554],
            answers: [],
            firstSeen: "2026-11-26T15:00:01Z"
        )
        behind.behind = ReportBehind(recorder: "10.7.0.2", channel: 3, address: "192.168.254.4")
        let named = TestReports.make(id: "n1", observedAt: "2026-11-26T09:00:00Z", host: "10.7.0.30", serial: "N1")
        let silent = (1...3).map { round in
            TestReports.make(
                id: "n-silent-\(round)",
                observedAt: "2026-11-26T1\(round):00:00Z",
                host: "10.7.0.30",
                status: .unreachable
            )
        }
        return [found, behind, named] + silent
    }

    static func foundByAndBehindAreShown(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        #expect(try await IntegrityContract.post(client, harness, reports()).status == .ok)

        let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
        #expect(html.contains("<th>Found by</th>"))
        #expect(html.contains("data-found=\"discovered\" title=\"via sadp, tcp\">discovered</span>"))
        #expect(html.contains("data-recorder=\"10.7.0.2\">behind 10.7.0.2 channel 3</span>"))
        #expect(html.contains("Configured targets no longer answering (1)"))
        #expect(html.contains("<select name=\"found\">"))

        let discovered = String(buffer: try await client.execute(uri: "/?found=discovered", method: .get).body)
        #expect(!discovered.contains("10.7.0.30"))
        #expect(discovered.contains("10.7.0.21"))
        #expect(try await client.execute(uri: "/?found=maybe", method: .get).status == .badRequest)

        let list = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?limit=100", method: .get)
        )
        let found = try #require(list.devices.first { $0.host == "10.7.0.21" })
        #expect(found.foundBy == "discovered")
        #expect(found.discoveryChannels == ["sadp", "tcp"])
        #expect(found.firstDiscovered == "2026-11-26T15:00:00Z")
        #expect(found.notAnswering == false)
        let camera = try #require(list.devices.first { $0.serialNumber == "B1" })
        #expect(camera.behind == BehindJSON(recorder: "10.7.0.2", channel: 3))
        let named = try #require(list.devices.first { $0.host == "10.7.0.30" })
        #expect(named.foundBy == "configured")
        #expect(named.failedRounds == 3)
        #expect(named.notAnswering)

        let silent = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?answering=false", method: .get)
        )
        #expect(silent.devices.map(\.host) == ["10.7.0.30"])

        let csv = String(buffer: try await client.execute(uri: "/api/v1/devices?format=csv", method: .get).body)
        let lines = csv.split(separator: "\r\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        for column in ["found_by", "discovery_channels", "first_discovered", "behind_recorder", "behind_channel"] {
            #expect(header.contains(column))
        }
        func cells(_ host: String) throws -> [String: String] {
            let line = try #require(lines.first { $0.contains(",\(host),") })
            // No cell of these rows is quoted (no commas in their values).
            return Dictionary(
                uniqueKeysWithValues: zip(
                    header,
                    line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                )
            )
        }
        #expect(try cells("10.7.0.21")["found_by"] == "discovered")
        #expect(try cells("10.7.0.21")["discovery_channels"] == "sadp tcp")
        #expect(try cells("10.7.0.30")["not_answering"] == "true")
        #expect(try cells("10.7.0.2")["behind_recorder"] == "10.7.0.2")
        #expect(try cells("10.7.0.2")["behind_channel"] == "3")

        let page = String(buffer: try await client.execute(uri: "/devices/\(found.id)", method: .get).body)
        #expect(page.contains("<tr><th>Discovery channels</th><td>sadp, tcp</td></tr>"))
        #expect(page.contains("<tr><th>Open ports</th><td>80, 554, 8000</td></tr>"))
        #expect(page.contains("<tr><th>Neighbour MAC</th><td>44:19:b6:00:00:21</td></tr>"))
    }

    static let all: [(String, CollectorAPIContract.Check)] = [
        ("foundByAndBehindAreShown", foundByAndBehindAreShown)
    ]

    static func run(_ name: String, backend: Harness.Backend) async throws {
        let check = try #require(all.first { $0.0 == name }?.1)
        let harness = try await Harness.make(backend)
        try await harness.run(.router) { client in try await check(harness, client) }
    }
}

@Suite("Collector discovery fields on SQLite")
struct SQLiteDiscoveryAPITests {
    @Test(arguments: DiscoveryAPIContract.all.map(\.0))
    func discovery(_ name: String) async throws {
        try await DiscoveryAPIContract.run(name, backend: .sqlite)
    }
}

@Suite("Collector discovery fields on PostgreSQL", .enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
struct PostgresDiscoveryAPITests {
    @Test(arguments: DiscoveryAPIContract.all.map(\.0))
    func discovery(_ name: String) async throws {
        try await DiscoveryAPIContract.run(name, backend: .postgres)
    }
}
