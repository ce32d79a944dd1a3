import CamprintReport
import Foundation

/// ``Storage`` over SQL, one implementation for both backends: the statements are the same, only
/// table definitions and row locking differ by ``SQLDialect``.
final class RelationalStorage: Storage {
    let backend: any SQLBackend

    init(backend: any SQLBackend) {
        self.backend = backend
    }

    // MARK: Migrations

    /// Applies the migrations newer than the database's, up to `target` (tests build old schemas with it).
    func migrate(now: Int64, upTo target: Int = Migrations.latestVersion) async throws {
        let dialect = backend.dialect
        try await backend.transaction { sql in
            if dialect == .postgres {
                // Two collectors starting at once migrate one after the other.
                try await sql.execute("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7431001)) AS locked")
            }
            try await sql.execute(
                "CREATE TABLE IF NOT EXISTS camprint_schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)"
            )
            let current =
                try await sql.query("SELECT MAX(version) FROM camprint_schema_migrations", [])
                .first?.first?.integer ?? 0
            for migration in Migrations.all where migration.version > current && migration.version <= target {
                for statement in migration.statements(dialect) {
                    try await sql.execute(statement)
                }
                try await sql.execute(
                    "INSERT INTO camprint_schema_migrations (version, applied_at) VALUES ($1, $2)",
                    [.integer(Int64(migration.version)), .integer(now)]
                )
            }
        }
    }

    func schemaVersion() async throws -> Int {
        Int(
            try await backend.query("SELECT MAX(version) FROM camprint_schema_migrations", []).first?.first?.integer
                ?? 0
        )
    }

    func ping() async throws {
        _ = try await backend.query("SELECT 1", [])
    }

    func close() async {
        await backend.close()
    }

    // MARK: Inventory

    static let identityColumns = "verdict, vendor, brand, model, firmware"

    static let deviceColumns = """
        id, site, stable_id, host, port, serial_number, mac, verdict, vendor, brand, model, firmware, confidence,
        status, first_seen, last_seen, last_report_id, report_count, top_evidence, conflict_key, lifecycle,
        removal_date, removed_at, missed_rounds, gone_after_rounds, found_by, discovery_channels, first_discovered,
        behind_recorder, behind_channel, failed_rounds
        """

