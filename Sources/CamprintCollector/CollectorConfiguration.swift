import CamprintWire
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
    /// Per-token upload rate (default ``RateLimit/default``: 20 requests/s, bursts of 120).
    public var rateLimitPerSecond: Double?
    public var rateLimitBurst: Int?
    /// Idle connections are closed after this many seconds (default 30).
    public var idleTimeoutSeconds: Int?
    /// A file of read tokens, one a line (mode 0600 or stricter): required to read when set.
    public var readTokenFile: String?
    /// Serve the page and API without a token on a non-loopback address, on purpose.
    public var publicRead: Bool?
    /// Host names (the `Host` header) the collector answers for; empty: any.
    public var allowedHosts: [String]?
    /// Mark the read cookie `Secure` whatever the proxy says.
    public var secureCookies: Bool?
    /// Where operators add policies and lineage rows (default `/etc/camprint/policies.d`).
    public var policyDirectory: String?

    public init(
        listen: String? = nil,
        database: String? = nil,
        databasePasswordFile: String? = nil,
        stateDirectory: String? = nil,
        staleAfterSeconds: Int? = nil,
        maxBodyBytes: Int? = nil,
        maxDecompressedBytes: Int? = nil,
        maxReportsPerRequest: Int? = nil,
        rateLimitPerSecond: Double? = nil,
        rateLimitBurst: Int? = nil,
        idleTimeoutSeconds: Int? = nil,
        readTokenFile: String? = nil,
        publicRead: Bool? = nil,
        allowedHosts: [String]? = nil,
        secureCookies: Bool? = nil,
        policyDirectory: String? = nil
    ) {
        self.listen = listen
        self.database = database
        self.databasePasswordFile = databasePasswordFile
        self.stateDirectory = stateDirectory
        self.staleAfterSeconds = staleAfterSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxReportsPerRequest = maxReportsPerRequest
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTokenFile = readTokenFile
        self.publicRead = publicRead
        self.allowedHosts = allowedHosts
        self.secureCookies = secureCookies
        self.policyDirectory = policyDirectory
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
            maxReportsPerRequest: other.maxReportsPerRequest ?? maxReportsPerRequest,
            rateLimitPerSecond: other.rateLimitPerSecond ?? rateLimitPerSecond,
            rateLimitBurst: other.rateLimitBurst ?? rateLimitBurst,
            idleTimeoutSeconds: other.idleTimeoutSeconds ?? idleTimeoutSeconds,
            readTokenFile: other.readTokenFile ?? readTokenFile,
            publicRead: other.publicRead ?? publicRead,
            allowedHosts: other.allowedHosts ?? allowedHosts,
            secureCookies: other.secureCookies ?? secureCookies,
            policyDirectory: other.policyDirectory ?? policyDirectory
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

    public var rateLimit: RateLimit {
        RateLimit(
            requestsPerSecond: rateLimitPerSecond ?? RateLimit.default.requestsPerSecond,
            burst: rateLimitBurst ?? RateLimit.default.burst
        )
    }

    public var staleAfterMilliseconds: Int64 {
        Int64(staleAfterSeconds ?? Self.defaultStaleAfterSeconds) * 1000
    }

    /// `(host, port)` from `listen`.
    public func listenAddress() throws -> (host: String, port: Int) {
        let text = listen ?? Self.defaultListen
        let parsed: HostPort
        do {
            parsed = try HostPort(parsing: text, ports: 0...65535)
        } catch .missingHost {
            throw CollectorError.configuration("listen: missing host")
        } catch {
            throw CollectorError.configuration("listen: expected host:port, got \"\(text.prefix(64))\"")
        }
        guard let port = parsed.port else {
            throw CollectorError.configuration("listen: expected host:port, got \"\(text.prefix(64))\"")
        }
        return (parsed.host, port)
    }

    /// The shipped policies, after the operator's (``policyDirectory`` or `/etc/camprint/policies.d`), self-tested.
    public func loadPolicies() throws -> PolicyCatalog {
        let catalog: PolicyCatalog
        do {
            if let policyDirectory {
                catalog = try PolicyCatalog.load(
                    extraDirectories: [URL(fileURLWithPath: policyDirectory, isDirectory: true)],
                    includeOperatorDirectory: false
                )
            } else {
                catalog = try PolicyCatalog.load()
            }
        } catch {
            throw CollectorError.configuration("policies: \(error.description)")
        }
        if let failure = catalog.selfTest().first {
            throw CollectorError.configuration("policies: self-test failed: \(failure)")
        }
        return catalog
    }

    /// Whether `host` (a listen address) is reachable only from this machine: `localhost`, 127.0.0.0/8, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// Who may read, checked against where the collector listens: off loopback, a read token file or an
    /// explicit `publicRead` is required.
    public func readAccess() throws -> ReadAccess {
        if let readTokenFile { return try ReadAccess.load(path: readTokenFile) }
        let (host, _) = try listenAddress()
        guard Self.isLoopback(host) || publicRead == true else {
            throw CollectorError.configuration(
                "listening on \(host), not loopback: give --read-token-file FILE (readers need a token) "
                    + "or --public-read (anyone who reaches the port reads the inventory)"
            )
        }
        return .open
    }

    /// The PostgreSQL password: the password file's first line, else `$PGPASSWORD`, else none.
    public func databasePassword() throws -> String? {
        if let file = databasePasswordFile {
            let text: String
            do {
                text = try SecretFile.read(file)
            } catch let error as SecretFile.Failure {
                throw CollectorError.configuration("--database-password-file: \(error.description)")
            }
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
