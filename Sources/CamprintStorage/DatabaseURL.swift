/// Where the collector keeps its data: `sqlite:///var/lib/camprint-collector/collector.db` or
/// `postgres://user@host:port/database[?sslmode=disable|prefer|require][&schema=name]` (`schema`: the
/// tables live in that PostgreSQL schema, created when missing; default `public`).
///
/// Without `sslmode`, a loopback host (`localhost`, 127.0.0.0/8, `::1`) means `disable` (nothing crosses
/// a network) and any other host `require` (TLS with the server's certificate verified against the
/// system's trust store); `prefer` would silently fall back to clear text.
///
/// A password is never accepted inside the URL (it would show in `ps` and in logs): it comes from
/// `$PGPASSWORD` or a password file.
public enum DatabaseURL: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    public struct PostgresLocation: Hashable, Sendable {
        public var user: String
        public var host: String
        public var port: Int
        public var database: String
        public var sslMode: SSLMode
        /// Lowercase letters, digits and `_` only.
        public var schema: String?

        public enum SSLMode: String, Hashable, Sendable {
            case disable, prefer, require
        }
    }

    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case unsupportedScheme(String)
        case passwordInURL
        case missingPath
        case invalid(String)

        public var description: String {
            switch self {
            case .unsupportedScheme(let scheme):
                "database URL: unsupported scheme \"\(scheme.prefix(16))\" (use sqlite:///path or postgres://user@host/db)"
            case .passwordInURL:
                "database URL: must not contain a password; use $PGPASSWORD or --database-password-file"
            case .missingPath: "database URL: sqlite URL needs an absolute path, like sqlite:///var/lib/x/collector.db"
            case .invalid(let reason): "database URL: \(reason)"
            }
        }
    }

    public init(parsing text: String) throws(ParseError) {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else { throw .missingPath }
            self = .sqlite(path: path)
            return
        }
        let scheme: String
        if text.hasPrefix("postgres://") {
            scheme = "postgres://"
        } else if text.hasPrefix("postgresql://") {
            scheme = "postgresql://"
        } else {
            throw .unsupportedScheme(String(text.prefix(while: { $0 != ":" })))
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw .invalid("missing /database") }
        let authority = rest[..<slash]
        let database = String(rest[rest.index(after: slash)...])
        guard !database.isEmpty else { throw .invalid("missing database name") }
        var user = "postgres"
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if userInfo.contains(":") { throw .passwordInURL }
            user = String(userInfo)
            hostPort = authority[authority.index(after: at)...]
        }
        var host = String(hostPort)
        var port = 5432
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .invalid("unclosed [ in host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else {
                    throw .invalid("bad port")
                }
                port = value
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let value = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(value) else {
                throw .invalid("bad port")
            }
            port = value
        }
        guard !host.isEmpty else { throw .invalid("missing host") }
        var sslMode: PostgresLocation.SSLMode = Self.isLoopback(host) ? .disable : .require
        var schema: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0] == "sslmode" {
                guard let mode = PostgresLocation.SSLMode(rawValue: String(parts[1])) else {
                    throw .invalid("sslmode must be disable, prefer or require")
                }
                sslMode = mode
            } else if parts[0] == "schema" {
                let name = parts[1]
                guard name.count <= 63, let first = name.first, first.isLetter,
                    name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" })
                else { throw .invalid("schema must be lowercase letters, digits and _") }
                schema = String(name)
            }
        }
        self = .postgres(
            PostgresLocation(
                user: user,
                host: host,
                port: port,
                database: database,
                sslMode: sslMode,
                schema: schema
            )
        )
    }

    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Safe to log: never holds a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let location):
            "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)"
                + "?sslmode=\(location.sslMode.rawValue)" + (location.schema.map { "&schema=" + $0 } ?? "")
        }
    }
}
