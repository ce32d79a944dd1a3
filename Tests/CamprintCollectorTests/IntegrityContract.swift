import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 16, collector side: forged times, borrowed serials, oversized batches, floods, storage
/// failures, and the read side. Run on every storage × testing mode.
enum IntegrityContract {
    typealias Check = @Sendable (any TestClientProtocol, Harness) async throws -> Void

    static func post(_ client: any TestClientProtocol, _ harness: Harness, _ reports: [Report]) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: try Harness.jsonArray(reports)
        )
    }

    /// Harness.now is 2026-11-26T16:00:00Z.
    static func futureTimestampsAreRefusedPerItem(_ client: any TestClientProtocol, _ harness: Harness) async throws {
        let forged = TestReports.make(
            id: "forged",
            observedAt: "2099-01-01T00:00:00Z",
            host: "10.0.0.5",
            serial: "DS-1",
            verdict: .other,
            vendor: "Axis"
        )
        let sixMinutesAhead = TestReports.make(id: "ahead", observedAt: "2026-11-26T16:06:00Z", serial: "DS-2")
        let withinSkew = TestReports.make(id: "skew", observedAt: "2026-11-26T16:04:00Z", serial: "DS-3")
        let response = try await post(client, harness, [forged, sixMinutesAhead, withinSkew])
        #expect(response.status == .ok)
        let outcome = try Harness.decode(IngestResponseJSON.self, response)
        #expect(outcome.accepted == 1)
        #expect(outcome.refused?.map(\.index) == [0, 1])
        #expect(outcome.refused?.map(\.reportId) == ["forged", "ahead"])
        #expect(outcome.refused?.first?.reason.contains("more than 5 minutes after the collector's clock") == true)
        #expect(try await harness.storage.reportCount() == 1)

        // The genuine report is the device's identity: nothing from 2099 pins it.
        let genuine = TestReports.make(id: "genuine", observedAt: "2026-11-26T15:00:00Z", serial: "DS-1")
        #expect(try Harness.decode(IngestResponseJSON.self, try await post(client, harness, [genuine])).accepted == 1)
        let devices = try await harness.storage.devices(DeviceQuery(limit: 10)).devices
        let device = try #require(devices.first { $0.stableId == "sn:DS-1" })
        #expect(device.verdict == .hikvision)
        #expect(device.lastReportId == "genuine")
        let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        #expect(metrics.contains("camprint_collector_reports_total{outcome=\"refused_future\"} 2"))
    }

    static func borrowedSerialShowsAsConflict(_ client: any TestClientProtocol, _ harness: Harness) async throws {
        let genuine = TestReports.make(id: "g1", observedAt: "2026-11-26T15:00:00Z", host: "10.0.0.1", serial: "SN9")
        let claimant = TestReports.make(
            id: "c1",
            observedAt: "2026-11-26T15:01:00Z",
            host: "10.0.0.66",
            serial: "SN9",
            verdict: .other,
            vendor: "Axis",
            model: "P1375"
        )
        let again = TestReports.make(id: "g2", observedAt: "2026-11-26T15:02:00Z", host: "10.0.0.1", serial: "SN9")
        for batch in [[genuine], [claimant], [again]] {
            #expect(try await post(client, harness, batch).status == .ok)
        }
        let list = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?conflict=true", method: .get)
        )
        #expect(list.total == 2)
        let original = try #require(list.devices.first { $0.host == "10.0.0.1" })
        let other = try #require(list.devices.first { $0.host == "10.0.0.66" })
        #expect(original.verdict == .hikvision, "the borrowed serial does not flip the genuine row")
        #expect(original.conflictKey == "sn:SN9")
        #expect(other.conflictKey == "sn:SN9")
        #expect(other.verdict == .other)
        let detail = try Harness.decode(
            DeviceDetailJSON.self,
            try await client.execute(uri: "/api/v1/devices/\(original.id)", method: .get)
        )
        #expect(detail.conflicts?.map(\.id) == [other.id])
        #expect(detail.history.count == 1)
        let page = String(buffer: try await client.execute(uri: "/", method: .get).body)
        #expect(page.contains("Serial or MAC conflicts (2)"))
        #expect(page.contains("sn:SN9"))
        let devicePage = String(buffer: try await client.execute(uri: "/devices/\(original.id)", method: .get).body)
        #expect(devicePage.contains("also reported from"))
        #expect(devicePage.contains("10.0.0.66"))
        let csv = String(buffer: try await client.execute(uri: "/api/v1/devices?format=csv", method: .get).body)
        #expect(csv.contains(",sn:SN9,,found,,"))
    }

    static func oversizeBatchIsRefusedBeforeDecoding(_ client: any TestClientProtocol, _ harness: Harness)
        async throws
    {
        // 501 elements that are not reports: the count check answers 413 before any decoding would say 400.
        let body =
            "[" + Array(repeating: "{\"not\": \"a report\", \"x\": [1, \"],[\"]}", count: 501).joined(separator: ",")
            + "]"
        let response = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: ByteBuffer(string: body)
        )
        #expect(response.status == .contentTooLarge)
        #expect(try Harness.decode(ErrorBody.self, response).error.contains("at most 500 reports"))
        // 500 of them is within the count: decoding runs and says what is wrong.
        let fits = "[" + Array(repeating: "{\"not\": \"a report\"}", count: 500).joined(separator: ",") + "]"
        let decoded = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: ByteBuffer(string: fits)
        )
        #expect(decoded.status == .badRequest)
        try await harness.expectNothingStoredAndHealthy(client)
    }

    static func storageErrorsKeepSecurityHeaders(_ client: any TestClientProtocol, _ harness: Harness) async throws {
        await harness.storage.close()
        let response = try await client.execute(uri: "/api/v1/summary", method: .get)
        #expect(response.status == .internalServerError)
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(try Harness.decode(ErrorBody.self, response).error == "internal error; see the collector's log")
    }

    static let all: [(String, Check)] = [
        ("futureTimestampsAreRefusedPerItem", futureTimestampsAreRefusedPerItem),
        ("borrowedSerialShowsAsConflict", borrowedSerialShowsAsConflict),
        ("oversizeBatchIsRefusedBeforeDecoding", oversizeBatchIsRefusedBeforeDecoding),
        ("storageErrorsKeepSecurityHeaders", storageErrorsKeepSecurityHeaders),
    ]

    static func run(_ name: String, backend: Harness.Backend, mode: Harness.Mode) async throws {
        let check = try #require(all.first { $0.0 == name }?.1)
        let harness = try await Harness.make(backend)
        try await harness.run(mode) { client in try await check(client, harness) }
    }
}

