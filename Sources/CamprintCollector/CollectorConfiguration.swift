import Foundation

/// Everything `camprint-collector serve` needs; read from `--config FILE` (JSON), then overridden by flags.
///
/// ```json
/// {"listen": "127.0.0.1:8080", "database": "sqlite:///var/lib/camprint-collector/collector.db",
///  "staleAfterSeconds": 259200, "maxBodyBytes": 8388608, "maxDecompressedBytes": 67108864,
///  "maxReportsPerRequest": 5000, "databasePasswordFile": "/run/credentials/camprint-collector.service/pg"}
/// ```
public struct CollectorConfiguration: Codable, Hashable, Sendable {
    /// `host:port`; `[::1]:8080` for IPv6.
    public var listen: String?
    /// `sqlite:///path` or `postgres://user@host:port/db`; default a SQLite file in the state directory.
    public var database: String?
    public var databasePasswordFile: String?
    public var stateDirectory: String?
    /// A device not seen for this long is stale (default 3 days).
    public var staleAfterSeconds: Int?
    public var maxBodyBytes: Int?
    public var maxDecompressedBytes: Int?
    public var maxReportsPerRequest: Int?

    public init(
        listen: String? = nil,
        database: String? = nil,
        databasePasswordFile: String? = nil,
        stateDirectory: String? = nil,
        staleAfterSeconds: Int? = nil,
        maxBodyBytes: Int? = nil,
        maxDecompressedBytes: Int? = nil,
        maxReportsPerRequest: Int? = nil
    ) {
        self.listen = listen
        self.database = database
        self.databasePasswordFile = databasePasswordFile
        self.stateDirectory = stateDirectory
        self.staleAfterSeconds = staleAfterSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxReportsPerRequest = maxReportsPerRequest
    }

    public static let defaultListen = "127.0.0.1:8080"
    public static let defaultStaleAfterSeconds = 3 * 24 * 3600
    public static let defaultStateDirectory = "/var/lib/camprint-collector"

    public static func load(path: String) throws -> CollectorConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(CollectorConfiguration.self, from: data)
    }

    /// `other`'s values where set, ours elsewhere.
    public func overridden(by other: CollectorConfiguration) -> CollectorConfiguration {
        CollectorConfiguration(
            listen: other.listen ?? listen,
            database: other.database ?? database,
            databasePasswordFile: other.databasePasswordFile ?? databasePasswordFile,
            stateDirectory: other.stateDirectory ?? stateDirectory,
            staleAfterSeconds: other.staleAfterSeconds ?? staleAfterSeconds,
            maxBodyBytes: other.maxBodyBytes ?? maxBodyBytes,
            maxDecompressedBytes: other.maxDecompressedBytes ?? maxDecompressedBytes,
            maxReportsPerRequest: other.maxReportsPerRequest ?? maxReportsPerRequest
        )
    }

    /// `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`; the first of a colon list), else the default.
    public var resolvedStateDirectory: String {
        if let stateDirectory { return stateDirectory }
        if let fromSystemd = ProcessInfo.processInfo.environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            return String(fromSystemd)
        }
        return Self.defaultStateDirectory
    }

    public var resolvedDatabase: String {
        database ?? "sqlite://" + resolvedStateDirectory + "/collector.db"
    }

    public var limits: IngestLimits {
        let defaults = IngestLimits.default
        return IngestLimits(
            maxBodyBytes: maxBodyBytes ?? defaults.maxBodyBytes,
            maxDecompressedBytes: maxDecompressedBytes ?? defaults.maxDecompressedBytes,
            maxReportsPerRequest: maxReportsPerRequest ?? defaults.maxReportsPerRequest
        )
    }

    public var staleAfterMilliseconds: Int64 {
        Int64(staleAfterSeconds ?? Self.defaultStaleAfterSeconds) * 1000
    }

    /// `(host, port)` from `listen`.
    public func listenAddress() throws -> (host: String, port: Int) {
        let text = listen ?? Self.defaultListen
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw CollectorError.configuration("listen: expected host:port, got \"\(text.prefix(64))\"") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw CollectorError.configuration("listen: missing host") }
        return (host, port)
    }

    /// The PostgreSQL password: the password file's first line, else `$PGPASSWORD`, else none.
    public func databasePassword() throws -> String? {
        if let file = databasePasswordFile {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        return ProcessInfo.processInfo.environment["PGPASSWORD"]
    }
}

public enum CollectorError: Error, CustomStringConvertible {
    case configuration(String)
    case noActiveToken(Int64)

    public var description: String {
        switch self {
        case .configuration(let reason): "configuration: \(reason)"
        case .noActiveToken(let id): "no active token \(id)"
        }
    }
}