    /// `discovery_channels` is stored as a comma-separated list.
    static func channelList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init)
    }

    static func device(from row: [SQLValue]) -> DeviceRecord {
        DeviceRecord(
            id: row[0].integer ?? 0,
            site: row[1].text ?? "",
            stableId: row[2].text ?? "",
            host: row[3].text ?? "",
            port: row[4].integer.map { Int($0) },
            serialNumber: row[5].text,
            mac: row[6].text,
            verdict: Verdict(rawValue: row[7].text ?? "") ?? .unknown,
            vendor: row[8].text,
            brand: row[9].text,
            model: row[10].text,
            firmware: row[11].text,
            confidence: row[12].real ?? 0,
            status: row[13].text ?? "",
            firstSeen: row[14].integer ?? 0,
            lastSeen: row[15].integer ?? 0,
            lastReportId: row[16].text ?? "",
            reportCount: row[17].integer ?? 0,
            topEvidence: row[18].text,
            conflictKey: row[19].text,
            lifecycle: LifecycleState(rawValue: row[20].text ?? "") ?? .found,
            removalDate: row[21].integer,
            removedAt: row[22].integer,
            missedRounds: row[23].integer ?? 0,
            goneAfterRounds: row[24].integer ?? Int64(LifecycleState.defaultGoneAfterRounds),
            foundBy: row[25].text ?? ReportDiscovery.configured,
            discoveryChannels: channelList(row[26].text),
            firstDiscovered: row[27].integer,
            behindRecorder: row[28].text,
            behindChannel: row[29].integer.map { Int($0) },
            failedRounds: row[30].integer ?? 0
        )
    }

    /// The `WHERE` clause of a query's filters (paging aside) and its bound values.
    static func conditions(_ query: DeviceQuery) -> (filter: String, binds: [SQLValue]) {
        let (conditions, binds) = conditionList(query)
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), binds)
    }

    private static func conditionList(_ query: DeviceQuery) -> ([String], [SQLValue]) {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let site = query.site { conditions.append("site = \(bind(.text(site)))") }
        if !query.verdicts.isEmpty {
            let list = query.verdicts.map { bind(.text($0.rawValue)) }.joined(separator: ", ")
            conditions.append("verdict IN (\(list))")
        }
        if let vendor = query.vendor { conditions.append("LOWER(vendor) = LOWER(\(bind(.text(vendor))))") }
        if let stale = query.stale {
            conditions.append("last_seen \(stale ? "<" : ">=") \(bind(.integer(query.staleBefore)))")
        }
        if let since = query.seenSince { conditions.append("last_seen >= \(bind(.integer(since)))") }
        if let covered = query.coveredBy {
            var alternatives: [String] = []
            if !covered.verdicts.isEmpty {
                alternatives.append(
                    "verdict IN (\(covered.verdicts.map { bind(.text($0.rawValue)) }.joined(separator: ", ")))"
                )
            }
            if !covered.names.isEmpty {
                let list = covered.names.map { bind(.text($0)) }.joined(separator: ", ")
                alternatives.append(
                    "(verdict <> 'unknown' AND (LOWER(TRIM(vendor)) IN (\(list)) OR LOWER(TRIM(brand)) IN (\(list))))"
                )
            }
            conditions.append(alternatives.isEmpty ? "1 = 0" : "(" + alternatives.joined(separator: " OR ") + ")")
        }
        if !query.lifecycle.isEmpty {
            let list = query.lifecycle.map { bind(.text($0.rawValue)) }.joined(separator: ", ")
            conditions.append("lifecycle IN (\(list))")
        }
        if let conflict = query.conflict { conditions.append("conflict_key IS \(conflict ? "NOT NULL" : "NULL")") }
        if let foundBy = query.foundBy { conditions.append("found_by = \(bind(.text(foundBy)))") }
        if let notAnswering = query.notAnswering {
            // DeviceRecord.isNotAnswering(rounds:staleBefore:) in SQL.
            let silent = DeviceRecord.silentStatuses.map { bind(.text($0)) }.joined(separator: ", ")
            let condition = """
                (found_by = \(bind(.text(ReportDiscovery.configured)))) AND status IN (\(silent)) \
                AND (failed_rounds >= \(bind(.integer(query.notAnsweringRounds))) \
                OR last_seen < \(bind(.integer(query.staleBefore))))
                """
            conditions.append(notAnswering ? "(\(condition))" : "NOT (\(condition))")
        }
        return (conditions, binds)
    }

    func devices(_ query: DeviceQuery) async throws -> DevicePage {
        var (conditions, binds) = Self.conditionList(query)
        func bind(_ value: SQLValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try await backend.query("SELECT COUNT(*) FROM devices\(filter)", binds).first?.first?.integer ?? 0

        let limit = max(1, min(query.limit, DeviceQuery.maximumLimit))
        var pageConditions = conditions
        var order: String
        switch query.order {
        case .id:
            if let cursor = query.cursor { pageConditions.append("id > \(bind(.integer(cursor)))") }
            order = "id"
        case .compliance:
            order = """
                site, CASE verdict WHEN 'hikvision' THEN 0 WHEN 'hikvision-oem' THEN 1 WHEN 'clone' THEN 2
                WHEN 'unknown' THEN 3 ELSE 4 END, last_seen DESC, id
                """
        }
        let pageFilter = pageConditions.isEmpty ? "" : " WHERE " + pageConditions.joined(separator: " AND ")
        let sql = """
            SELECT \(Self.deviceColumns) FROM devices\(pageFilter) ORDER BY \(order)
            LIMIT \(bind(.integer(Int64(limit + 1)))) OFFSET \(bind(.integer(Int64(max(0, query.offset)))))
            """
        var devices = try await backend.query(sql, binds).map(Self.device(from:))
        var nextCursor: Int64?
        if devices.count > limit {
            devices.removeLast()
            if query.order == .id { nextCursor = devices.last?.id }
        }
        return DevicePage(devices: devices, nextCursor: nextCursor, total: Int(total))
    }

    func device(id: Int64) async throws -> DeviceDetail? {
        guard
            let row = try await backend.query(
                "SELECT \(Self.deviceColumns) FROM devices WHERE id = $1",
                [.integer(id)]
            ).first
        else { return nil }
        let device = Self.device(from: row)
        let history = try await backend.query(
            """
            SELECT observed_at, report_id, \(Self.identityColumns) FROM device_history
            WHERE device_id = $1 ORDER BY observed_at, id
            """,
            [.integer(id)]
        ).map { row in
            IdentityChange(
                observedAt: row[0].integer ?? 0,
                reportId: row[1].text ?? "",
                verdict: Verdict(rawValue: row[2].text ?? "") ?? .unknown,
                vendor: row[3].text,
                brand: row[4].text,
                model: row[5].text,
                firmware: row[6].text
            )
        }
        let body = try await backend.query(
            "SELECT body FROM reports WHERE report_id = $1",
            [.text(device.lastReportId)]
        ).first?.first?.text
        let report = body.flatMap { try? JSONDecoder().decode(Report.self, from: Data($0.utf8)) }
        var conflicts: [DeviceRecord] = []
        if let key = device.conflictKey {
            conflicts = try await backend.query(
                "SELECT \(Self.deviceColumns) FROM devices WHERE site = $1 AND conflict_key = $2 AND id <> $3 ORDER BY id",
                [.text(device.site), .text(key), .integer(id)]
            ).map(Self.device(from:))
        }
        let events = try await backend.query(
            "SELECT at, from_state, to_state, actor, note, date FROM device_lifecycle WHERE device_id = $1 ORDER BY at, id",
            [.integer(id)]
        ).map(Self.event(from:))
        return DeviceDetail(
            device: device,
            history: history,
            latestReport: report,
            conflicts: conflicts,
            lifecycleHistory: events
        )
    }

    func summary(staleBefore: Int64) async throws -> [SummaryRow] {
        try await backend.query(
            // Counts kept by ingest; the stale ones from the (site, verdict, last_seen) index, a range each.
            """
            SELECT c.site, c.verdict, c.devices,
                (SELECT COUNT(*) FROM devices d WHERE d.site = c.site AND d.verdict = c.verdict AND d.last_seen < $1)
            FROM device_counts c WHERE c.devices > 0 ORDER BY c.site, c.verdict
            """,
            [.integer(staleBefore)]
        ).map { row in
            SummaryRow(
                site: row[0].text ?? "",
                verdict: Verdict(rawValue: row[1].text ?? "") ?? .unknown,
                devices: Int(row[2].integer ?? 0),
                stale: Int(row[3].integer ?? 0)
            )
        }
    }

    func sites() async throws -> [SiteRecord] {
        var records: [String: SiteRecord] = [:]
        for row in try await backend.query("SELECT site, COUNT(*), MAX(last_seen) FROM devices GROUP BY site", []) {
            let site = row[0].text ?? ""
            records[site] = SiteRecord(
                site: site,
                devices: Int(row[1].integer ?? 0),
                lastSeen: row[2].integer,
                activeTokens: 0
            )
        }
        let tokenRows = try await backend.query(
            "SELECT site, COUNT(*) FROM tokens WHERE revoked_at IS NULL GROUP BY site",
            []
        )
        for row in tokenRows {
            let site = row[0].text ?? ""
            records[site, default: SiteRecord(site: site, devices: 0, lastSeen: nil, activeTokens: 0)]
                .activeTokens = Int(row[1].integer ?? 0)
        }
        return records.values.sorted { $0.site < $1.site }
    }

    func reportBodies(ids: [String]) async throws -> [String: String] {
        var bodies: [String: String] = [:]
        let unique = Array(Set(ids)).sorted()
        var start = 0
        while start < unique.count {
            let chunk = Array(unique[start..<min(unique.count, start + 1000)])
            let list = (1...chunk.count).map { "$\($0)" }.joined(separator: ", ")
            for row in try await backend.query(
                "SELECT report_id, body FROM reports WHERE report_id IN (\(list))",
                chunk.map(SQLValue.text)
            ) {
                if let id = row[0].text, let body = row[1].text { bodies[id] = body }
            }
            start += 1000
        }
        return bodies
    }

    func reportCount() async throws -> Int {
        Int(try await backend.query("SELECT COUNT(*) FROM reports", []).first?.first?.integer ?? 0)
    }

    // MARK: Tokens

    private static let tokenColumns = "id, site, label, secret_hash, created_at, revoked_at, last_used_at, role"

    private static func token(from row: [SQLValue]) -> TokenRecord {
        TokenRecord(
            id: row[0].integer ?? 0,
            site: row[1].text ?? "",
            label: row[2].text,
            secretHash: row[3].text ?? "",
            createdAt: row[4].integer ?? 0,
            revokedAt: row[5].integer,
            lastUsedAt: row[6].integer,
            role: TokenRole(rawValue: row[7].text ?? "") ?? .ingest
        )
    }

    func createToken(
        site: String,
        label: String?,
        secretHash: String,
        createdAt: Int64,
        role: TokenRole
    ) async throws -> TokenRecord {
        let rows = try await backend.transaction { sql in
            try await sql.query(
                """
                INSERT INTO tokens (site, label, secret_hash, created_at, role) VALUES ($1, $2, $3, $4, $5)
                RETURNING \(Self.tokenColumns)
                """,
                [.text(site), SQLValue(label), .text(secretHash), .integer(createdAt), .text(role.rawValue)]
            )
        }
        guard let row = rows.first else { throw StorageError.unexpected("token insert returned no row") }
        return Self.token(from: row)
    }

    func tokens() async throws -> [TokenRecord] {
        try await backend.query("SELECT \(Self.tokenColumns) FROM tokens ORDER BY id", []).map(Self.token(from:))
    }

    func revokeToken(id: Int64, at: Int64) async throws -> Bool {
        let rows = try await backend.transaction { sql in
            try await sql.query(
                "UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id",
                [.integer(id), .integer(at)]
            )
        }
        return !rows.isEmpty
    }

    func token(secretHash: String) async throws -> TokenRecord? {
        try await backend.query(
            "SELECT \(Self.tokenColumns) FROM tokens WHERE secret_hash = $1",
            [.text(secretHash)]
        ).first.map(Self.token(from:))
    }

    func markTokenUsed(id: Int64, at: Int64) async throws {
        try await backend.transaction { sql in
            try await sql.execute("UPDATE tokens SET last_used_at = $2 WHERE id = $1", [.integer(id), .integer(at)])
        }
    }
}

