import Logging
import NIOCore
import SQLiteNIO

/// SQLite through SQLiteNIO: one writer connection behind an async lock (`BEGIN IMMEDIATE`), one reader
/// connection; WAL journal so readers never wait for the writer, and a busy timeout for other processes
/// (`camprint-collector token …` while the server runs).
final class SQLiteBackend: SQLBackend {
    let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    private let writeLock = AsyncLock()

    static let busyTimeoutMilliseconds = 10_000

    private init(writer: SQLiteConnection, reader: SQLiteConnection) {
        self.writer = writer
        self.reader = reader
    }

    static func open(path: String, logger: Logger = Logger(label: "camprint.storage")) async throws -> SQLiteBackend {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            _ = try await writer.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", [])
            _ = try await writer.query("PRAGMA journal_mode = WAL", [])
            _ = try await writer.query("PRAGMA synchronous = NORMAL", [])
            _ = try await writer.query("PRAGMA foreign_keys = ON", [])
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            _ = try await reader.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", [])
            return SQLiteBackend(writer: writer, reader: reader)
        } catch {
            try? await writer.close()
            throw error
        }
    }

    /// Reads outside a transaction go to the reader connection.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [[SQLValue]] {
        try await Self.run(sql, binds, on: reader)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        let writer = self.writer
        return try await writeLock.withLock {
            _ = try await writer.query("BEGIN IMMEDIATE", [])
            do {
                let value = try await body(SQLiteExecutor(connection: writer))
                _ = try await writer.query("COMMIT", [])
                return value
            } catch {
                _ = try? await writer.query("ROLLBACK", [])
                throw error
            }
        }
    }

    func close() async {
        try? await reader.close()
        try? await writer.close()
    }

    fileprivate static func run(_ sql: String, _ binds: [SQLValue], on connection: SQLiteConnection) async throws
        -> [[SQLValue]]
    {
        let rows = try await connection.query(numberedPlaceholders(sql), binds.map(\.sqlite))
        return rows.map { row in row.columns.map { SQLValue(sqlite: $0.data) } }
    }

    /// `$1` → `?1`: SQLite reads `$1` as a *named* parameter numbered by first appearance; `?1` is positional.
    static func numberedPlaceholders(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count)
        var previous: Character = " "
        for character in sql {
            if previous == "$", character.isNumber {
                output.removeLast()
                output.append("?")
            }
            output.append(character)
            previous = character
        }
        return output
    }
}

private struct SQLiteExecutor: SQLExecutor {
    let connection: SQLiteConnection

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [[SQLValue]] {
        try await SQLiteBackend.run(sql, binds, on: connection)
    }
}

extension SQLValue {
    fileprivate var sqlite: SQLiteData {
        switch self {
        case .null: .null
        case .integer(let value): .integer(SQLiteInt64(value))
        case .real(let value): .float(value)
        case .text(let value): .text(value)
        }
    }

    fileprivate init(sqlite: SQLiteData) {
        switch sqlite {
        case .null: self = .null
        case .integer(let value): self = .integer(Int64(value))
        case .float(let value): self = .real(value)
        case .text(let value): self = .text(value)
        case .blob(let buffer): self = .text(String(buffer: buffer))
        }
    }
}
