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

    public init(
        finalURL: String,
        redirects: [String] = [],
        peer: String? = nil,
        authentication: ReportAuthentication? = nil,
        exchanges: [ReportRTSPExchange] = [],
        sdp: String? = nil,
        tornDown: Bool = false,
        durationMs: Double
    ) {
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
