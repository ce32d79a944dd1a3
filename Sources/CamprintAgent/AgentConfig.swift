public import CamprintClients
public import CamprintDiscovery
public import CamprintFFmpeg
public import CamprintReport
public import Foundation

/// The agent's configuration file (`agent.yaml`), validated: every key known, every value in range.
/// Credentials are names of files in ``credentialsDirectory``, never inline passwords.
public struct AgentConfig: Sendable {
    /// Where reports go.
    public struct Collector: Sendable {
        /// `http://` or `https://` base URL; reports go to `<url>/api/v1/reports`.
        public var url: URL
        /// File holding the bearer token (one line).
        public var tokenFile: String?
        /// Name of a file in the credentials directory holding the bearer token (systemd `LoadCredential=`).
        public var tokenCredential: String?
        /// PEM file with the CA certificate(s) that sign the collector's certificate (HTTPS only).
        public var caFile: String?
        /// `http://` to a host that is not loopback: the token would travel in clear; only with
        /// `allow_insecure_http: true`.
        public var allowInsecureHTTP: Bool = false
    }

    /// The durable queue of reports not yet acknowledged by the collector.
    public struct Spool: Sendable {
        public var path: String
        public var maxBytes: Int
        public var maxAge: Duration
    }

    /// One camera stream.
    public struct Target: Sendable {
        public var url: RTSPURL
        /// Name of a file in the credentials directory (`username:password`, or two lines).
        public var credentials: String?
        public var interval: Duration
        public var media: Bool
        public var timeout: Duration
        /// HTTP port of the device-information channels (banner, ISAPI, ONVIF); `nil`: not asked.
        public var httpPort: Int?
        /// Answer a Basic-only camera over clear text (`allow_basic`, ControlPlaneOptions.allowBasic).
        public var allowBasic: Bool = false
        /// Authenticated ONVIF requests (`onvif_auth`, DeviceInfoOptions.onvifAuthentication).
        public var onvifAuthentication: Bool = false
        /// Line of the target in the configuration file (for messages).
        public var line: Int
        /// A device a discovery sweep found (not in the file): probed with ``DiscoveredProbe``, its
        /// credentials chosen by the `discovery.credentials` rules.
        public var discovered: DiscoveredDevice?
        /// A configured target a sweep found again: the `discovery` section of its reports
        /// (`found: configured`).
        public var discovery: ReportDiscovery?
    }

    /// The `discovery:` section: address ranges swept on a schedule; what answers joins the probe
    /// schedule (``AgentDiscovery``).
    public struct Discovery: Sendable {
        /// Which credentials a discovered device gets: those of the first rule whose `range` holds its
        /// address, else, once the unauthenticated probe identified its vendor, those of the first rule
        /// naming that vendor. Credentials go to no other address.
        public struct CredentialRule: Sendable {
            public enum Match: Sendable, Hashable {
                /// A CIDR block, `first-last` range or single address.
                case range(String)
                /// A vendor or brand as identified (compared case-insensitively).
                case vendor(String)
            }
            public var match: Match
            /// Name of a file in the credentials directory.
            public var credentials: String
            public var line: Int
        }

        /// CIDR blocks (`10.0.0.0/24`), ranges (`10.0.0.10-10.0.0.60`) or addresses to sweep.
        public var targets: [String]
        /// Addresses and ranges never touched.
        public var exclude: [String]
        public var interval: Duration
        /// Discovery channels (`sadp`, `wsd`, `ssdp`, `dhip`, `tcp`, `arp`); default all.
        public var channels: [String]
        /// New connections per second of the TCP sweep; `nil`: the discovery default.
        public var rate: Int?
        /// TCP ports swept (`554`, `10554/rtsp`, `8080/http`); `nil`: the discovery default.
        public var ports: [String]?
        /// Sweep addresses outside the private, loopback and link-local ranges.
        public var allowPublic: Bool
        /// Largest number of addresses the targets may expand to.
        public var maxAddresses: Int
        public var credentials: [CredentialRule]
        /// Line of the section's first key (for messages).
        public var line: Int

        public static let defaultInterval: Duration = .seconds(6 * 3600)
        public static let defaultMaxAddresses = 4096
        /// Upper bound of `max_addresses` (a /16).
        public static let maxMaxAddresses = 65_536
        public static let allChannels = ["sadp", "wsd", "ssdp", "dhip", "tcp", "arp"]
    }

    public var site: String
    public var collector: Collector
    public var interval: Duration
    public var jitter: Duration
    public var heartbeat: Duration
    public var concurrency: Int
    public var timeout: Duration
    public var transport: MediaTransport
    public var media: Bool
    /// Device information over HTTP (banner, ISAPI, ONVIF) on `httpPort`, unless a target says otherwise.
    public var http: Bool
    public var httpPort: Int
    public var credentialsDirectory: String?
    /// PEM file of the certificate authorities trusted for `rtsps://` cameras (`camera_ca_file`).
    public var cameraCAFile: String?
    public var spool: Spool
    public var metricsListen: String?
    public var logLevel: String
    public var targets: [Target]
    /// The `discovery:` section, when there is one.
    public var discovery: Discovery?

    /// Bounds of the configuration.
    public enum Limits {
        public static let maxTargets = 10_000
        public static let maxConcurrency = 256
        public static let maxConfigBytes = 4 << 20
    }

    /// Defaults of optional keys.
    public enum Defaults {
        public static let interval: Duration = .seconds(300)
        public static let jitter: Duration = .seconds(30)
        public static let heartbeat: Duration = .seconds(24 * 3600)
        public static let concurrency = 8
        public static let timeout: Duration = .seconds(10)
        public static let spoolMaxBytes = 256 << 20
        public static let spoolMaxAge: Duration = .seconds(7 * 24 * 3600)
        public static let logLevel = "info"
    }

    /// Reads and validates `path`; `environment` supplies `$CREDENTIALS_DIRECTORY`.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AgentConfigError) -> AgentConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentConfigError(key: nil, line: nil, message: "cannot read \(path)")
        }
        guard data.count <= Limits.maxConfigBytes, let text = String(data: data, encoding: .utf8) else {
            throw AgentConfigError(key: nil, line: nil, message: "\(path) is not a UTF-8 text file of at most 4 MiB")
        }
        return try parse(yaml: text, environment: environment)
    }

    /// Validates a configuration held in memory.
    public static func parse(
        yaml: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AgentConfigError) -> AgentConfig {
        try AgentConfigParser(environment: environment).parse(yaml)
    }
}

/// A configuration error: which key, on which line, and what is wrong.
public struct AgentConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Dotted key path (`collector.url`, `targets[2].credentials`), when one applies.
    public var key: String?
    /// 1-based line in the file, when known.
    public var line: Int?
    public var message: String

    public init(key: String?, line: Int?, message: String) {
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        var prefix = ""
        if let line { prefix += "line \(line): " }
        if let key { prefix += "\(key): " }
        return prefix + message
    }
}