@Suite("Collector integrity on SQLite")
struct SQLiteIntegrityTests {
    @Test(arguments: IntegrityContract.all.map(\.0), Harness.Mode.allCases)
    func integrity(_ name: String, _ mode: Harness.Mode) async throws {
        try await IntegrityContract.run(name, backend: .sqlite, mode: mode)
    }
}

@Suite("Collector integrity on PostgreSQL", .enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
struct PostgresIntegrityTests {
    @Test(arguments: IntegrityContract.all.map(\.0), Harness.Mode.allCases)
    func integrity(_ name: String, _ mode: Harness.Mode) async throws {
        try await IntegrityContract.run(name, backend: .postgres, mode: mode)
    }
}

/// Rate limit, read tokens and the Host allowlist: service options, SQLite (they do not touch storage
/// beyond what the other suites cover), in process and live.
@Suite("Collector read side and limits")
struct ReadSideTests {
    static let readToken = "read-token-0123456789abcdef"

    @Test(arguments: Harness.Mode.allCases)
    func perTokenRateLimit(_ mode: Harness.Mode) async throws {
        var options = Harness.Options()
        options.rateLimit = RateLimit(requestsPerSecond: 1, burst: 2)
        let harness = try await Harness.make(.sqlite, options: options)
        try await harness.run(mode) { client in
            // The test clock stands still: two requests fit the burst, the third waits for a refill.
            for index in 0..<2 {
                let response = try await IntegrityContract.post(
                    client,
                    harness,
                    [TestReports.make(id: "rl\(index)", host: "10.0.0.\(index)")]
                )
                #expect(response.status == .ok)
            }
            let limited = try await IntegrityContract.post(client, harness, [TestReports.make(id: "rl2")])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "1")
            #expect(try await harness.storage.reportCount() == 2)
        }
    }

    @Test(arguments: Harness.Mode.allCases)
    func readTokenRequired(_ mode: Harness.Mode) async throws {
        var options = Harness.Options()
        options.readAccess = try ReadAccess(tokens: [Self.readToken])
        let harness = try await Harness.make(.sqlite, options: options)
        try await harness.run(mode) { client in
            #expect(try await IntegrityContract.post(client, harness, [TestReports.make(id: "x")]).status == .ok)
            for uri in [
                "/api/v1/devices", "/api/v1/devices?format=csv", "/api/v1/summary", "/api/v1/sites", "/metrics",
            ] {
                let anonymous = try await client.execute(uri: uri, method: .get)
                #expect(anonymous.status == .unauthorized, "\(uri)")
                #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let ingestToken = try await client.execute(
                    uri: uri,
                    method: .get,
                    headers: [.authorization: "Bearer " + harness.token]
                )
                #expect(ingestToken.status == .unauthorized, "an agent's token does not read: \(uri)")
                let reader = try await client.execute(
                    uri: uri,
                    method: .get,
                    headers: [.authorization: "Bearer " + Self.readToken]
                )
                #expect(reader.status == .ok, "\(uri)")
            }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)

            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .unauthorized)
            let form = String(buffer: page.body)
            #expect(form.contains("action=\"/login\""))
            #expect(!form.contains("10.0.0.5"))
            #expect(page.headers[.contentSecurityPolicy] != nil)

            let wrong = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=" + harness.token)
            )
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            let login = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=" + Self.readToken)
            )
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix("camprint_read=\(Self.readToken);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"), "plain HTTP without a TLS proxy")
            let behindTLS = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Forwarded-Proto")!: "https",
                ],
                body: ByteBuffer(string: "token=" + Self.readToken)
            )
            #expect(behindTLS.headers[.setCookie]?.hasSuffix("; Secure") == true)
            let signedIn = try await client.execute(
                uri: "/",
                method: .get,
                headers: [.cookie: "other=1; camprint_read=\(Self.readToken)"]
            )
            #expect(signedIn.status == .ok)
            #expect(String(buffer: signedIn.body).contains("10.0.0.5"))
        }
    }

    @Test(arguments: Harness.Mode.allCases)
    func hostAllowlist(_ mode: Harness.Mode) async throws {
        var options = Harness.Options()
        options.allowedHosts = ["camprint.example"]
        let harness = try await Harness.make(.sqlite, options: options)
        try await harness.run(mode) { client in
            // The test clients send Host: localhost.
            let refused = try await client.execute(uri: "/api/v1/summary", method: .get)
            #expect(refused.status == .misdirectedRequest)
            #expect(refused.headers[.contentSecurityPolicy] != nil)
            let upload = try await IntegrityContract.post(client, harness, [TestReports.make(id: "h")])
            #expect(upload.status == .misdirectedRequest)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            if let port = client.port {
                // A DNS-rebinding page: the browser sends its own name as Host.
                let rebound = try RawHTTP.get(port: port, path: "/api/v1/devices", host: "attacker.example:\(port)")
                #expect(rebound.hasPrefix("HTTP/1.1 421"), "\(rebound.prefix(80))")
                let allowed = try RawHTTP.get(port: port, path: "/api/v1/devices", host: "camprint.example:\(port)")
                #expect(allowed.hasPrefix("HTTP/1.1 200"), "\(allowed.prefix(80))")
                let trailingDot = try RawHTTP.get(port: port, path: "/api/v1/summary", host: "CAMPRINT.example.")
                #expect(trailingDot.hasPrefix("HTTP/1.1 200"), "\(trailingDot.prefix(80))")
            }
        }
    }
}

