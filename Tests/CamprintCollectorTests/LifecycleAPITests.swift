import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 19 step 2 through HTTP: operator tokens change state, ingest tokens cannot; the page, API,
/// CSV and metrics show the states; a reappearance is loud.
enum LifecycleAPIContract {
    static func operatorTokensAndStates(_ client: any TestClientProtocol, _ harness: Harness) async throws {
        let operatorToken = TokenSecret.generate()
        _ = try await harness.storage.createToken(
            site: "*",
            label: "alice",
            secretHash: TokenSecret.hash(operatorToken),
            createdAt: Harness.now,
            role: .operator
        )
        let reports = [
            TestReports.make(id: "a1", observedAt: "2026-11-26T10:00:00Z", host: "10.9.0.1", serial: "A1"),
            TestReports.make(id: "b1", observedAt: "2026-11-26T10:00:00Z", host: "10.9.0.2", serial: "B1"),
        ]
        #expect(try await IntegrityContract.post(client, harness, reports).status == .ok)
        let devices = try await harness.storage.devices(DeviceQuery(limit: 10)).devices
        let a = try #require(devices.first { $0.serialNumber == "A1" })
        let b = try #require(devices.first { $0.serialNumber == "B1" })

        func set(_ id: Int64, _ body: String, token: String?) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let token { headers[.authorization] = "Bearer " + token }
            return try await client.execute(
                uri: "/api/v1/devices/\(id)/lifecycle",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: body)
            )
        }
        let schedule = #"{"state": "scheduled", "date": "2026-12-15T00:00:00Z", "note": "work order 7"}"#
        #expect(try await set(a.id, schedule, token: nil).status == .unauthorized)
        let byAgent = try await set(a.id, schedule, token: harness.token)
        #expect(byAgent.status == .forbidden, "an ingest token cannot change state")
        #expect(try Harness.decode(ErrorBody.self, byAgent).error.contains("ingest token cannot change"))
        #expect(try await harness.storage.device(id: a.id)?.device.lifecycle == .found)
        // An operator token cannot upload.
        let upload = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(token: operatorToken),
            body: try Harness.jsonArray([TestReports.make(id: "op")])
        )
        #expect(upload.status == .forbidden)

        let scheduled = try await set(a.id, schedule, token: operatorToken)
        #expect(scheduled.status == .ok)
        let json = try Harness.decode(DeviceJSON.self, scheduled)
        #expect(json.lifecycle == .scheduled)
        #expect(json.removalDate == "2026-12-15T00:00:00Z")
        #expect(try await set(a.id, #"{"state": "verified-gone"}"#, token: operatorToken).status == .conflict)
        #expect(try await set(b.id, #"{"state": "scheduled"}"#, token: operatorToken).status == .badRequest, "no date")
        #expect(try await set(424_242, #"{"state": "confirmed"}"#, token: operatorToken).status == .notFound)
        #expect(try await set(a.id, #"{"state": "gone"}"#, token: operatorToken).status == .badRequest)

        // B is removed, then answers again: reappeared, on the page, in the API and in the metrics.
        let removed = try await set(
            b.id,
            #"{"state": "removed", "date": "2026-11-26T11:00:00Z", "goneAfterRounds": 2, "note": "taken down"}"#,
            token: operatorToken
        )
        #expect(try Harness.decode(DeviceJSON.self, removed).lifecycle == .removed)
        let back = TestReports.make(id: "b2", observedAt: "2026-11-26T12:00:00Z", host: "10.9.0.2", serial: "B1")
        #expect(try await IntegrityContract.post(client, harness, [back]).status == .ok)

        let detail = try Harness.decode(
            DeviceDetailJSON.self,
            try await client.execute(uri: "/api/v1/devices/\(b.id)", method: .get)
        )
        #expect(detail.device.lifecycle == .reappeared)
        #expect(detail.lifecycleHistory?.map(\.actor) == ["operator:alice", "collector"])
        let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
        #expect(page.contains("Reappeared after removal (1)"))
        #expect(page.contains("Hikvision-made, still reporting (1)"), "the reappeared one is listed once, above")
        // The chart: both covered devices remain (A scheduled, B back after its removal).
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains("data-remaining=\"2\" data-max=\"2\""))
        #expect(!page.contains("<script"))
        #expect(page.contains("data-state=\"scheduled\">scheduled 2026-12-15</span>"))
        let filtered = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?state=reappeared", method: .get)
        )
        #expect(filtered.devices.map(\.id) == [b.id])
        let devicePage = String(buffer: try await client.execute(uri: "/devices/\(a.id)", method: .get).body)
        #expect(devicePage.contains("work order 7"))
        #expect(devicePage.contains("operator:alice"))
        let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        #expect(metrics.contains("camprint_collector_reappeared_devices{site=\"north\"} 1"))
        #expect(metrics.contains("camprint_collector_devices_lifecycle{site=\"north\",state=\"scheduled\"} 1"))
        #expect(
            metrics.contains(
                "camprint_collector_covered_devices{site=\"north\",policy=\"ca-hikvision\",state=\"reappeared\"} 1"
            )
        )
        // The operator token reads too when read tokens are required (checked in ReadSideTests' setting).
        #expect(try await client.execute(uri: "/api/v1/devices?state=nonsense", method: .get).status == .badRequest)
    }

    static func run(backend: Harness.Backend, mode: Harness.Mode) async throws {
        var options = Harness.Options()
        options.policies = try PolicyCatalogTests.shipped()
        let harness = try await Harness.make(backend, options: options)
        try await harness.run(mode) { client in try await operatorTokensAndStates(client, harness) }
    }
}

@Suite("Lifecycle API on SQLite")
struct SQLiteLifecycleAPITests {
    @Test(arguments: Harness.Mode.allCases)
    func lifecycle(_ mode: Harness.Mode) async throws {
        try await LifecycleAPIContract.run(backend: .sqlite, mode: mode)
    }

    /// With read tokens required, an operator token reads as well.
    @Test func operatorTokenReads() async throws {
        var options = Harness.Options()
        options.readAccess = try ReadAccess(tokens: [ReadSideTests.readToken])
        let harness = try await Harness.make(.sqlite, options: options)
        let operatorToken = TokenSecret.generate()
        _ = try await harness.storage.createToken(
            site: "*",
            label: nil,
            secretHash: TokenSecret.hash(operatorToken),
            createdAt: Harness.now,
            role: .operator
        )
        try await harness.run(.router) { client in
            let read = try await client.execute(
                uri: "/api/v1/summary",
                method: .get,
                headers: [.authorization: "Bearer " + operatorToken]
            )
            #expect(read.status == .ok)
        }
    }
}

@Suite("Lifecycle API on PostgreSQL", .enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
struct PostgresLifecycleAPITests {
    @Test(arguments: Harness.Mode.allCases)
    func lifecycle(_ mode: Harness.Mode) async throws {
        try await LifecycleAPIContract.run(backend: .postgres, mode: mode)
    }
}
