/// One probe's result on the wire: the `camprint.report/v1` schema shared by `camprint probe
/// --format json`, `camprint identify`, the agent's uploads and the collector's ingest.
///
/// Field names are part of the contract (README, "Report schema"). New optional fields may be
/// added within v1; renaming or removing one needs `camprint.report/v2`.
public struct Report: Codable, Hashable, Sendable {
    /// Always ``Report/schemaV1`` for this version.
    public var schema: String
    /// Unique per report (a UUID string); the collector deduplicates on it.
    public var reportId: String
    /// When the probe finished, RFC 3339 UTC (`2026-11-26T15:04:05Z`).
    public var observedAt: String
    /// Who produced the report.
    public var source: ReportSource?
    public var target: ReportTarget
    public var status: ProbeStatus
    /// Present when `status` is not `ok`: what went wrong, in one line.
    public var error: ReportError?
    public var identity: ReportIdentity
    /// Identifiers that keep a device's inventory entry stable across address changes.
    public var device: ReportDevice?
    /// Video and audio streams as seen by the media plane (empty with `--no-media`).
    public var streams: [ReportStream]
    /// Wall time of the probe in milliseconds.
    public var durationMs: Int?
    /// How the device was found, when a discovery sweep found it.
    public var discovery: ReportDiscovery?
    /// The recorder and channel this camera was seen through, when it is behind a recorder.
    public var behind: ReportBehind?

    public static let schemaV1 = "camprint.report/v1"

    public init(
        reportId: String,
        observedAt: String,
        source: ReportSource? = nil,
        target: ReportTarget,
        status: ProbeStatus,
        error: ReportError? = nil,
        identity: ReportIdentity,
        device: ReportDevice? = nil,
        streams: [ReportStream] = [],
        durationMs: Int? = nil,
        discovery: ReportDiscovery? = nil,
        behind: ReportBehind? = nil
    ) {
        self.schema = Self.schemaV1
        self.reportId = reportId
        self.observedAt = observedAt
        self.source = source
        self.target = target
        self.status = status
        self.error = error
        self.identity = identity
        self.device = device
        self.streams = streams
        self.durationMs = durationMs
        self.discovery = discovery
        self.behind = behind
    }
}

/// The program and site that produced a report.
public struct ReportSource: Codable, Hashable, Sendable {
    /// `camprint probe`, `camprint identify` or `camprint agent`.
    public var kind: String
    public var version: String
    /// The agent's configured site name; absent for one-off probes.
    public var site: String?
    /// The agent's host name, when known.
    public var agent: String?
    /// The producing binary's git commit, build date and signature database version
    /// (``CamprintBuild``); optional within v1, absent from reports of older builds.
    public var commit: String?
    public var buildDate: String?
    public var signatures: String?

    /// `build`: the producing binary (``CamprintBuild/current`` for reports made here); its
    /// commit, build date and signature database version are recorded beside `version`.
    public init(kind: String, version: String, site: String? = nil, agent: String? = nil, build: CamprintBuild? = nil) {
        self.kind = kind
        self.version = version
        self.site = site
        self.agent = agent
        self.commit = build?.commit
        self.buildDate = build?.date
        self.signatures = build?.signatures
    }
}

/// What was probed. `url` is always redacted: no user name, no password.
public struct ReportTarget: Codable, Hashable, Sendable {
    public var url: String
    public var host: String
    public var port: Int?
    public var path: String?
    /// `file` when the target is a local recording (`camprint probe FILE`: `url` and `path` are
    /// its absolute path, `host` is `localhost`); absent for network streams. Optional within v1.
    public var kind: String?

    /// ``kind`` of a local recording.
    public static let fileKind = "file"
    /// A device a sweep found without an RTSP port: identified from its discovery answers; `url`
    /// names the first channel that answered (`sadp://10.0.0.5`).
    public static let discoveryKind = "discovery"

    public init(url: String, host: String, port: Int? = nil, path: String? = nil, kind: String? = nil) {
        self.url = url
        self.host = host
        self.port = port
        self.path = path
        self.kind = kind
    }
}

/// How a probe ended. Stable strings; README, Exit codes, gives the exit codes they map to.
public enum ProbeStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case ok
    case authRequired = "auth_required"
    case authFailed = "auth_failed"
    case forbidden
    case notFound = "not_found"
    case unreachable
    case timeout
    case busy
    case notRTSP = "not_rtsp"
    case malformed
    case noVideo = "no_video"
    case unsupported
    case error
}

/// A one-line error: a stable code and a message that never contains credentials.
public struct ReportError: Codable, Hashable, Sendable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
