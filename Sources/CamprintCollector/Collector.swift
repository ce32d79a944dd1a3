public import CamprintStorage
import Foundation
import Hummingbird
public import Logging

/// Entry points for the executable and the demo: open storage, run the HTTP server until SIGTERM/SIGINT.
public enum Collector {
    /// Opens the storage named by the configuration (migrating it), serves until a signal, closes.
    public static func serve(configuration: CollectorConfiguration, logger: Logger) async throws {
        let (host, port) = try configuration.listenAddress()
        let readAccess = try configuration.readAccess()
        let policies = try configuration.loadPolicies()
        let storage = try await openStorage(configuration, logger: logger)
        let service = CollectorService(
            storage: storage,
            limits: configuration.limits,
            staleAfterMilliseconds: configuration.staleAfterMilliseconds,
            rateLimit: configuration.rateLimit,
            idleTimeoutSeconds: configuration.idleTimeoutSeconds ?? CollectorService.defaultIdleTimeoutSeconds,
            readAccess: readAccess,
            allowedHosts: configuration.allowedHosts ?? [],
            secureCookies: configuration.secureCookies ?? false,
            policies: policies
        )
        let app = service.makeApplication(host: host, port: port, logger: logger) { boundPort in
            logger.info(
                "collector listening",
                metadata: [
                    "address": "\(host):\(boundPort)", "read": "\(readAccess.isOpen ? "open" : "read token required")",
                ]
            )
        }
        do {
            try await app.runService()
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }

    /// The storage a configuration names, schema up to date. Logs the URL (which never holds a password).
    public static func openStorage(_ configuration: CollectorConfiguration, logger: Logger) async throws -> any Storage
    {
        let url = try DatabaseURL(parsing: configuration.resolvedDatabase)
        let storage = try await StorageFactory.open(url, password: try configuration.databasePassword(), logger: logger)
        logger.info("storage ready", metadata: ["database": "\(url)"])
        return storage
    }

    /// stderr, level from `$LOG_LEVEL` (default info).
    public static func makeLogger(defaultLevel: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "camprint-collector") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel =
            Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? defaultLevel
        return logger
    }
}
