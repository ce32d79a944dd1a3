/// The control-plane section of a `camprint probe` report (optional within `camprint.report/v1`):
/// what was sent and what came back, byte for byte, with credentials and URL user-info removed.
public struct ReportRTSP: Codable, Hashable, Sendable {
    /// The URL after redirects (redacted).
    public var finalURL: String
    /// Redirect targets followed, in order (redacted).
    public var redirects: [String]
    /// The peer address of the last connection (`host:port`).
    public var peer: String?
    public var authentication: ReportAuthentication?
    public var exchanges: [ReportRTSPExchange]
    /// The DESCRIBE 200 body as text.
    public var sdp: String?
    /// A session was handed out and TEARDOWN was sent for it.
    public var tornDown: Bool
    /// Control-plane wall time in milliseconds.
    public var durationMs: Double
    /// How the stream of a bare address (`rtsp://host[:port]`, no path) was found; absent when the
    /// URL named its path. Optional: added within camprint.report/v1.
    public var streamSearch: ReportStreamSearch?

    public init(
        finalURL: String,
        redirects: [String] = [],
        peer: String? = nil,
        authentication: ReportAuthentication? = nil,
        exchanges: [ReportRTSPExchange] = [],
        sdp: String? = nil,
        tornDown: Bool = false,
        durationMs: Double,
        streamSearch: ReportStreamSearch? = nil
    ) {
        self.streamSearch = streamSearch
        self.finalURL = finalURL
        self.redirects = redirects
        self.peer = peer
        self.authentication = authentication
        self.exchanges = exchanges
        self.sdp = sdp
        self.tornDown = tornDown
        self.durationMs = durationMs
    }
}

/// The one authentication attempt of a probe. Never carries the user name or password.
public struct ReportAuthentication: Codable, Hashable, Sendable {
    /// `Digest` or `Basic`.
    public var scheme: String
    public var algorithm: String?
    public var qop: String?
    public var realm: String?
    /// True when the password crossed the network recoverably (Basic without TLS).
    public var sentInClear: Bool
    public var accepted: Bool

    public init(
        scheme: String,
        algorithm: String? = nil,
        qop: String? = nil,
        realm: String? = nil,
        sentInClear: Bool,
        accepted: Bool
    ) {
        self.scheme = scheme
        self.algorithm = algorithm
        self.qop = qop
        self.realm = realm
        self.sentInClear = sentInClear
        self.accepted = accepted
    }
}

/// One request and its response as text.
public struct ReportRTSPExchange: Codable, Hashable, Sendable {
    public var method: String
    /// Request URI (redacted).
    public var url: String
    /// `nil` when no complete response came.
    public var statusCode: Int?
    /// From request written to response complete, in milliseconds.
    public var roundTripMs: Double?
    /// The request as sent, `Authorization` replaced by `<scheme> (redacted)`.
    public var request: String
    /// The response bytes as text (non-ASCII bytes as U+FFFD), URLs redacted.
    public var response: String
    public var responseBytes: Int

    public init(
        method: String,
        url: String,
        statusCode: Int?,
        roundTripMs: Double?,
        request: String,
        response: String,
        responseBytes: Int
    ) {
        self.method = method
        self.url = url
        self.statusCode = statusCode
        self.roundTripMs = roundTripMs
        self.request = request
        self.response = response
        self.responseBytes = responseBytes
    }
}

/// The search of a bare address's stream path: `/`, then vendor paths, at most `limit` requests.
public struct ReportStreamSearch: Codable, Hashable, Sendable {
    /// The path (and query) that answered with a stream, or that asked for credentials none were
    /// given for (``authenticationRequired``); absent when none did.
    public var path: String?
    /// True when ``path`` answered 401 and no credentials were given.
    public var authenticationRequired: Bool
    /// Requests sent during the search (OPTIONS, DESCRIBE, authenticated DESCRIBE).
    public var requests: Int
    /// The cap on ``requests``.
    public var limit: Int
    /// The paths asked, in order.
    public var tried: [String]
    /// The vendors the device's first answers pointed to, which ranked the paths.
    public var hintedVendors: [String]

    public init(
        path: String?,
        authenticationRequired: Bool,
        requests: Int,
        limit: Int,
        tried: [String],
        hintedVendors: [String]
    ) {
        self.path = path
        self.authenticationRequired = authenticationRequired
        self.requests = requests
        self.limit = limit
        self.tried = tried
        self.hintedVendors = hintedVendors
    }
}
