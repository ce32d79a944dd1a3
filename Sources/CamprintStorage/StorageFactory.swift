import Foundation
public import Logging
import PostgresNIO

/// Opens the storage a ``DatabaseURL`` names and brings its schema up to date.
public enum StorageFactory {
    /// - Parameters:
    ///   - password: PostgreSQL only; from `$PGPASSWORD` or a password file, never from the URL.
    public static func open(
        _ url: DatabaseURL,
        password: String? = nil,
        logger: Logger = Logger(label: "camprint.storage")
    ) async throws -> any Storage {
        let backend: any SQLBackend
        switch url {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            backend = try await SQLiteBackend.open(path: path, logger: logger)
        case .postgres(let location):
            backend = try postgresBackend(location, password: password, logger: logger)
        }
        let storage = RelationalStorage(backend: backend)
        return try await prepare(storage, url: url)
    }

    static func postgresBackend(
        _ location: DatabaseURL.PostgresLocation,
        password: String?,
        logger: Logger = Logger(label: "camprint.storage")
    ) throws -> PostgresBackend {
        let tls: PostgresClient.Configuration.TLS =
            switch location.sslMode {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: tls
        )
        configuration.options.maximumConnections = 8
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return PostgresBackend(configuration: configuration, logger: logger)
    }

    private static func prepare(_ storage: RelationalStorage, url: DatabaseURL) async throws -> any Storage {
        let backend = storage.backend
        if case .postgres(let location) = url, let schema = location.schema {
            // Validated to [a-z0-9_], so it is safe inside the statement.
            do {
                try await backend.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            } catch {
                await storage.close()
                throw error
            }
        }
        do {
            try await storage.migrate(now: Int64(Date().timeIntervalSince1970 * 1000))
        } catch {
            await storage.close()
            throw error
        }
        return storage
    }
}