@Suite struct ServeConfigurationTests {
    @Test func nonLoopbackNeedsReadTokensOrPublicRead() throws {
        for listen in ["127.0.0.1:8080", "127.3.4.5:1", "[::1]:8080", "localhost:80"] {
            #expect(try CollectorConfiguration(listen: listen).readAccess().isOpen, "\(listen)")
        }
        for listen in ["0.0.0.0:8080", "10.0.0.1:80", "[::]:8080", "collector.example:80"] {
            #expect(throws: CollectorError.self, "\(listen)") {
                try CollectorConfiguration(listen: listen).readAccess()
            }
        }
        #expect(try CollectorConfiguration(listen: "0.0.0.0:8080", publicRead: true).readAccess().isOpen)
    }

    @Test func tokenFilesMustBePrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-secret-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/read-tokens"
        try SecretFile.create(path, text: "# readers\n\(ReadSideTests.readToken)\n\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: SecretFile.Failure.self, "never over an existing file") {
            try SecretFile.create(path, text: "x")
        }
        let access = try CollectorConfiguration(listen: "0.0.0.0:8080", readTokenFile: path).readAccess()
        #expect(!access.isOpen)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        do {
            _ = try CollectorConfiguration(listen: "0.0.0.0:8080", readTokenFile: path).readAccess()
            Issue.record("a 0644 token file was accepted")
        } catch {
            #expect("\(error)".contains("chmod 600"))
            #expect(!"\(error)".contains(ReadSideTests.readToken))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: CollectorError.self) {
            _ = try CollectorConfiguration(databasePasswordFile: path).databasePassword()
        }
    }
}
