public import CamprintReport
import Foundation

/// ``Storage`` over SQL, one implementation for both backends: the statements are the same, only
/// table definitions and row locking differ by ``SQLDialect``.
final class RelationalStorage: Storage {
    private let backend: any SQLBackend

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

    // MARK: Ingest

    func ingest(_ reports: [Report], site: String, tokenId: Int64?, receivedAt: Int64) async throws -> IngestOutcome {
        // Same order in every transaction: concurrent batches lock devices without deadlocking.
        let prepared = try reports.map { try PreparedReport($0, site: site, receivedAt: receivedAt) }
            .sorted {
                ($0.stableId, $0.observedAt, $0.report.reportId) < ($1.stableId, $1.observedAt, $1.report.reportId)
            }
        let dialect = backend.dialect
        return try await backend.transaction { sql in
            var outcome = IngestOutcome()
            if let tokenId {
                try await sql.execute(
                    "UPDATE tokens SET last_used_at = $2 WHERE id = $1",
                    [.integer(tokenId), .integer(receivedAt)]
                )
            }
            for item in prepared {
                let inserted = try await sql.query(
                    """
                    INSERT INTO reports (report_id, site, stable_id, observed_at, received_at, token_id, body)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (report_id) DO NOTHING RETURNING report_id
                    """,
                    [
                        .text(item.report.reportId), .text(site), .text(item.stableId), .integer(item.observedAt),
                        .integer(receivedAt), SQLValue(tokenId), .text(item.body),
                    ]
                )
                if inserted.isEmpty {
                    outcome.duplicate += 1
                    continue
                }
                outcome.accepted += 1
                try await Self.updateInventory(with: item, site: site, dialect: dialect, sql: sql)
            }
            return outcome
        }
    }

    private static let identityColumns = "verdict, vendor, brand, model, firmware"

    private static func updateInventory(
        with item: PreparedReport,
        site: String,
        dialect: SQLDialect,
        sql: any SQLExecutor
    ) async throws {
        let report = item.report
        let identity = report.identity
        let lock = dialect == .postgres ? " FOR UPDATE" : ""
        let select =
            "SELECT id, \(identityColumns), last_seen FROM devices WHERE site = $1 AND stable_id = $2\(lock)"
        var existing = try await sql.query(select, [.text(site), .text(item.stableId)]).first
        if existing == nil {
            let created = try await sql.query(
                """
                INSERT INTO devices (site, stable_id, host, port, serial_number, mac, verdict, vendor, brand, model,
                    firmware, confidence, status, first_seen, last_seen, last_report_id, report_count, top_evidence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, 1, $16)
                ON CONFLICT (site, stable_id) DO NOTHING RETURNING id
                """,
                [
                    .text(site), .text(item.stableId), .text(report.target.host), SQLValue(report.target.port),
                    SQLValue(report.device?.serialNumber), SQLValue(report.device?.mac),
                    .text(identity.verdict.rawValue), SQLValue(identity.vendor), SQLValue(identity.brand),
                    SQLValue(identity.model), SQLValue(identity.firmware), .real(identity.confidence),
                    .text(report.status.rawValue), .integer(item.observedAt), .text(report.reportId),
                    SQLValue(item.topEvidence),
                ]
            )
            if let id = created.first?.first?.integer {
                try await insertHistory(deviceId: id, item: item, sql: sql)
                return
            }
            // Another transaction created it between our SELECT and INSERT (PostgreSQL): lock and update it.
            existing = try await sql.query(select, [.text(site), .text(item.stableId)]).first
        }
        guard let row = existing, let id = row[0].integer else { return }
        let previous = [row[1].text, row[2].text, row[3].text, row[4].text, row[5].text]
        let lastSeen = row[6].integer ?? 0
        let bearsIdentity = report.status == .ok
        if bearsIdentity, item.observedAt >= lastSeen {
            try await sql.execute(
                """
                UPDATE devices SET host = $2, port = $3, serial_number = COALESCE($4, serial_number),
                    mac = COALESCE($5, mac), verdict = $6, vendor = $7, brand = $8, model = $9, firmware = $10,
                    confidence = $11, status = $12, last_seen = $13, last_report_id = $14,
                    report_count = report_count + 1, top_evidence = $15
                WHERE id = $1
                """,
                [
                    .integer(id), .text(report.target.host), SQLValue(report.target.port),
                    SQLValue(report.device?.serialNumber), SQLValue(report.device?.mac),
                    .text(identity.verdict.rawValue), SQLValue(identity.vendor), SQLValue(identity.brand),
                    SQLValue(identity.model), SQLValue(identity.firmware), .real(identity.confidence),
                    .text(report.status.rawValue), .integer(item.observedAt), .text(report.reportId),
                    SQLValue(item.topEvidence),
                ]
            )
            let current = [
                identity.verdict.rawValue, identity.vendor, identity.brand, identity.model, identity.firmware,
            ]
            if current != previous {
                try await insertHistory(deviceId: id, item: item, sql: sql)
            }
        } else if !bearsIdentity, item.observedAt >= lastSeen {
            // A failed probe: the device's identity and last sighting stay; its status says what happened.
            try await sql.execute(
                "UPDATE devices SET status = $2, report_count = report_count + 1 WHERE id = $1",
                [.integer(id), .text(report.status.rawValue)]
            )
        } else {
            // An older report arriving late: it can only move first_seen back.
            try await sql.execute(
                """
                UPDATE devices SET report_count = report_count + 1,
                    first_seen = CASE WHEN $2 < first_seen THEN $2 ELSE first_seen END
                WHERE id = $1
                """,
                [.integer(id), .integer(item.observedAt)]
            )
        }
    }

