import CamprintReport

/// Set-based ingest: one transaction per batch, a fixed number of multi-row statements whatever its
/// size (more only past ``maximumBinds`` values per statement).
extension RelationalStorage {
    /// Bound values per statement: under SQLite's limit of 32,766 (and PostgreSQL's 65,535).
    static let maximumBinds = 30_000
    /// Rows per statement, whatever their width: bounds the size of one statement's text and bodies.
    static let maximumRowsPerStatement = 1_000

    func ingest(_ reports: [Report], site: String, tokenId: Int64?, receivedAt: Int64) async throws -> IngestOutcome {
        let encoder = PreparedReport.encoder()
        var seen = Set<String>()
        var unique: [PreparedReport] = []
        for report in reports where seen.insert(report.reportId).inserted {
            unique.append(try PreparedReport(report, site: site, receivedAt: receivedAt, encoder: encoder))
        }
        // Inserted in id order: concurrent batches with common ids wait for each other without deadlocking.
        let prepared = unique.sorted { $0.report.reportId < $1.report.reportId }
        let total = reports.count
        let dialect = backend.dialect
        return try await backend.transaction { sql in
            if let tokenId {
                try await sql.execute(
                    "UPDATE tokens SET last_used_at = $2 WHERE id = $1",
                    [.integer(tokenId), .integer(receivedAt)]
                )
            }
            var insertedIds = Set<String>()
            let rows = prepared.map { item -> [SQLValue] in
                [
                    .text(item.report.reportId), .text(site), .text(item.stableId), .integer(item.observedAt),
                    .integer(receivedAt), SQLValue(tokenId), .text(item.body),
                ]
            }
            for inserted in try await Self.insertRows(
                "INSERT INTO reports (report_id, site, stable_id, observed_at, received_at, token_id, body)",
                rows,
                suffix: "ON CONFLICT (report_id) DO NOTHING RETURNING report_id",
                sql: sql
            ) {
                if let id = inserted.first?.text { insertedIds.insert(id) }
            }
            let accepted = prepared.filter { insertedIds.contains($0.report.reportId) }
                .sorted { ($0.observedAt, $0.report.reportId) < ($1.observedAt, $1.report.reportId) }
            if !accepted.isEmpty {
                try await Self.updateInventory(with: accepted, site: site, dialect: dialect, sql: sql)
            }
            return IngestOutcome(accepted: accepted.count, duplicate: total - accepted.count)
        }
    }

