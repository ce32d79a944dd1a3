/// One value bound to or read from a SQL statement, the same on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ integer: Int64?) { self = integer.map(SQLValue.integer) ?? .null }
    init(_ integer: Int?) { self = integer.map { SQLValue.integer(Int64($0)) } ?? .null }

    var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value.rounded())
        case .text(let value): Int64(value)
        case .null: nil
        }
    }

    var real: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let value): Double(value)
        case .null: nil
        }
    }

    var text: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null: nil
        }
    }
}

/// Which SQL the backend speaks where SQLite and PostgreSQL differ.
enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// Runs statements inside (or outside) a transaction. SQL uses `$1`, `$2`, … placeholders on both backends.
protocol SQLExecutor: Sendable {
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [[SQLValue]]
}

/// A database connection (pool) the relational storage runs on.
protocol SQLBackend: SQLExecutor {
    var dialect: SQLDialect { get }
    /// Runs `body` in one write transaction; commits when it returns, rolls back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    func close() async
}

extension SQLExecutor {
    func execute(_ sql: String, _ binds: [SQLValue] = []) async throws {
        _ = try await query(sql, binds)
    }
}
