import Logging
import NIOCore
import PostgresNIO

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`), whose `run()` lives in a task
/// owned by this backend.
final class PostgresBackend: SQLBackend {
    let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// Deadlocks and serialization failures between concurrent batches are retried this often.
    static let transactionAttempts = 5

    init(configuration: PostgresClient.Configuration, logger: Logger) {
        // The pool's own chatter (a lease racing `run()`'s start, connections closing at shutdown) is not
        // worth a log line; failures reach the caller as query errors.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [[SQLValue]] {
        let rows = try await client.query(Self.makeQuery(sql, binds), logger: logger)
        return try await Self.collect(rows)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    let logger = self.logger
                    try await connection.query("BEGIN", logger: logger)
                    do {
                        let value = try await body(PostgresExecutor(connection: connection, logger: logger))
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch let error as PSQLError {
                let state = error.serverInfo?[.sqlState]
                // 40P01 deadlock_detected, 40001 serialization_failure, 23505 unique_violation (a racing insert).
                guard attempt < Self.transactionAttempts, state == "40P01" || state == "40001" || state == "23505"
                else { throw error }
                attempt += 1
            }
        }
    }

    func close() async {
        runner.cancel()
        _ = await runner.value
    }

    static func makeQuery(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func collect(_ rows: PostgresRowSequence) async throws -> [[SQLValue]] {
        var result: [[SQLValue]] = []
        for try await row in rows {
            var values: [SQLValue] = []
            for cell in row {
                values.append(try SQLValue(cell: cell))
            }
            result.append(values)
        }
        return result
    }
}

private struct PostgresExecutor: SQLExecutor, @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [[SQLValue]] {
        let rows = try await connection.query(PostgresBackend.makeQuery(sql, binds), logger: logger)
        return try await PostgresBackend.collect(rows)
    }
}

extension SQLValue {
    fileprivate init(cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .integer(try cell.decode(Int64.self))
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .numeric: self = .real(Double(try cell.decode(String.self)) ?? 0)
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: self = (try? cell.decode(String.self)).map(SQLValue.text) ?? .null
        }
    }
}
