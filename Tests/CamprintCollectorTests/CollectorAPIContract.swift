import CamprintCollector
import CamprintReport
import CamprintStorage
import CamprintTestSupport
import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// API behaviour checked on every storage × testing mode (in process and on a live 127.0.0.1 server).
enum CollectorAPIContract {
    typealias Check = @Sendable (Harness, any TestClientProtocol) async throws -> Void

    static func ingestIsIdempotent(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        let reports = [
            TestReports.make(id: "r1", host: "10.0.0.1", serial: "SN1"),
            TestReports.make(id: "r2", host: "10.0.0.2", verdict: .hikvisionOEM, vendor: "Hikvision"),
            TestReports.make(id: "r3", host: "10.0.0.3", verdict: .other, vendor: "Dahua", model: "IPC-HDW"),
        ]
        let body = try Harness.jsonArray(reports)
        let first = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: body
        )
        #expect(first.status == .ok)
        let outcome = try Harness.decode(IngestResponseJSON.self, first)
        #expect(outcome == IngestResponseJSON(accepted: 3, duplicate: 0, site: "north"))
        let second = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: body
        )
        #expect(
            try Harness.decode(IngestResponseJSON.self, second)
                == IngestResponseJSON(accepted: 0, duplicate: 3, site: "north")
        )
        #expect(try await harness.storage.reportCount() == 3)

        let summary = try Harness.decode(
            SummaryJSON.self,
            try await client.execute(uri: "/api/v1/summary", method: .get)
        )
        #expect(summary.total == 3)
        #expect(summary.sites.map(\.site) == ["north"])
        #expect(summary.verdicts["hikvision"] == 1)
        #expect(summary.verdicts["hikvision-oem"] == 1)
        #expect(summary.verdicts["other"] == 1)

        let list = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(uri: "/api/v1/devices?verdict=hikvision,hikvision-oem&limit=1", method: .get)
        )
        #expect(list.total == 2)
        #expect(list.devices.count == 1)
        let cursor = try #require(list.nextCursor)
        let rest = try Harness.decode(
            DeviceListJSON.self,
            try await client.execute(
                uri: "/api/v1/devices?verdict=hikvision,hikvision-oem&limit=1&cursor=\(cursor)",
                method: .get
            )
        )
        #expect(rest.devices.count == 1)
        #expect(rest.nextCursor == nil)
        #expect(rest.devices[0].id != list.devices[0].id)

        let hikvision = try #require(list.devices.first { $0.verdict == .hikvision } ?? rest.devices.first)
        let detail = try Harness.decode(
            DeviceDetailJSON.self,
            try await client.execute(uri: "/api/v1/devices/\(hikvision.id)", method: .get)
        )
        #expect(detail.evidence.count == 2)
        #expect(detail.history.count == 1)
        #expect(detail.device.lastSeen == "2026-11-26T15:04:05Z")
        #expect(detail.device.stale == false)
        #expect(try await client.execute(uri: "/api/v1/devices/999999", method: .get).status == .notFound)

        let csv = try await client.execute(uri: "/api/v1/devices?format=csv", method: .get)
        #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
        let lines = String(buffer: csv.body).split(separator: "\r\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("id,site,stable_id") == true)
        let viaAccept = try await client.execute(uri: "/api/v1/devices", method: .get, headers: [.accept: "text/csv"])
        #expect(String(buffer: viaAccept.body) == String(buffer: csv.body))

        let sites = String(buffer: try await client.execute(uri: "/api/v1/sites", method: .get).body)
        #expect(sites.contains("\"site\":\"north\""))
        let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        #expect(metrics.contains("camprint_collector_reports_total{outcome=\"accepted\"} 3"))
        #expect(metrics.contains("camprint_collector_reports_total{outcome=\"duplicate\"} 3"))
        #expect(metrics.contains("camprint_collector_devices{verdict=\"hikvision\"} 1"))
        #expect(metrics.contains("camprint_build_info{version=\"\(CamprintVersion.current)\",commit=\""))
    }

    static func jsonLinesAndGzip(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        let reports = (0..<20).map { TestReports.make(id: "n\($0)", host: "10.0.1.\($0)") }
        var body = try Harness.jsonLines(reports)
        let plain = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(contentType: "application/x-ndjson"),
            body: body
        )
        #expect(try Harness.decode(IngestResponseJSON.self, plain).accepted == 20)
        var more = try Harness.jsonArray((20..<40).map { TestReports.make(id: "n\($0)", host: "10.0.1.\($0)") })
        let compressed = try more.compress(with: .gzip())
        let gz = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(contentType: "application/json; charset=utf-8", gzip: true),
            body: compressed
        )
        #expect(gz.status == .ok)
        #expect(try Harness.decode(IngestResponseJSON.self, gz).accepted == 20)
        let again = try body.compress(with: .gzip())
        let dup = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(contentType: "application/x-ndjson", gzip: true),
            body: again
        )
        #expect(
            try Harness.decode(IngestResponseJSON.self, dup)
                == IngestResponseJSON(accepted: 0, duplicate: 20, site: "north")
        )
        #expect(try await harness.storage.reportCount() == 40)
    }

    static func tokensAreChecked(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        let body = try Harness.jsonArray([TestReports.make(id: "t1")])
        let missing = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: [.contentType: "application/json"],
            body: body
        )
        #expect(missing.status == .unauthorized)
        #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        let basic = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: [.contentType: "application/json", .authorization: "Basic dXNlcjpwYXNz"],
            body: body
        )
        #expect(basic.status == .unauthorized)
        let unknown = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(token: TokenSecret.generate()),
            body: body
        )
        #expect(unknown.status == .forbidden)
        #expect(try Harness.decode(ErrorBody.self, unknown).error == "unknown token")
        let revoked = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(token: harness.revokedToken),
            body: body
        )
        #expect(revoked.status == .forbidden)
        #expect(try Harness.decode(ErrorBody.self, revoked).error == "token revoked")
        try await harness.expectNothingStoredAndHealthy(client)
    }

    static func siteComesFromToken(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        let body = try Harness.jsonArray([TestReports.make(id: "s1", site: "south")])
        let response = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(),
            body: body
        )
        #expect(try Harness.decode(IngestResponseJSON.self, response).site == "north")
        let devices = try await harness.storage.devices(DeviceQuery())
        #expect(devices.devices.map(\.site) == ["north"])
    }

    /// One bad item anywhere refuses the whole batch with the item's index and field.
    static func precise400s(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        func post(_ text: String, contentType: String = "application/json") async throws -> (
            HTTPResponse.Status, ErrorBody
        ) {
            let response = try await client.execute(
                uri: "/api/v1/reports",
                method: .post,
                headers: harness.headers(contentType: contentType),
                body: ByteBuffer(string: text)
            )
            guard let error = try? Harness.decode(ErrorBody.self, response) else {
                Issue.record(
                    "not an error body for \(text.prefix(80)): \(response.status) \(String(buffer: response.body))"
                )
                return (response.status, ErrorBody(status: 0, error: "", problems: nil))
            }
            return (response.status, error)
        }
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        let good = String(decoding: try sorted.encode(TestReports.make(id: "g")), as: UTF8.self)
        var wrongSchema = TestReports.make(id: "w")
        wrongSchema.schema = "camprint.report/v9"
        let wrong = String(decoding: try JSONEncoder().encode(wrongSchema), as: UTF8.self)

        let (malformedStatus, malformed) = try await post("[\(good), {\"schema\": ")
        #expect(malformedStatus == .badRequest)
        #expect(malformed.problems?.first?.field == "body")

        let (schemaStatus, schema) = try await post("[\(good), \(wrong)]")
        #expect(schemaStatus == .badRequest)
        #expect(schema.problems?.first?.index == 1)
        #expect(schema.problems?.first?.field == "schema")

        let badVerdict = good.replacingOccurrences(of: "\"verdict\":\"hikvision\"", with: "\"verdict\":\"huawei\"")
        #expect(badVerdict != good)
        let (verdictStatus, verdict) = try await post("[\(good), \(good), \(badVerdict)]")
        #expect(verdictStatus == .badRequest)
        #expect(verdict.problems?.first?.index == 2)
        #expect(verdict.problems?.first?.field == "identity.verdict")

        let noHost = good.replacingOccurrences(of: "\"host\":\"10.0.0.5\",", with: "")
        #expect(noHost != good)
        let (hostStatus, host) = try await post("\(good)\n\n\(noHost)\n", contentType: "application/x-ndjson")
        #expect(hostStatus == .badRequest)
        #expect(host.problems?.first?.index == 1)
        #expect(host.problems?.first?.field == "target.host")
        #expect(host.problems?.first?.message.contains("line 3") == true)

        var credentialed = TestReports.make(id: "c")
        credentialed.target.url = "rtsp://admin:secret@10.0.0.5/"
        let (credStatus, cred) = try await post(
            "[" + String(decoding: try JSONEncoder().encode(credentialed), as: UTF8.self) + "]"
        )
        #expect(credStatus == .badRequest)
        #expect(cred.problems?.first?.field == "target.url")

        var nul = TestReports.make(id: "nul")
        nul.identity.evidence[1].value = "a\u{0}b"
        let (nulStatus, nulBody) = try await post(
            "[" + String(decoding: try JSONEncoder().encode(nul), as: UTF8.self) + "]"
        )
        #expect(nulStatus == .badRequest)
        #expect(nulBody.problems?.first?.field == "identity.evidence[1].value")

        let (objectStatus, _) = try await post(good)
        #expect(objectStatus == .badRequest, "a bare object is not an array")
        let (emptyStatus, _) = try await post("[]")
        #expect(emptyStatus == .badRequest)

        let xml = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(contentType: "text/xml"),
            body: ByteBuffer(string: "<reports/>")
        )
        #expect(xml.status == .unsupportedMediaType)
        var brotli = harness.headers()
        brotli[.contentEncoding] = "br"
        let br = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: brotli,
            body: ByteBuffer(string: "[]")
        )
        #expect(br.status == .unsupportedMediaType)
        let corrupt = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(gzip: true),
            body: ByteBuffer(string: "definitely not gzip")
        )
        #expect(corrupt.status == .badRequest)
        try await harness.expectNothingStoredAndHealthy(client)
        let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        #expect(metrics.contains("camprint_collector_rejected_requests_total{reason=\"invalid\"}"))
    }

    static func gzipBombIsRefused(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        // 64 MiB of spaces (valid JSON whitespace) inflating from ~64 KiB: past the 4 MiB decompression limit.
        var bomb = ByteBuffer(string: "[")
        bomb.writeRepeatingByte(UInt8(ascii: " "), count: 64 << 20)
        bomb.writeString("]")
        let compressed = try bomb.compress(with: .gzip())
        #expect(compressed.readableBytes < Harness.testLimits.maxBodyBytes)
        let response = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(gzip: true),
            body: compressed
        )
        #expect(response.status == .contentTooLarge)
        #expect(try Harness.decode(ErrorBody.self, response).error.contains("decompressed"))
        try await harness.expectNothingStoredAndHealthy(client)
    }

    static func oversizedBodyIsRefused(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        // 100 MB against a 1 MiB limit.
        if let port = client.port {
            // Live: a raw socket, so the server's early 413 is seen even though it stops reading the upload.
            let answer = try RawHTTP.postHuge(port: port, token: harness.token, bytes: 100_000_000)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
            #expect(answer.contains("body exceeds"))
            #expect(answer.lowercased().contains("connection: close"))
        } else {
            var huge = ByteBuffer()
            huge.writeRepeatingByte(UInt8(ascii: " "), count: 100_000_000)
            let response = try await client.execute(
                uri: "/api/v1/reports",
                method: .post,
                headers: harness.headers(),
                body: huge
            )
            #expect(response.status == .contentTooLarge)
        }
        try await harness.expectNothingStoredAndHealthy(client)
        // Too many reports in one request is refused as a whole too.
        let many = try Harness.jsonLines(
            (0..<501).map { TestReports.make(id: "m\($0)", host: "10.9.\($0 / 250).\($0 % 250)") }
        )
        let tooMany = try await client.execute(
            uri: "/api/v1/reports",
            method: .post,
            headers: harness.headers(contentType: "application/x-ndjson"),
            body: many
        )
        #expect(tooMany.status == .contentTooLarge)
        try await harness.expectNothingStoredAndHealthy(client)
    }

    static func pagesEscapeEverything(_ harness: Harness, _ client: any TestClientProtocol) async throws {
        let script = "<script>alert('x')</script>"
        var hostile = TestReports.make(
            id: "p1",
            host: "10.0.0.66",
            model: script,
            firmware: "\"><img src=x onerror=alert(1)>"
        )
        hostile.identity.evidence[1].description = script
        hostile.identity.brand = "&amp;"
        let stale = TestReports.make(id: "p2", observedAt: "2026-11-01T00:00:00Z", host: "10.0.0.67")
        let other = TestReports.make(id: "p3", host: "10.0.0.68", verdict: .other, vendor: "Axis")
        let body = try Harness.jsonArray([hostile, stale, other])
        #expect(
            try await client.execute(uri: "/api/v1/reports", method: .post, headers: harness.headers(), body: body)
                .status == .ok
        )

        let page = try await client.execute(uri: "/", method: .get)
        #expect(page.status == .ok)
        #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        let html = String(buffer: page.body)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&amp;amp;"))
        #expect(html.contains("Hikvision-made, still reporting (1)"))
        #expect(html.contains("Other devices (2)"))
        #expect(html.contains("data-site=\"north\" data-verdict=\"hikvision\">2</td>"))
        #expect(html.contains("(stale)"))

        let device = try #require(
            try await harness.storage.devices(DeviceQuery(site: "north", limit: 10)).devices.first {
                $0.host == "10.0.0.66"
            }
        )
        let devicePage = String(buffer: try await client.execute(uri: "/devices/\(device.id)", method: .get).body)
        #expect(!devicePage.contains("<script"))
        #expect(devicePage.contains("Server header names Hikvision"))
        #expect(devicePage.contains("Identity history (1)"))
        #expect(try await client.execute(uri: "/devices/424242", method: .get).status == .notFound)

        let filtered = String(buffer: try await client.execute(uri: "/?verdict=other", method: .get).body)
        #expect(filtered.contains("Other devices (1)"))
        #expect(!filtered.contains("still reporting"))
        let bad = try await client.execute(uri: "/?verdict=%3Cb%3E", method: .get)
        #expect(bad.status == .badRequest)
        #expect(!String(buffer: bad.body).contains("<b>"))
    }

    static let all: [(String, Check)] = [
        ("ingestIsIdempotent", ingestIsIdempotent),
        ("jsonLinesAndGzip", jsonLinesAndGzip),
        ("tokensAreChecked", tokensAreChecked),
        ("siteComesFromToken", siteComesFromToken),
        ("precise400s", precise400s),
        ("gzipBombIsRefused", gzipBombIsRefused),
        ("oversizedBodyIsRefused", oversizedBodyIsRefused),
        ("pagesEscapeEverything", pagesEscapeEverything),
    ]

    static func run(_ name: String, backend: Harness.Backend, mode: Harness.Mode) async throws {
        let check = try #require(all.first { $0.0 == name }?.1)
        let harness = try await Harness.make(backend)
        try await harness.run(mode) { client in try await check(harness, client) }
    }
}

@Suite("Collector API on SQLite")
struct SQLiteCollectorAPITests {
    @Test(arguments: CollectorAPIContract.all.map(\.0), Harness.Mode.allCases)
    func api(_ name: String, _ mode: Harness.Mode) async throws {
        try await CollectorAPIContract.run(name, backend: .sqlite, mode: mode)
    }
}

@Suite("Collector API on PostgreSQL", .enabled(if: Harness.postgresURL != nil, Harness.postgresSkipReason))
struct PostgresCollectorAPITests {
    @Test(arguments: CollectorAPIContract.all.map(\.0), Harness.Mode.allCases)
    func api(_ name: String, _ mode: Harness.Mode) async throws {
        try await CollectorAPIContract.run(name, backend: .postgres, mode: mode)
    }
}
