import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

@testable import CamprintStorage

/// A database created by an older collector (schema version 2, with devices and tokens) is upgraded in
/// place when a newer one opens it: columns added with their defaults, data kept.
@Suite struct MigrationUpgradeTests {
    static func upgrade(_ url: DatabaseURL, backend: @escaping () async throws -> any SQLBackend) async throws {
        let old = RelationalStorage(backend: try await backend())
        try await old.migrate(now: 1, upTo: 2)
        #expect(try await old.schemaVersion() == 2)
        try await old.backend.transaction { sql in
            try await sql.execute(
                """
                INSERT INTO devices (site, stable_id, host, port, serial_number, mac, verdict, vendor, brand, model,
                firmware, confidence, status, first_seen, last_seen, last_report_id, report_count, top_evidence)
                VALUES ('north', 'sn:OLD1', '10.0.0.1', 554, 'OLD1', NULL, 'hikvision', 'Hikvision', NULL, 'DS-2CD',
                'V5.5.0', 0.9, 'ok', 1000, 2000, 'r-old', 1, NULL)
                """
            )
            try await sql.execute(
                "INSERT INTO device_counts (site, verdict, devices) VALUES ('north', 'hikvision', 1)"
            )
            try await sql.execute(
                "INSERT INTO tokens (site, label, secret_hash, created_at) VALUES ('north', 'agent', 'abc', 5)"
            )
        }
        await old.close()

        let upgraded = try await StorageFactory.open(url)
        do {
            #expect(try await upgraded.schemaVersion() == Migrations.latestVersion)
            let device = try #require(try await upgraded.devices(DeviceQuery()).devices.first)
            #expect(device.stableId == "sn:OLD1")
            #expect(device.lifecycle == .found)
            #expect(device.conflictKey == nil)
            #expect(device.goneAfterRounds == 3)
            // Version 5: devices from before discovery were named in an agent's targets.
            #expect(device.foundBy == "configured")
            #expect(device.discoveryChannels.isEmpty && device.firstDiscovered == nil)
            #expect(device.behindRecorder == nil && device.failedRounds == 0)
            #expect(try await upgraded.token(secretHash: "abc")?.role == .ingest)
            // The upgraded database takes new reports and lifecycle changes.
            _ = try await upgraded.ingest(
                [TestReports.make(id: "r-new", host: "10.0.0.1", serial: "OLD1")],
                site: "north",
                tokenId: nil,
                receivedAt: 3000
            )
            let moved = try await upgraded.changeLifecycle(
                deviceId: device.id,
                LifecycleChange(to: .confirmed, actor: "test"),
                at: 4000
            )
            #expect(moved.lifecycle == .confirmed)
            #expect(try await upgraded.summary(staleBefore: 0).first?.devices == 1)
        } catch {
            await upgraded.close()
            throw error
        }
        await upgraded.close()
    }

    @Test func sqliteFromVersion2() async throws {
        let path = FileManager.default.temporaryDirectory.path + "/camprint-upgrade-\(UUID().uuidString)/c.db"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try await Self.upgrade(.sqlite(path: path)) {
            try await SQLiteBackend.open(path: path)
        }
    }

    @Test(.enabled(if: StorageUnderTest.postgresURL != nil, StorageUnderTest.postgresSkipReason))
    func postgresFromVersion2() async throws {
        let base = try #require(StorageUnderTest.postgresURL)
        let schema = "u_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = try DatabaseURL(parsing: base + (base.contains("?") ? "&" : "?") + "schema=" + schema)
        // The factory creates the schema; open and close it once at version 0 by hand instead.
        guard case .postgres(let location) = url else { return }
        try await Self.upgrade(url) {
            let backend = try StorageFactory.postgresBackend(location, password: nil)
            try await backend.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            return backend
        }
    }
}
