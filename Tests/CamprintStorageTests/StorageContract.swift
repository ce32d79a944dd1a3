import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Testing

/// Behaviour every ``Storage`` must have; run against SQLite and PostgreSQL by the suites below.
enum StorageContract {
    static let now: Int64 = 1_795_000_000_000

    static func migrationsAreRecorded(_ storage: any Storage) async throws {
        #expect(try await storage.schemaVersion() == 2)
        try await storage.ping()
    }

    static func sameBatchTwiceStoresOnce(_ storage: any Storage) async throws {
        let batch = (0..<5).map { TestReports.make(id: "r-\($0)", host: "10.0.0.\($0)") }
        let first = try await storage.ingest(batch, site: "north", tokenId: nil, receivedAt: now)
        #expect(first == IngestOutcome(accepted: 5, duplicate: 0))
        let second = try await storage.ingest(batch, site: "north", tokenId: nil, receivedAt: now)
        #expect(second == IngestOutcome(accepted: 0, duplicate: 5))
        #expect(try await storage.reportCount() == 5)
        #expect(try await storage.devices(DeviceQuery()).total == 5)
        // A batch repeating one id inside itself counts it once.
        let repeated = [TestReports.make(id: "dup"), TestReports.make(id: "dup")]
        #expect(
            try await storage.ingest(repeated, site: "north", tokenId: nil, receivedAt: now)
                == IngestOutcome(accepted: 1, duplicate: 1)
        )
    }

    static func siteComesFromTheCaller(_ storage: any Storage) async throws {
        let report = TestReports.make(id: "s-1", site: "claimed-elsewhere")
        _ = try await storage.ingest([report], site: "north", tokenId: 7, receivedAt: now)
        let device = try #require(try await storage.devices(DeviceQuery()).devices.first)
        #expect(device.site == "north")
        let detail = try #require(try await storage.device(id: device.id))
        #expect(detail.latestReport?.source?.site == "north")
    }

    static func serialKeepsDeviceAcrossAddressChange(_ storage: any Storage) async throws {
        let before = TestReports.make(id: "a", observedAt: "2026-11-26T10:00:00Z", host: "10.0.0.5", serial: "DS-1")
        let after = TestReports.make(id: "b", observedAt: "2026-11-26T11:00:00Z", host: "10.0.0.9", serial: "DS-1")
        _ = try await storage.ingest([before, after], site: "north", tokenId: nil, receivedAt: now)
        let page = try await storage.devices(DeviceQuery())
        #expect(page.total == 1)
        let device = try #require(page.devices.first)
        #expect(device.stableId == "sn:DS-1")
        #expect(device.host == "10.0.0.9")
        #expect(device.reportCount == 2)
        // Same serial at another site is another device.
        _ = try await storage.ingest(
            [TestReports.make(id: "c", serial: "DS-1")],
            site: "south",
            tokenId: nil,
            receivedAt: now
        )
        #expect(try await storage.devices(DeviceQuery()).total == 2)
    }

    static func identityChangesMakeHistory(_ storage: any Storage) async throws {
        let v1 = TestReports.make(
            id: "h1",
            observedAt: "2026-11-20T10:00:00Z",
            mac: "AA:BB:CC:00:11:22",
            firmware: "V5.5.0"
        )
        let v2 = TestReports.make(
            id: "h2",
            observedAt: "2026-11-21T10:00:00Z",
            mac: "aa:bb:cc:00:11:22",
            firmware: "V5.7.3"
        )
        let same = TestReports.make(
            id: "h3",
            observedAt: "2026-11-22T10:00:00Z",
            mac: "aa:bb:cc:00:11:22",
            firmware: "V5.7.3"
        )
        let failed = TestReports.make(
            id: "h4",
            observedAt: "2026-11-23T10:00:00Z",
            mac: "aa:bb:cc:00:11:22",
            status: .timeout,
            verdict: .unknown,
            vendor: nil,
            model: nil,
            firmware: nil
        )
        let late = TestReports.make(
            id: "h0",
            observedAt: "2026-11-19T10:00:00.250Z",
            mac: "aa:bb:cc:00:11:22",
            firmware: "V4"
        )
        for report in [v1, v2, same, failed, late] {
            _ = try await storage.ingest([report], site: "north", tokenId: nil, receivedAt: now)
        }
        let device = try #require(try await storage.devices(DeviceQuery()).devices.first)
        #expect(device.stableId == "mac:aa:bb:cc:00:11:22")
        #expect(device.firmware == "V5.7.3", "latest successful report wins")
        #expect(device.verdict == .hikvision, "a timeout does not erase the identity")
        #expect(device.status == "timeout")
        #expect(device.lastSeen == EpochTime.milliseconds(fromRFC3339: "2026-11-22T10:00:00Z"))
        #expect(device.firstSeen == EpochTime.milliseconds(fromRFC3339: "2026-11-19T10:00:00.250Z"))
        #expect(device.reportCount == 5)
        #expect(device.topEvidence == "IMKH media header")
        let detail = try #require(try await storage.device(id: device.id))
        #expect(detail.history.map(\.firmware) == ["V5.5.0", "V5.7.3"])
        #expect(detail.latestReport?.reportId == "h3")
        #expect(detail.latestReport?.identity.evidence.count == 2)
    }

    static let hostile = [
        "'; DROP TABLE devices; --", "\" OR 1=1 --", "\\'\\\\", "%_*?[]", "$1 $2 ?1",
        "Robert'); DELETE FROM reports;--",
        "<script>alert(1)</script>", "ünïcødé 监控 📷", "line\nbreak\ttab",
    ]

    static func metacharactersStoredVerbatim(_ storage: any Storage) async throws {
        for (index, text) in hostile.enumerated() {
            var report = TestReports.make(
                id: "x-\(index)-" + text,
                host: text,
                serial: text,
                vendor: text,
                model: text,
                firmware: text
            )
            report.identity.brand = text
            report.identity.evidence[0].value = text
            report.identity.evidence[1].description = text
            report.target.url = "rtsp://host/" + text
            _ = try await storage.ingest([report], site: text, tokenId: nil, receivedAt: now)
            let page = try await storage.devices(DeviceQuery(site: text))
            #expect(page.total == 1, "site \(text.debugDescription)")
            let device = try #require(page.devices.first)
            #expect(device.site == text)
            #expect(device.host == text)
            #expect(device.serialNumber == text)
            #expect(device.vendor == text)
            #expect(device.brand == text)
            #expect(device.model == text)
            #expect(device.firmware == text)
            #expect(device.topEvidence == text)
            let detail = try #require(try await storage.device(id: device.id))
            #expect(detail.latestReport?.reportId == "x-\(index)-" + text)
            #expect(detail.latestReport?.identity.evidence[0].value == text)
            #expect(detail.latestReport?.target.url == "rtsp://host/" + text)
            #expect(try await storage.devices(DeviceQuery(vendor: text)).total == 1)
        }
        #expect(try await storage.reportCount() == hostile.count)
    }

    static func concurrentSendersDoNotDuplicateDevices(_ storage: any Storage) async throws {
        // Four senders, each sending the same 40 devices in 4 batches; half of the report ids overlap.
        try await withThrowingTaskGroup(of: IngestOutcome.self) { group in
            for sender in 0..<4 {
                group.addTask {
                    var total = IngestOutcome()
                    for batch in 0..<4 {
                        let reports = (0..<10).map { index in
                            let device = batch * 10 + index
                            let id = sender < 2 ? "shared-\(device)" : "s\(sender)-\(device)"
                            return TestReports.make(id: id, host: "10.1.0.\(device)", serial: "SN\(device)")
                        }
                        let outcome = try await storage.ingest(reports, site: "north", tokenId: nil, receivedAt: now)
                        total.accepted += outcome.accepted
                        total.duplicate += outcome.duplicate
                    }
                    return total
                }
            }
            var accepted = 0
            var duplicate = 0
            for try await outcome in group {
                accepted += outcome.accepted
                duplicate += outcome.duplicate
            }
            #expect(accepted == 120)
            #expect(duplicate == 40)
        }
        #expect(try await storage.devices(DeviceQuery()).total == 40)
        #expect(try await storage.reportCount() == 120)
        let device = try #require(try await storage.devices(DeviceQuery(limit: 1)).devices.first)
        #expect(device.reportCount == 3)
    }

    static func filtersAndPages(_ storage: any Storage) async throws {
        let old = "2026-11-01T00:00:00Z"
        let recent = "2026-11-26T00:00:00Z"
        var reports: [Report] = []
        for index in 0..<25 {
            let verdict: Verdict = [.hikvision, .hikvisionOEM, .other, .unknown, .clone][index % 5]
            reports.append(
                TestReports.make(
                    id: "f\(index)",
                    observedAt: index % 2 == 0 ? recent : old,
                    host: "10.2.0.\(index)",
                    verdict: verdict,
                    vendor: verdict == .other ? "Dahua" : "Hikvision"
                )
            )
        }
        _ = try await storage.ingest(Array(reports[0..<15]), site: "east", tokenId: nil, receivedAt: now)
        _ = try await storage.ingest(Array(reports[15...]), site: "west", tokenId: nil, receivedAt: now)
        let staleBefore = EpochTime.milliseconds(fromRFC3339: "2026-11-20T00:00:00Z")!

        #expect(try await storage.devices(DeviceQuery(site: "east")).total == 15)
        #expect(try await storage.devices(DeviceQuery(verdicts: [.hikvision, .hikvisionOEM])).total == 10)
        #expect(try await storage.devices(DeviceQuery(vendor: "dahua")).total == 5)
        #expect(try await storage.devices(DeviceQuery(stale: true, staleBefore: staleBefore)).total == 12)
        #expect(try await storage.devices(DeviceQuery(stale: false, staleBefore: staleBefore)).total == 13)
        #expect(try await storage.devices(DeviceQuery(seenSince: staleBefore)).total == 13)

        var seen: [Int64] = []
        var cursor: Int64?
        repeat {
            let page = try await storage.devices(DeviceQuery(limit: 7, cursor: cursor))
            #expect(page.total == 25)
            seen += page.devices.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.count == 25)
        #expect(Set(seen).count == 25)
        #expect(seen == seen.sorted())
        let offsetPage = try await storage.devices(DeviceQuery(limit: 5, offset: 20))
        #expect(offsetPage.devices.map(\.id) == Array(seen[20...]))

        let compliance = try await storage.devices(DeviceQuery(site: "east", limit: 100, order: .compliance)).devices
        #expect(compliance.prefix(3).allSatisfy { $0.verdict == .hikvision })
        #expect(compliance[3..<6].allSatisfy { $0.verdict == .hikvisionOEM })

        let summary = try await storage.summary(staleBefore: staleBefore)
        #expect(summary.reduce(0) { $0 + $1.devices } == 25)
        let eastHik = try #require(summary.first { $0.site == "east" && $0.verdict == .hikvision })
        #expect(eastHik.devices == 3)
        #expect(eastHik.stale == 1)  // f5 is odd: old
        let sites = try await storage.sites()
        #expect(sites.map(\.site) == ["east", "west"])
        #expect(sites.map(\.devices) == [15, 10])
    }

    static func tokensAreStoredByHash(_ storage: any Storage) async throws {
        let first = try await storage.createToken(site: "north", label: "agent-1", secretHash: "aa", createdAt: now)
        let second = try await storage.createToken(site: "south", label: nil, secretHash: "bb", createdAt: now)
        #expect(first.id != second.id)
        #expect(try await storage.token(secretHash: "aa")?.site == "north")
        #expect(try await storage.token(secretHash: "cc") == nil)
        #expect(try await storage.revokeToken(id: first.id, at: now + 1))
        #expect(try await storage.revokeToken(id: first.id, at: now + 2) == false)
        #expect(try await storage.revokeToken(id: 999_999, at: now) == false)
        #expect(try await storage.token(secretHash: "aa")?.revokedAt == now + 1)
        try await storage.markTokenUsed(id: second.id, at: now + 5)
        let all = try await storage.tokens()
        #expect(all.map(\.id) == [first.id, second.id])
        #expect(all[1].lastUsedAt == now + 5)
        let sites = try await storage.sites()
        #expect(sites.first { $0.site == "south" }?.activeTokens == 1)
        #expect(sites.first { $0.site == "north" }?.activeTokens ?? 0 == 0)
    }

    static let all: [(String, @Sendable (any Storage) async throws -> Void)] = [
        ("migrationsAreRecorded", migrationsAreRecorded),
        ("sameBatchTwiceStoresOnce", sameBatchTwiceStoresOnce),
        ("siteComesFromTheCaller", siteComesFromTheCaller),
        ("serialKeepsDeviceAcrossAddressChange", serialKeepsDeviceAcrossAddressChange),
        ("identityChangesMakeHistory", identityChangesMakeHistory),
        ("metacharactersStoredVerbatim", metacharactersStoredVerbatim),
        ("concurrentSendersDoNotDuplicateDevices", concurrentSendersDoNotDuplicateDevices),
        ("filtersAndPages", filtersAndPages),
        ("tokensAreStoredByHash", tokensAreStoredByHash),
    ]
}

@Suite("Storage on SQLite")
struct SQLiteStorageTests {
    @Test(arguments: StorageContract.all.map(\.0))
    func contract(_ name: String) async throws {
        let check = try #require(StorageContract.all.first { $0.0 == name }?.1)
        let storage = try await StorageUnderTest.sqlite()
        do {
            try await check(storage)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}

@Suite(
    "Storage on PostgreSQL",
    .enabled(if: StorageUnderTest.postgresURL != nil, StorageUnderTest.postgresSkipReason)
)
struct PostgresStorageTests {
    @Test(arguments: StorageContract.all.map(\.0))
    func contract(_ name: String) async throws {
        let check = try #require(StorageContract.all.first { $0.0 == name }?.1)
        let storage = try await StorageUnderTest.postgres()
        do {
            try await check(storage)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }
}