// MARK: Lifecycle

extension RelationalStorage {
    static func event(from row: [SQLValue]) -> LifecycleEvent {
        LifecycleEvent(
            at: row[0].integer ?? 0,
            from: LifecycleState(rawValue: row[1].text ?? "") ?? .found,
            to: LifecycleState(rawValue: row[2].text ?? "") ?? .found,
            actor: row[3].text ?? "",
            note: row[4].text,
            date: row[5].integer
        )
    }

    static func insertEvents(_ events: [(deviceId: Int64, event: LifecycleEvent)], sql: any SQLExecutor) async throws {
        _ = try await insertRows(
            "INSERT INTO device_lifecycle (device_id, at, from_state, to_state, actor, note, date)",
            events.map { item in
                [
                    .integer(item.deviceId), .integer(item.event.at), .text(item.event.from.rawValue),
                    .text(item.event.to.rawValue), .text(item.event.actor), SQLValue(item.event.note),
                    SQLValue(item.event.date),
                ]
            },
            sql: sql
        )
    }

    func changeLifecycle(deviceId: Int64, _ change: LifecycleChange, at now: Int64) async throws -> DeviceRecord {
        let lock = backend.dialect == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { sql in
            guard
                let row = try await sql.query(
                    "SELECT \(Self.deviceColumns) FROM devices WHERE id = $1\(lock)",
                    [.integer(deviceId)]
                ).first
            else { throw LifecycleError.noDevice(deviceId) }
            var device = Self.device(from: row)
            let from = device.lifecycle
            guard from.operatorTargets.contains(change.to) else {
                throw LifecycleError.notAllowed(from: from, to: change.to)
            }
            var date: Int64?
            switch change.to {
            case .scheduled:
                guard let planned = change.date else { throw LifecycleError.missingDate }
                device.removalDate = planned
                date = planned
            case .removed:
                let removedAt = change.date ?? now
                device.removedAt = removedAt
                device.missedRounds = 0
                device.goneAfterRounds = Int64(max(1, change.goneAfterRounds ?? LifecycleState.defaultGoneAfterRounds))
                date = removedAt
            case .found, .confirmed:
                device.removalDate = nil
            case .verifiedGone, .reappeared:
                break
            }
            device.lifecycle = change.to
            try await sql.execute(
                """
                UPDATE devices SET lifecycle = $2, removal_date = $3, removed_at = $4, missed_rounds = $5,
                gone_after_rounds = $6 WHERE id = $1
                """,
                [
                    .integer(deviceId), .text(device.lifecycle.rawValue), SQLValue(device.removalDate),
                    SQLValue(device.removedAt), .integer(device.missedRounds), .integer(device.goneAfterRounds),
                ]
            )
            let event = LifecycleEvent(
                at: now,
                from: from,
                to: change.to,
                actor: change.actor,
                note: change.note,
                date: date
            )
            try await Self.insertEvents([(deviceId, event)], sql: sql)
            return device
        }
    }

    func lifecycleCounts(coveredBy: CoverageCondition?) async throws -> [LifecycleCount] {
        var query = DeviceQuery()
        query.coveredBy = coveredBy
        let (filter, binds) = Self.conditions(query)
        return try await backend.query(
            "SELECT site, lifecycle, COUNT(*) FROM devices\(filter) GROUP BY site, lifecycle ORDER BY site, lifecycle",
            binds
        ).map { row in
            LifecycleCount(
                site: row[0].text ?? "",
                state: LifecycleState(rawValue: row[1].text ?? "") ?? .found,
                devices: Int(row[2].integer ?? 0)
            )
        }
    }
}

public enum StorageError: Error, CustomStringConvertible {
    case unexpected(String)

    public var description: String {
        switch self {
        case .unexpected(let reason): "storage: \(reason)"
        }
    }
}
