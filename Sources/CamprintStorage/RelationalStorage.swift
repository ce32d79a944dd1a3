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

    func migrate(now: Int64) async throws {
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
            for migration in Migrations.all where migration.version > current {
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
        status, first_seen, last_seen, last_report_id, report_count, top_evidence, conflict_key
        """

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
            conflictKey: row[19].text
        )
    }

    func devices(_ query: DeviceQuery) async throws -> DevicePage {
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
        if let conflict = query.conflict { conditions.append("conflict_key IS \(conflict ? "NOT NULL" : "NULL")") }
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
        return DeviceDetail(device: device, history: history, latestReport: report, conflicts: conflicts)
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

    func reportCount() async throws -> Int {
        Int(try await backend.query("SELECT COUNT(*) FROM reports", []).first?.first?.integer ?? 0)
    }

    // MARK: Tokens

    private static let tokenColumns = "id, site, label, secret_hash, created_at, revoked_at, last_used_at"

    private static func token(from row: [SQLValue]) -> TokenRecord {
        TokenRecord(
            id: row[0].integer ?? 0,
            site: row[1].text ?? "",
            label: row[2].text,
            secretHash: row[3].text ?? "",
            createdAt: row[4].integer ?? 0,
            revokedAt: row[5].integer,
            lastUsedAt: row[6].integer
        )
    }

    func createToken(site: String, label: String?, secretHash: String, createdAt: Int64) async throws -> TokenRecord {
        let rows = try await backend.transaction { sql in
            try await sql.query(
                """
                INSERT INTO tokens (site, label, secret_hash, created_at) VALUES ($1, $2, $3, $4)
                RETURNING \(Self.tokenColumns)
                """,
                [.text(site), SQLValue(label), .text(secretHash), .integer(createdAt)]
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

public enum StorageError: Error, CustomStringConvertible {
    case unexpected(String)

    public var description: String {
        switch self {
        case .unexpected(let reason): "storage: \(reason)"
        }
    }
}