    /// `prefix VALUES (…), (…) suffix`, as few statements as ``maximumBinds`` allows; the rows they return.
    static func insertRows(
        _ prefix: String,
        _ rows: [[SQLValue]],
        suffix: String = "",
        sql: any SQLExecutor
    ) async throws -> [[SQLValue]] {
        guard let width = rows.first?.count, width > 0 else { return [] }
        let perStatement = max(1, min(maximumRowsPerStatement, maximumBinds / width))
        var returned: [[SQLValue]] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var placeholders: [String] = []
            placeholders.reserveCapacity(chunk.count)
            var number = 0
            for _ in chunk {
                let row = (0..<width).map { _ in
                    number += 1
                    return "$\(number)"
                }
                placeholders.append("(" + row.joined(separator: ", ") + ")")
            }
            returned += try await sql.query(
                prefix + " VALUES " + placeholders.joined(separator: ", ") + " " + suffix,
                Array(chunk.joined())
            )
            start += perStatement
        }
        return returned
    }

    private static let storedDeviceColumns = """
        site, stable_id, host, port, serial_number, mac, verdict, vendor, brand, model, firmware, confidence,
        status, first_seen, last_seen, last_report_id, report_count, top_evidence, conflict_key, lifecycle,
        removal_date, removed_at, missed_rounds, gone_after_rounds, found_by, discovery_channels, first_discovered,
        behind_recorder, behind_channel, failed_rounds
        """

    private static func storedValues(_ device: DeviceRecord) -> [SQLValue] {
        [
            .text(device.site), .text(device.stableId), .text(device.host), SQLValue(device.port),
            SQLValue(device.serialNumber), SQLValue(device.mac), .text(device.verdict.rawValue),
            SQLValue(device.vendor), SQLValue(device.brand), SQLValue(device.model), SQLValue(device.firmware),
            .real(device.confidence), .text(device.status), .integer(device.firstSeen), .integer(device.lastSeen),
            .text(device.lastReportId), .integer(device.reportCount), SQLValue(device.topEvidence),
            SQLValue(device.conflictKey), .text(device.lifecycle.rawValue), SQLValue(device.removalDate),
            SQLValue(device.removedAt), .integer(device.missedRounds), .integer(device.goneAfterRounds),
            .text(device.foundBy),
            SQLValue(device.discoveryChannels.isEmpty ? nil : device.discoveryChannels.joined(separator: ",")),
            SQLValue(device.firstDiscovered), SQLValue(device.behindRecorder), SQLValue(device.behindChannel),
            .integer(device.failedRounds),
        ]
    }

    /// The site's devices whose `column` is one of `values`, locked until commit on PostgreSQL.
    private static func storedDevices(
        site: String,
        column: String,
        in values: [String],
        dialect: SQLDialect,
        sql: any SQLExecutor
    ) async throws -> [DeviceRecord] {
        var devices: [DeviceRecord] = []
        let perStatement = min(maximumBinds - 1, 5_000)
        var start = 0
        while start < values.count {
            let chunk = values[start..<min(values.count, start + perStatement)]
            let list = (2..<(chunk.count + 2)).map { "$\($0)" }.joined(separator: ", ")
            let lock = dialect == .postgres ? " FOR UPDATE" : ""
            devices += try await sql.query(
                "SELECT \(deviceColumns) FROM devices WHERE site = $1 AND \(column) IN (\(list)) ORDER BY id\(lock)",
                [.text(site)] + chunk.map(SQLValue.text)
            ).map(device(from:))
            start += perStatement
        }
        return devices
    }

    private static func updateInventory(
        with accepted: [PreparedReport],
        site: String,
        dialect: SQLDialect,
        sql: any SQLExecutor
    ) async throws {
        let keys = Set(accepted.flatMap { [$0.stableId, $0.conflictKey].compactMap { $0 } + $0.aliasKeys })
        var stored = try await storedDevices(
            site: site,
            column: "stable_id",
            in: keys.sorted(),
            dialect: dialect,
            sql: sql
        )
        let storedKeys = Set(stored.map(\.stableId))
        // Address-only reports of no address-keyed device may belong to a device known by serial or MAC there.
        let hosts = Set(
            accepted.filter { !StableDeviceId.isStrong($0.stableId) && !storedKeys.contains($0.stableId) }
                .flatMap { [$0.report.target.host, $0.report.target.host.lowercased()] }
        )
        if !hosts.isEmpty {
            let known = Set(stored.map(\.id))
            stored += try await storedDevices(
                site: site,
                column: "host",
                in: hosts.sorted(),
                dialect: dialect,
                sql: sql
            )
            .filter { !known.contains($0.id) }
        }

        // Every row already claiming a strong key of the batch (a conflict elsewhere, to clear on a move).
        let contested = Set(accepted.map(\.stableId).filter(StableDeviceId.isStrong))
        if !contested.isEmpty {
            let known = Set(stored.map(\.id))
            stored += try await storedDevices(
                site: site,
                column: "conflict_key",
                in: contested.sorted(),
                dialect: dialect,
                sql: sql
            )
            .filter { !known.contains($0.id) }
        }

        var plan = IngestPlan(site: site, stored: stored)
        for item in accepted { plan.apply(item) }

        // Merged-away devices: history to the device that absorbed them, then the row goes.
        let absorbed = plan.absorbedRows
        for row in absorbed {
            try await sql.execute(
                "UPDATE device_history SET device_id = $2 WHERE device_id = $1",
                [.integer(row.id), .integer(row.into)]
            )
            try await sql.execute(
                "UPDATE device_lifecycle SET device_id = $2 WHERE device_id = $1",
                [.integer(row.id), .integer(row.into)]
            )
        }
        if !absorbed.isEmpty {
            let list = (1...absorbed.count).map { "$\($0)" }.joined(separator: ", ")
            try await sql.execute("DELETE FROM devices WHERE id IN (\(list))", absorbed.map { .integer($0.id) })
        }

        // New devices. On PostgreSQL a concurrent batch may have created one since we looked: the unique
        // violation rolls this transaction back and the backend runs it again, seeing that device.
        let created = plan.newDevices
        let returned = try await insertRows(
            "INSERT INTO devices (\(storedDeviceColumns))",
            created.map { storedValues(plan.slots[$0].device) },
            suffix: "RETURNING id, stable_id",
            sql: sql
        )
        var idByKey: [String: Int64] = [:]
        for row in returned {
            if let key = row[1].text, let id = row[0].integer { idByKey[key] = id }
        }
        for index in created {
            guard let id = idByKey[plan.slots[index].device.stableId] else {
                throw StorageError.unexpected("device insert returned no id")
            }
            plan.setId(id, of: index)
        }

        // Changed devices, whole rows by id (locked above on PostgreSQL).
        let updates = [
            "stable_id", "host", "port", "serial_number", "mac", "verdict", "vendor", "brand", "model", "firmware",
            "confidence", "status", "first_seen", "last_seen", "last_report_id", "report_count", "top_evidence",
            "conflict_key", "lifecycle", "removal_date", "removed_at", "missed_rounds", "gone_after_rounds",
            "found_by", "discovery_channels", "first_discovered", "behind_recorder", "behind_channel", "failed_rounds",
        ].map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        _ = try await insertRows(
            "INSERT INTO devices (id, \(storedDeviceColumns))",
            plan.changedDevices.map { [.integer(plan.slots[$0].device.id)] + storedValues(plan.slots[$0].device) },
            suffix: "ON CONFLICT (id) DO UPDATE SET \(updates)",
            sql: sql
        )

        var history: [[SQLValue]] = []
        for slot in plan.slots where slot.absorbedInto == nil {
            for item in slot.history {
                let identity = item.report.identity
                history.append([
                    .integer(slot.device.id), .integer(item.observedAt), .text(item.report.reportId),
                    .text(identity.verdict.rawValue), SQLValue(identity.vendor), SQLValue(identity.brand),
                    SQLValue(identity.model), SQLValue(identity.firmware),
                ])
            }
        }
        _ = try await insertRows(
            "INSERT INTO device_history (device_id, observed_at, report_id, verdict, vendor, brand, model, firmware)",
            history,
            sql: sql
        )
        // The collector's own lifecycle transitions (verified gone, reappeared).
        try await insertEvents(
            plan.slots.filter { $0.absorbedInto == nil }.flatMap { slot in
                slot.events.map { (slot.device.id, $0) }
            },
            sql: sql
        )

        // Last, in key order: the per-(site, verdict) counts every batch of a site updates are held briefly.
        _ = try await insertRows(
            "INSERT INTO device_counts (site, verdict, devices)",
            plan.countChanges.map { [.text(site), .text($0.verdict.rawValue), .integer($0.delta)] },
            suffix: "ON CONFLICT (site, verdict) DO UPDATE SET devices = device_counts.devices + excluded.devices",
            sql: sql
        )
    }
}
