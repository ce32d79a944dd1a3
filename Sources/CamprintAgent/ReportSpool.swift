public import Foundation
import Logging
import NIOCore
import SQLiteNIO

/// The durable queue of reports the collector has not acknowledged yet: SQLite in WAL mode with
/// `synchronous=FULL`, so a report appended before a crash or power cut is still there afterwards.
/// Bounded by ``maxBytes`` and ``maxAge``: the oldest reports go first, counted in a persisted
/// `dropped` counter.
public actor ReportSpool {
    /// One spooled report.
    public struct Entry: Sendable, Hashable {
        public var reportId: String
        /// Milliseconds since 1970 when it was spooled.
        public var createdAt: Int64
        public var json: Data
    }

    public let path: String
    public let maxBytes: Int
    public let maxAge: Duration
    private let connection: SQLiteConnection
    private var closed = false

    /// Largest single report accepted (the collector's own limit is far above a real report).
    public static let maxReportBytes = 4 << 20

    private init(path: String, maxBytes: Int, maxAge: Duration, connection: SQLiteConnection) {
        self.path = path
        self.maxBytes = maxBytes
        self.maxAge = maxAge
        self.connection = connection
    }

    /// Opens (creating when needed) the spool at `path`.
    public static func open(path: String, maxBytes: Int, maxAge: Duration) async throws -> ReportSpool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path),
            logger: Logger(label: "camprint.agent.spool")
        )
        do {
            _ = try await connection.query("PRAGMA busy_timeout = 10000", [])
            _ = try await connection.query("PRAGMA journal_mode = WAL", [])
            _ = try await connection.query("PRAGMA synchronous = FULL", [])
            _ = try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS pending_reports (
                    report_id TEXT PRIMARY KEY,
                    created_at INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    body BLOB NOT NULL
                )
                """,
                []
            )
            _ = try await connection.query(
                "CREATE INDEX IF NOT EXISTS pending_reports_age ON pending_reports (created_at)",
                []
            )
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS spool_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
                []
            )
        } catch {
            try? await connection.close()
            throw error
        }
        return ReportSpool(path: path, maxBytes: maxBytes, maxAge: maxAge, connection: connection)
    }

    /// Stores a report (a second append of the same id is ignored), then evicts over the bounds.
    /// Returns how many reports were evicted.
    @discardableResult
    public func append(reportId: String, json: Data, now: Date = Date()) async throws -> Int {
        guard json.count <= Self.maxReportBytes else { throw SpoolError.reportTooLarge(json.count) }
        _ = try await connection.query(
            "INSERT OR IGNORE INTO pending_reports (report_id, created_at, size, body) VALUES (?1, ?2, ?3, ?4)",
            [
                .text(reportId), .integer(SQLiteInt64(Self.milliseconds(now))), .integer(SQLiteInt64(json.count)),
                .blob(ByteBuffer(bytes: json)),
            ]
        )
        return try await evict(now: now)
    }

    /// Drops reports older than ``maxAge`` and then the oldest until the total is within ``maxBytes``.
    @discardableResult
    public func evict(now: Date = Date()) async throws -> Int {
        let cutoff = Self.milliseconds(now) - Int(maxAge.components.seconds) * 1000
        let old =
            try await connection.query(
                "SELECT COUNT(*) FROM pending_reports WHERE created_at < ?1",
                [.integer(SQLiteInt64(cutoff))]
            ).first?.columns.first?.data.integer.map { Int($0) } ?? 0
        if old > 0 {
            _ = try await connection.query(
                "DELETE FROM pending_reports WHERE created_at < ?1",
                [.integer(SQLiteInt64(cutoff))]
            )
        }
        var evicted = old
        var total = try await totalBytes()
        while total > maxBytes {
            let rows = try await connection.query(
                "SELECT report_id, size FROM pending_reports ORDER BY created_at, rowid LIMIT 100",
                []
            )
            if rows.isEmpty { break }
            for row in rows where total > maxBytes {
                guard let id = row.columns[0].data.string, let size = row.columns[1].data.integer else { continue }
                _ = try await connection.query("DELETE FROM pending_reports WHERE report_id = ?1", [.text(id)])
                total -= Int(size)
                evicted += 1
            }
        }
        if evicted > 0 {
            _ = try await connection.query(
                """
                INSERT INTO spool_counters (name, value) VALUES ('dropped', ?1)
                ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                """,
                [.integer(SQLiteInt64(evicted))]
            )
        }
        return evicted
    }

    /// The oldest `limit` reports, oldest first.
    public func pending(limit: Int) async throws -> [Entry] {
        let rows = try await connection.query(
            "SELECT report_id, created_at, body FROM pending_reports ORDER BY created_at, rowid LIMIT ?1",
            [.integer(SQLiteInt64(max(0, limit)))]
        )
        return rows.compactMap { row in
            guard let id = row.columns[0].data.string, let created = row.columns[1].data.integer,
                case .blob(let buffer) = row.columns[2].data
            else { return nil }
            return Entry(reportId: id, createdAt: Int64(created), json: Data(buffer.readableBytesView))
        }
    }

    /// Removes acknowledged reports.
    public func delete(reportIds: [String]) async throws {
        guard !reportIds.isEmpty else { return }
        _ = try await connection.query("BEGIN IMMEDIATE", [])
        do {
            for id in reportIds {
                _ = try await connection.query("DELETE FROM pending_reports WHERE report_id = ?1", [.text(id)])
            }
            _ = try await connection.query("COMMIT", [])
        } catch {
            _ = try? await connection.query("ROLLBACK", [])
            throw error
        }
    }

    /// Reports waiting.
    public func count() async throws -> Int {
        Int(
            try await connection.query("SELECT COUNT(*) FROM pending_reports", []).first?.columns.first?.data.integer
                ?? 0
        )
    }

    /// Bytes of the reports waiting.
    public func totalBytes() async throws -> Int {
        Int(
            try await connection.query("SELECT COALESCE(SUM(size), 0) FROM pending_reports", []).first?.columns.first?
                .data.integer ?? 0
        )
    }

    /// Reports evicted over the spool's lifetime (persisted).
    public func dropped() async throws -> Int {
        Int(
            try await connection.query("SELECT value FROM spool_counters WHERE name = 'dropped'", []).first?.columns
                .first?.data.integer ?? 0
        )
    }

    /// The journal mode and synchronous level in force (for tests and `--check-config`).
    public func durability() async throws -> (journalMode: String, synchronous: Int) {
        let mode = try await connection.query("PRAGMA journal_mode", []).first?.columns.first?.data.string ?? ""
        let sync = try await connection.query("PRAGMA synchronous", []).first?.columns.first?.data.integer ?? -1
        return (mode, Int(sync))
    }

    public func close() async {
        guard !closed else { return }
        closed = true
        try? await connection.close()
    }

    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded())
    }
}

/// Spool failures other than SQLite's own.
public enum SpoolError: Error, Hashable, Sendable, CustomStringConvertible {
    case reportTooLarge(Int)

    public var description: String {
        switch self {
        case .reportTooLarge(let size): "a report of \(size) bytes is above the spool's per-report limit"
        }
    }
}
