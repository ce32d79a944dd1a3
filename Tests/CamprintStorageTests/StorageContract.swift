import CamprintReport
import CamprintStorage
import CamprintTestSupport
import Testing

/// Behaviour every ``Storage`` must have; run against SQLite and PostgreSQL by the suites below.
enum StorageContract {
    static let now: Int64 = 1_795_000_000_000

    static func migrationsAreRecorded(_ storage: any Storage) async throws {
        #expect(try await storage.schemaVersion() == 5)
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
        // The camera stops answering at its old address (a failed probe there), then reports from the new one.
        let before = TestReports.make(id: "a", observedAt: "2026-11-26T10:00:00Z", host: "10.0.0.5", serial: "DS-1")
        let gone = TestReports.make(id: "a2", observedAt: "2026-11-26T10:30:00Z", host: "10.0.0.5", status: .timeout)
        let after = TestReports.make(id: "b", observedAt: "2026-11-26T11:00:00Z", host: "10.0.0.9", serial: "DS-1")
        _ = try await storage.ingest([before, gone, after], site: "north", tokenId: nil, receivedAt: now)
        let page = try await storage.devices(DeviceQuery())
        #expect(page.total == 1)
        let device = try #require(page.devices.first)
        #expect(device.stableId == "sn:DS-1")
        #expect(device.host == "10.0.0.9")
        #expect(device.reportCount == 3)
        #expect(device.conflictKey == nil)
        // Silent for a day at its address: a report from elsewhere moves it too.
        _ = try await storage.ingest(
            [TestReports.make(id: "b2", observedAt: "2026-11-27T12:00:00Z", host: "10.0.0.11", serial: "DS-1")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        #expect(try await storage.devices(DeviceQuery()).devices.map(\.host) == ["10.0.0.11"])
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

    /// The summary must equal the inventory counted row by row.
    static func expectSummaryMatchesInventory(_ storage: any Storage, staleBefore: Int64 = 0) async throws {
        let devices = try await storage.devices(DeviceQuery(limit: DeviceQuery.maximumLimit)).devices
        var expected: [String: (devices: Int, stale: Int)] = [:]
        for device in devices {
            let key = device.site + "|" + device.verdict.rawValue
            expected[key, default: (0, 0)].devices += 1
            if device.lastSeen < staleBefore { expected[key, default: (0, 0)].stale += 1 }
        }
        let summary = try await storage.summary(staleBefore: staleBefore)
        #expect(summary.count == expected.count, "summary rows \(summary)")
        for row in summary {
            let counted = expected[row.site + "|" + row.verdict.rawValue]
            #expect(row.devices == counted?.devices, "\(row.site) \(row.verdict)")
            #expect(row.stale == counted?.stale, "\(row.site) \(row.verdict) stale")
        }
    }

    static func largeBatchesWithDuplicatesInsideAndAcross(_ storage: any Storage) async throws {
        // 2,400 reports: several statements per table (1,000 rows each), ids repeated inside the batch.
        let verdicts: [Verdict] = [.hikvision, .hikvisionOEM, .other, .unknown, .clone]
        func report(_ index: Int) -> Report {
            TestReports.make(
                id: "big-\(index)",
                observedAt: index % 3 == 0 ? "2026-11-01T00:00:00Z" : "2026-11-26T00:00:00Z",
                // One address per serial: the same serial from two addresses would be a conflict (two rows).
                host: "10.9.\(index % 2_000 / 250).\(index % 2_000 % 250)",
                serial: "BIG\(index % 2_000)",
                verdict: verdicts[index % verdicts.count]
            )
        }
        let first = (0..<2_200).map(report) + (0..<200).map(report)
        #expect(
            try await storage.ingest(first, site: "big", tokenId: nil, receivedAt: now)
                == IngestOutcome(accepted: 2_200, duplicate: 200)
        )
        // Across batches: 1,000 stored before, 500 new, and the new ones twice.
        let second = (1_200..<2_700).map(report) + (2_200..<2_700).map(report)
        #expect(
            try await storage.ingest(second, site: "big", tokenId: nil, receivedAt: now)
                == IngestOutcome(accepted: 500, duplicate: 1_500)
        )
        #expect(try await storage.reportCount() == 2_700)
        let page = try await storage.devices(DeviceQuery(limit: DeviceQuery.maximumLimit))
        #expect(page.total == 2_000)
        #expect(page.devices.reduce(0) { $0 + $1.reportCount } == 2_700)
        let twice = try #require(page.devices.first { $0.stableId == "sn:BIG5" })
        #expect(twice.reportCount == 2)
        try await expectSummaryMatchesInventory(
            storage,
            staleBefore: EpochTime.milliseconds(fromRFC3339: "2026-11-20T00:00:00Z")!
        )
    }

    static func summaryFollowsVerdictChanges(_ storage: any Storage) async throws {
        let batches: [[Report]] = [
            [
                TestReports.make(id: "v1", observedAt: "2026-11-20T10:00:00Z", serial: "A", verdict: .unknown),
                TestReports.make(id: "v2", observedAt: "2026-11-20T10:00:00Z", serial: "B", verdict: .unknown),
            ],
            // A becomes Hikvision; an older report (late) does not change it back.
            [
                TestReports.make(id: "v3", observedAt: "2026-11-21T10:00:00Z", serial: "A", verdict: .hikvision),
                TestReports.make(id: "v4", observedAt: "2026-11-19T10:00:00Z", serial: "A", verdict: .clone),
            ],
            // B flips twice inside one batch, then a timeout leaves its verdict alone.
            [
                TestReports.make(id: "v5", observedAt: "2026-11-22T10:00:00Z", serial: "B", verdict: .clone),
                TestReports.make(id: "v6", observedAt: "2026-11-23T10:00:00Z", serial: "B", verdict: .other),
                TestReports.make(
                    id: "v7",
                    observedAt: "2026-11-24T10:00:00Z",
                    serial: "B",
                    status: .timeout,
                    verdict: .unknown
                ),
            ],
        ]
        for batch in batches {
            _ = try await storage.ingest(batch, site: "north", tokenId: nil, receivedAt: now)
            try await expectSummaryMatchesInventory(storage)
        }
        let summary = try await storage.summary(staleBefore: 0)
        #expect(summary.map(\.verdict) == [.hikvision, .other])
        let b = try #require(try await storage.devices(DeviceQuery(verdicts: [.other])).devices.first)
        let history = try #require(try await storage.device(id: b.id)).history
        #expect(history.map(\.verdict) == [.unknown, .clone, .other])
    }

    static func addressDeviceMergesIntoSerialDevice(_ storage: any Storage) async throws {
        // Known only by address (no credentials), then a failed probe, then the serial number is read.
        _ = try await storage.ingest(
            [
                TestReports.make(id: "m1", observedAt: "2026-11-20T10:00:00Z", host: "10.3.0.7", firmware: "V1"),
                TestReports.make(id: "m2", observedAt: "2026-11-21T10:00:00Z", host: "10.3.0.7", status: .timeout),
            ],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        let byAddress = try #require(try await storage.devices(DeviceQuery()).devices.first)
        #expect(byAddress.stableId == "addr:10.3.0.7:554")
        _ = try await storage.ingest(
            [TestReports.make(id: "m3", observedAt: "2026-11-22T10:00:00Z", host: "10.3.0.7", serial: "S7")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        var page = try await storage.devices(DeviceQuery())
        #expect(page.total == 1, "no second device for the same camera")
        var device = try #require(page.devices.first)
        #expect(device.id == byAddress.id, "the address device is renamed, its id kept")
        #expect(device.stableId == "sn:S7")
        #expect(device.serialNumber == "S7")
        #expect(device.reportCount == 3)
        #expect(device.firstSeen == EpochTime.milliseconds(fromRFC3339: "2026-11-20T10:00:00Z"))
        var history = try #require(try await storage.device(id: device.id)).history
        #expect(history.map(\.reportId) == ["m1", "m3"], "history from before the serial was known is kept")

        // A later failed probe without the serial is the same camera, not a new address device.
        _ = try await storage.ingest(
            [TestReports.make(id: "m4", observedAt: "2026-11-23T10:00:00Z", host: "10.3.0.7", status: .timeout)],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        page = try await storage.devices(DeviceQuery())
        #expect(page.total == 1)
        device = try #require(page.devices.first)
        #expect(device.status == "timeout")
        #expect(device.reportCount == 4)

        // Both known: the serial device moved to an address that has a device of its own.
        _ = try await storage.ingest(
            [
                TestReports.make(id: "m5", observedAt: "2026-11-20T09:00:00Z", host: "10.3.0.9", firmware: "V0"),
                TestReports.make(id: "m6", observedAt: "2026-11-21T09:00:00Z", host: "10.3.0.9", model: "X"),
            ],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        #expect(try await storage.devices(DeviceQuery()).total == 2)
        try await expectSummaryMatchesInventory(storage)
        _ = try await storage.ingest(
            [TestReports.make(id: "m7", observedAt: "2026-11-24T10:00:00Z", host: "10.3.0.9", serial: "S7")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        page = try await storage.devices(DeviceQuery())
        #expect(page.total == 1, "the address device is merged into the serial one")
        device = try #require(page.devices.first)
        #expect(device.id == byAddress.id)
        #expect(device.host == "10.3.0.9")
        #expect(device.reportCount == 7)
        #expect(device.firstSeen == EpochTime.milliseconds(fromRFC3339: "2026-11-20T09:00:00Z"))
        history = try #require(try await storage.device(id: device.id)).history
        #expect(history.map(\.reportId) == ["m5", "m1", "m6", "m3"], "both histories, in time order")
        try await expectSummaryMatchesInventory(storage)

        // Inside one batch, address, then MAC, then serial and MAC: one device. Two serials at one address
        // (an NVR's channels) stay two devices.
        _ = try await storage.ingest(
            [
                TestReports.make(id: "n1", observedAt: "2026-11-20T10:00:00Z", host: "10.3.1.1"),
                TestReports.make(
                    id: "n2",
                    observedAt: "2026-11-21T10:00:00Z",
                    host: "10.3.1.1",
                    mac: "AA:00:00:00:00:01"
                ),
                TestReports.make(
                    id: "n3",
                    observedAt: "2026-11-22T10:00:00Z",
                    host: "10.3.1.1",
                    serial: "C1",
                    mac: "aa:00:00:00:00:01"
                ),
                TestReports.make(id: "n4", observedAt: "2026-11-22T10:00:00Z", host: "10.3.1.1", serial: "C2"),
            ],
            site: "east",
            tokenId: nil,
            receivedAt: now
        )
        let east = try await storage.devices(DeviceQuery(site: "east"))
        #expect(east.devices.map(\.stableId).sorted() == ["sn:C1", "sn:C2"])
        #expect(east.devices.map(\.reportCount).sorted() == [1, 3])
        #expect(east.devices.first { $0.stableId == "sn:C1" }?.mac == "aa:00:00:00:00:01", "the latest report's MAC")
        try await expectSummaryMatchesInventory(storage)
    }

    /// Issue 16: a camera that claims another device's serial gets a row of its own, marked as a conflict
    /// on both rows; the genuine device's identity does not flip, whatever order the reports come in.
    static func borrowedSerialIsAConflict(_ storage: any Storage) async throws {
        let genuine = { (id: String, time: String) in
            TestReports.make(id: id, observedAt: time, host: "10.5.0.1", serial: "DS-REAL", firmware: "V5.7.3")
        }
        let claimant = { (id: String, time: String) in
            TestReports.make(
                id: id,
                observedAt: time,
                host: "10.5.0.66",
                serial: "DS-REAL",
                verdict: .other,
                vendor: "Axis",
                model: "P1375",
                firmware: "10.12"
            )
        }
        _ = try await storage.ingest(
            [genuine("g1", "2026-11-26T10:00:00Z")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        _ = try await storage.ingest(
            [claimant("c1", "2026-11-26T10:01:00Z"), genuine("g2", "2026-11-26T10:02:00Z")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        _ = try await storage.ingest(
            [claimant("c2", "2026-11-26T10:03:00Z")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        let page = try await storage.devices(DeviceQuery(site: "north"))
        #expect(page.total == 2)
        let original = try #require(page.devices.first { $0.stableId == "sn:DS-REAL" })
        #expect(original.host == "10.5.0.1")
        #expect(original.verdict == .hikvision, "the claimant never flips the genuine row")
        #expect(original.firmware == "V5.7.3")
        #expect(original.reportCount == 2)
        #expect(original.conflictKey == "sn:DS-REAL")
        let other = try #require(page.devices.first { $0.id != original.id })
        #expect(other.stableId == "sn:DS-REAL@addr:10.5.0.66:554")
        #expect(other.conflictKey == "sn:DS-REAL")
        #expect(other.verdict == .other)
        #expect(other.reportCount == 2)
        let detail = try #require(try await storage.device(id: original.id))
        #expect(detail.conflicts.map(\.id) == [other.id])
        #expect(detail.history.map(\.reportId) == ["g1"], "no identity change recorded on the genuine row")
        #expect(try await storage.devices(DeviceQuery(conflict: true)).total == 2)
        #expect(try await storage.devices(DeviceQuery(conflict: false)).total == 0)
        try await expectSummaryMatchesInventory(storage)

        // The genuine camera goes quiet at its address (failed probe); the claimant's address is then a move,
        // its row merges into the serial's device and the conflict ends.
        _ = try await storage.ingest(
            [
                TestReports.make(id: "g3", observedAt: "2026-11-26T11:00:00Z", host: "10.5.0.1", status: .timeout),
                claimant("c3", "2026-11-26T11:05:00Z"),
            ],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        let after = try await storage.devices(DeviceQuery(site: "north"))
        #expect(after.total == 1)
        let moved = try #require(after.devices.first)
        #expect(moved.id == original.id)
        #expect(moved.host == "10.5.0.66")
        #expect(moved.conflictKey == nil)
        #expect(moved.reportCount == 6)
        try await expectSummaryMatchesInventory(storage)
    }

    /// Issue 19: every lifecycle transition, operator and automatic, with its history.
    static func lifecycleTransitions(_ storage: any Storage) async throws {
        let at = { (text: String) in EpochTime.milliseconds(fromRFC3339: text)! }
        _ = try await storage.ingest(
            [TestReports.make(id: "l1", observedAt: "2026-11-20T10:00:00Z", host: "10.8.0.1", serial: "L1")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        let device = try #require(try await storage.devices(DeviceQuery()).devices.first)
        #expect(device.lifecycle == .found)
        func change(_ to: LifecycleState, date: Int64? = nil, rounds: Int? = nil, at time: String) async throws
            -> DeviceRecord
        {
            try await storage.changeLifecycle(
                deviceId: device.id,
                LifecycleChange(
                    to: to,
                    actor: "operator:alice",
                    note: "to \(to.rawValue)",
                    date: date,
                    goneAfterRounds: rounds
                ),
                at: at(time)
            )
        }
        #expect(try await change(.confirmed, at: "2026-11-21T09:00:00Z").lifecycle == .confirmed)
        await #expect(throws: LifecycleError.missingDate) { try await change(.scheduled, at: "2026-11-21T09:01:00Z") }
        let scheduled = try await change(.scheduled, date: at("2026-11-25T00:00:00Z"), at: "2026-11-21T09:02:00Z")
        #expect(scheduled.removalDate == at("2026-11-25T00:00:00Z"))
        await #expect(throws: LifecycleError.notAllowed(from: .scheduled, to: .verifiedGone)) {
            try await change(.verifiedGone, at: "2026-11-21T09:03:00Z")
        }
        await #expect(throws: LifecycleError.noDevice(999_999)) {
            try await storage.changeLifecycle(
                deviceId: 999_999,
                LifecycleChange(to: .confirmed, actor: "x"),
                at: 0
            )
        }
        let removed = try await change(
            .removed,
            date: at("2026-11-25T12:00:00Z"),
            rounds: 2,
            at: "2026-11-25T12:05:00Z"
        )
        #expect(removed.lifecycle == .removed)
        #expect(removed.removedAt == at("2026-11-25T12:00:00Z"))
        #expect(removed.goneAfterRounds == 2)
        await #expect(throws: LifecycleError.notAllowed(from: .removed, to: .confirmed)) {
            try await change(.confirmed, at: "2026-11-25T12:06:00Z")
        }

        // Failed probes at its address: one before the removal does not count, two after verify it gone.
        let failed = { (id: String, time: String) in
            TestReports.make(id: id, observedAt: time, host: "10.8.0.1", status: .unreachable, verdict: .unknown)
        }
        _ = try await storage.ingest(
            [failed("f0", "2026-11-25T11:00:00Z"), failed("f1", "2026-11-25T13:00:00Z")],
            site: "north",
            tokenId: nil,
            receivedAt: at("2026-11-25T13:00:01Z")
        )
        var current = try #require(try await storage.device(id: device.id)).device
        #expect(current.lifecycle == .removed)
        #expect(current.missedRounds == 1)
        _ = try await storage.ingest(
            [failed("f2", "2026-11-25T14:00:00Z")],
            site: "north",
            tokenId: nil,
            receivedAt: at("2026-11-25T14:00:01Z")
        )
        current = try #require(try await storage.device(id: device.id)).device
        #expect(current.lifecycle == .verifiedGone)
        var goneQuery = DeviceQuery()
        goneQuery.lifecycle = [.verifiedGone]
        #expect(try await storage.devices(goneQuery).total == 1)

        // Seen again: reappeared, loudly; the operator can schedule it again.
        _ = try await storage.ingest(
            [TestReports.make(id: "back", observedAt: "2026-11-26T08:00:00Z", host: "10.8.0.1", serial: "L1")],
            site: "north",
            tokenId: nil,
            receivedAt: at("2026-11-26T08:00:01Z")
        )
        let detail = try #require(try await storage.device(id: device.id))
        #expect(detail.device.lifecycle == .reappeared)
        #expect(detail.lifecycleHistory.map(\.to) == [.confirmed, .scheduled, .removed, .verifiedGone, .reappeared])
        #expect(
            detail.lifecycleHistory.map(\.actor) == [
                "operator:alice", "operator:alice", "operator:alice", "collector", "collector",
            ]
        )
        #expect(detail.lifecycleHistory[1].date == at("2026-11-25T00:00:00Z"))
        #expect(detail.lifecycleHistory[3].note?.contains("2 failed probes since the removal") == true)
        #expect(detail.lifecycleHistory[4].note?.contains("report back") == true)
        #expect(
            try await change(.scheduled, date: at("2026-12-01T00:00:00Z"), at: "2026-11-26T09:00:00Z").lifecycle
                == .scheduled
        )

        // A removed device that answers before it is verified gone reappears too.
        _ = try await change(.removed, at: "2026-11-26T10:00:00Z")
        _ = try await storage.ingest(
            [TestReports.make(id: "again", observedAt: "2026-11-26T11:00:00Z", host: "10.8.0.1", serial: "L1")],
            site: "north",
            tokenId: nil,
            receivedAt: at("2026-11-26T11:00:01Z")
        )
        #expect(try #require(try await storage.device(id: device.id)).device.lifecycle == .reappeared)
        let counts = try await storage.lifecycleCounts(coveredBy: nil)
        #expect(counts == [LifecycleCount(site: "north", state: .reappeared, devices: 1)])
        let none = try await storage.lifecycleCounts(coveredBy: CoverageCondition(verdicts: [], names: ["axis"]))
        #expect(none.isEmpty)
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

    /// `discovery` and `behind` of the reports (Sources/CamprintReport/ReportDiscovery.swift) reach the
    /// device: how it was found, the channels (a union), the first discovery (the earliest), the recorder;
    /// failed probes in a row make a configured target "not answering".
    /// Cameras a recorder lists are reached at the recorder's address: without a serial or MAC of
    /// their own they must stay devices of their own, one per channel, and never update the
    /// recorder's row (an offline channel would otherwise make the recorder unreachable).
    static func camerasBehindARecorderStaySeparate(_ storage: any Storage) async throws {
        let recorder = TestReports.make(id: "nvr", host: "10.6.0.2", serial: "DS-7608NI-K20820220315CCRRJ28022417WCVU")
        func camera(_ id: String, channel: Int, status: ProbeStatus = .ok, at: String = "2026-11-26T15:04:05Z")
            -> Report
        {
            var report = TestReports.make(
                id: id,
                observedAt: at,
                host: "10.6.0.2",
                status: status,
                verdict: .other,
                vendor: "Dahua",
                model: nil
            )
            report.behind = ReportBehind(recorder: "10.6.0.2:554", channel: channel, address: "192.168.254.\(channel)")
            return report
        }
        _ = try await storage.ingest(
            [recorder, camera("c2", channel: 2), camera("c4", channel: 4, status: .unreachable)],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        _ = try await storage.ingest(
            [camera("c2b", channel: 2, at: "2026-11-26T16:04:05Z")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        let devices = try await storage.devices(DeviceQuery(limit: 100)).devices
        #expect(devices.count == 3, "\(devices.map { ($0.host, $0.behindChannel) })")
        let nvr = try #require(devices.first { $0.behindRecorder == nil })
        #expect(nvr.status == "ok" && nvr.verdict == .hikvision && nvr.reportCount == 1)
        let second = try #require(devices.first { $0.behindChannel == 2 })
        #expect(second.reportCount == 2 && second.verdict == .other)
        #expect(devices.first { $0.behindChannel == 4 }?.status == "unreachable")
    }

    static func discoveryAndBehindAreStored(_ storage: any Storage) async throws {
        func discovered(
            _ id: String,
            at observedAt: String,
            host: String,
            serial: String? = nil,
            channels: [String],
            firstSeen: String,
            found: String = ReportDiscovery.discovered,
            status: ProbeStatus = .ok
        ) -> Report {
            var report = TestReports.make(id: id, observedAt: observedAt, host: host, serial: serial, status: status)
            report.discovery = ReportDiscovery(
                found: found,
                channels: channels,
                openPorts: [80, 554],
                answers: [ReportDiscoveryAnswer(channel: channels[0], manufacturer: "Hikvision")],
                firstSeen: firstSeen,
                neighbourMAC: "44:19:b6:00:00:01"
            )
            return report
        }
        var behind = TestReports.make(id: "cam-2", observedAt: "2026-11-26T10:00:00Z", host: "10.5.0.9", serial: "C2")
        behind.discovery = ReportDiscovery(
            channels: ["sadp"],
            openPorts: [],
            answers: [],
            firstSeen: "2026-11-26T09:59:00Z"
        )
        behind.behind = ReportBehind(recorder: "10.5.0.2", channel: 2, address: "192.168.254.3")
        let batch = [
            discovered(
                "d1",
                at: "2026-11-26T10:00:00Z",
                host: "10.5.0.7",
                serial: "D1",
                channels: ["tcp", "sadp"],
                firstSeen: "2026-11-26T09:58:00Z"
            ),
            behind,
            // Configured target that a sweep also found.
            discovered(
                "c1",
                at: "2026-11-26T10:00:00Z",
                host: "10.5.0.8",
                channels: ["wsd"],
                firstSeen: "2026-11-26T09:58:30Z",
                found: ReportDiscovery.configured
            ),
            // A named target without any discovery section.
            TestReports.make(id: "n1", observedAt: "2026-11-26T10:00:00Z", host: "10.5.0.10"),
        ]
        _ = try await storage.ingest(batch, site: "north", tokenId: nil, receivedAt: now)
        func device(_ host: String) async throws -> DeviceRecord {
            try #require(try await storage.devices(DeviceQuery(limit: 100)).devices.first { $0.host == host })
        }
        var d1 = try await device("10.5.0.7")
        #expect(d1.foundBy == "discovered")
        #expect(d1.discoveryChannels == ["sadp", "tcp"])
        #expect(d1.firstDiscovered == EpochTime.milliseconds(fromRFC3339: "2026-11-26T09:58:00Z"))
        #expect(d1.behindRecorder == nil)
        let cam = try await device("10.5.0.9")
        #expect(cam.behindRecorder == "10.5.0.2" && cam.behindChannel == 2)
        #expect(try await device("10.5.0.8").foundBy == "configured")
        #expect(try await device("10.5.0.8").discoveryChannels == ["wsd"])
        let named = try await device("10.5.0.10")
        #expect(named.foundBy == "configured" && named.discoveryChannels.isEmpty && named.firstDiscovered == nil)

        // A later sweep adds a channel; a late, older report moves the first discovery back only.
        _ = try await storage.ingest(
            [
                discovered(
                    "d2",
                    at: "2026-11-26T16:00:00Z",
                    host: "10.5.0.7",
                    serial: "D1",
                    channels: ["wsd"],
                    firstSeen: "2026-11-26T15:59:00Z"
                ),
                discovered(
                    "d0",
                    at: "2026-11-25T08:00:00Z",
                    host: "10.5.0.7",
                    serial: "D1",
                    channels: ["arp"],
                    firstSeen: "2026-11-25T07:00:00Z",
                    found: ReportDiscovery.configured
                ),
            ],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        d1 = try await device("10.5.0.7")
        #expect(d1.discoveryChannels == ["sadp", "wsd", "tcp", "arp"])
        #expect(d1.firstDiscovered == EpochTime.milliseconds(fromRFC3339: "2026-11-25T07:00:00Z"))
        #expect(d1.foundBy == "discovered", "an older report does not change how it was found")
        var byFound = DeviceQuery()
        byFound.foundBy = "discovered"
        #expect(try await storage.devices(byFound).total == 2)
        byFound.foundBy = "configured"
        #expect(try await storage.devices(byFound).total == 2)

        // The named target stops answering: three failed probes in a row list it; an answer clears it.
        let staleBefore = EpochTime.milliseconds(fromRFC3339: "2026-11-20T00:00:00Z")!
        var notAnswering = DeviceQuery(staleBefore: staleBefore)
        notAnswering.notAnswering = true
        for round in 1...3 {
            _ = try await storage.ingest(
                [
                    TestReports.make(
                        id: "n-fail-\(round)",
                        observedAt: "2026-11-26T1\(round):30:00Z",
                        host: "10.5.0.10",
                        status: round == 2 ? .timeout : .unreachable
                    ),
                    // A discovered device that goes quiet is not a configured target.
                    discovered(
                        "d-fail-\(round)",
                        at: "2026-11-26T1\(round):30:00Z",
                        host: "10.5.0.7",
                        channels: ["tcp"],
                        firstSeen: "2026-11-26T09:58:00Z",
                        status: .unreachable
                    ),
                ],
                site: "north",
                tokenId: nil,
                receivedAt: now
            )
            #expect(try await device("10.5.0.10").failedRounds == Int64(round))
            #expect(try await storage.devices(notAnswering).total == (round >= 3 ? 1 : 0))
        }
        #expect(try await storage.devices(notAnswering).devices.map(\.host) == ["10.5.0.10"])
        var answering = notAnswering
        answering.notAnswering = false
        #expect(try await storage.devices(answering).total == 3)
        // Failed, and not seen since before the stale limit: listed after one round.
        notAnswering.staleBefore = EpochTime.milliseconds(fromRFC3339: "2026-11-27T00:00:00Z")!
        notAnswering.notAnsweringRounds = 99
        #expect(try await storage.devices(notAnswering).total == 1)
        _ = try await storage.ingest(
            [TestReports.make(id: "n-back", observedAt: "2026-11-26T20:00:00Z", host: "10.5.0.10")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        #expect(try await device("10.5.0.10").failedRounds == 0)
        #expect(try await storage.devices(notAnswering).total == 0)

        // The camera seen directly later is no longer behind the recorder.
        _ = try await storage.ingest(
            [TestReports.make(id: "cam-3", observedAt: "2026-11-26T18:00:00Z", host: "10.5.0.9", serial: "C2")],
            site: "north",
            tokenId: nil,
            receivedAt: now
        )
        #expect(try await device("10.5.0.9").behindRecorder == nil)
        #expect(try await device("10.5.0.9").foundBy == "configured")
    }

    static let all: [(String, @Sendable (any Storage) async throws -> Void)] = [
        ("discoveryAndBehindAreStored", discoveryAndBehindAreStored),
        ("camerasBehindARecorderStaySeparate", camerasBehindARecorderStaySeparate),
        ("migrationsAreRecorded", migrationsAreRecorded),
        ("sameBatchTwiceStoresOnce", sameBatchTwiceStoresOnce),
        ("siteComesFromTheCaller", siteComesFromTheCaller),
        ("serialKeepsDeviceAcrossAddressChange", serialKeepsDeviceAcrossAddressChange),
        ("identityChangesMakeHistory", identityChangesMakeHistory),
        ("metacharactersStoredVerbatim", metacharactersStoredVerbatim),
        ("concurrentSendersDoNotDuplicateDevices", concurrentSendersDoNotDuplicateDevices),
        ("filtersAndPages", filtersAndPages),
        ("tokensAreStoredByHash", tokensAreStoredByHash),
        ("largeBatchesWithDuplicatesInsideAndAcross", largeBatchesWithDuplicatesInsideAndAcross),
        ("summaryFollowsVerdictChanges", summaryFollowsVerdictChanges),
        ("addressDeviceMergesIntoSerialDevice", addressDeviceMergesIntoSerialDevice),
        ("borrowedSerialIsAConflict", borrowedSerialIsAConflict),
        ("lifecycleTransitions", lifecycleTransitions),
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