    private static func insertHistory(deviceId: Int64, item: PreparedReport, sql: any SQLExecutor) async throws {
        let identity = item.report.identity
        try await sql.execute(
            """
            INSERT INTO device_history (device_id, observed_at, report_id, verdict, vendor, brand, model, firmware)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
                .integer(deviceId), .integer(item.observedAt), .text(item.report.reportId),
                .text(identity.verdict.rawValue), SQLValue(identity.vendor), SQLValue(identity.brand),
                SQLValue(identity.model), SQLValue(identity.firmware),
            ]
        )
    }

    // MARK: Inventory

    private static let deviceColumns = """
        id, site, stable_id, host, port, serial_number, mac, verdict, vendor, brand, model, firmware, confidence,
        status, first_seen, last_seen, last_report_id, report_count, top_evidence
        """

    private static func device(from row: [SQLValue]) -> DeviceRecord {
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
            topEvidence: row[18].text
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
        return DeviceDetail(device: device, history: history, latestReport: report)
    }

    func summary(staleBefore: Int64) async throws -> [SummaryRow] {
        try await backend.query(
            """
            SELECT site, verdict, COUNT(*), SUM(CASE WHEN last_seen < $1 THEN 1 ELSE 0 END)
            FROM devices GROUP BY site, verdict ORDER BY site, verdict
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

/// A report ready to store: its device key, time and canonical JSON body.
private struct PreparedReport: Sendable {
    let report: Report
    let stableId: String
    let observedAt: Int64
    let body: String
    let topEvidence: String?

    init(_ original: Report, site: String, receivedAt: Int64) throws {
        var report = original
        var source = report.source ?? ReportSource(kind: "unknown", version: "")
        source.site = site
        report.source = source
        self.report = report
        self.stableId = StableDeviceId.of(report)
        self.observedAt = EpochTime.milliseconds(fromRFC3339: report.observedAt) ?? receivedAt
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.body = String(decoding: try encoder.encode(report), as: UTF8.self)
        self.topEvidence = report.identity.evidence.max { $0.weight < $1.weight }.map { evidence in
            let text = evidence.description ?? "\(evidence.rule): \(evidence.field) = \(evidence.value)"
            return String(text.prefix(300))
        }
    }
}

/// What keeps a device the same device: its serial number, else its MAC, else its address.
public enum StableDeviceId {
    public static func of(_ report: Report) -> String {
        if let serial = report.device?.serialNumber, !serial.isEmpty { return "sn:" + serial }
        if let mac = report.device?.mac, !mac.isEmpty { return "mac:" + mac.lowercased() }
        return "addr:\(report.target.host.lowercased()):\(report.target.port ?? 554)"
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
