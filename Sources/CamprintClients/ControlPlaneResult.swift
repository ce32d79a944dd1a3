public import CamprintRTSP
public import CamprintReport
public import CamprintSDP

/// One request and what came back, byte for byte.
public struct RTSPExchange: Hashable, Sendable {
    /// The request as sent, except that an `Authorization` value is replaced by its scheme and
    /// `(redacted)`: a Basic token is the password in base64.
    public var request: RTSPRequest
    /// The response parsed by CamprintRTSP; `nil` when none came (timeout, close, garbage).
    public var response: RTSPResponse?
    /// Exactly the bytes of the response, or what arrived before the failure.
    public var rawResponse: [UInt8]
    /// From the request written to the last byte of the response.
    public var roundTrip: Duration?
    /// `host:port` the request went to.
    public var peer: String

    public var method: String { request.method }
}

/// What authentication the client did (at most once per probe).
public struct AuthenticationRecord: Hashable, Sendable {
    /// `Digest` or `Basic`.
    public var scheme: String
    /// Digest algorithm used (`MD5`, `SHA-256`, …).
    public var algorithm: String?
    /// `auth` when the challenge asked for qop.
    public var qop: String?
    public var realm: String?
    /// True when the password crossed the network recoverably: Basic without TLS.
    public var sentInClear: Bool
    /// True when the server accepted it (no second 401).
    public var accepted: Bool
}

/// Everything the control plane learned about one target.
public struct ControlPlaneResult: Sendable {
    /// The URL as asked for (never with user-info).
    public var url: RTSPURL
    /// The URL after redirects.
    public var finalURL: RTSPURL
    /// `nil` when the probe got a usable DESCRIBE answer with a video track.
    public var failure: ControlPlaneFailure?
    public var exchanges: [RTSPExchange] = []
    /// Redirect targets followed, in order.
    public var redirects: [String] = []
    public var authentication: AuthenticationRecord?
    /// Every `WWW-Authenticate` challenge seen, in order.
    public var challenges: [AuthenticateChallenge] = []
    /// The SDP of the DESCRIBE 200, when it parsed.
    public var sessionDescription: SessionDescription?
    /// The DESCRIBE 200 body as received.
    public var sdpBytes: [UInt8] = []
    /// Where the media plane should go: `Content-Base`/`Content-Location`, else the final URL.
    public var contentBase: String?
    /// A `Session:` was handed out, and TEARDOWN was sent for it.
    public var tornDown = false
    /// True when a redirect changed scheme, host or port: the credentials were withheld from then
    /// on, and nothing after the control plane (media plane) may use them for ``finalURL``.
    public var credentialsDropped = false
    /// The search of a bare address (``ControlPlaneOptions/searchesStreamPath``); `nil` when the
    /// URL named its path.
    public var streamSearch: StreamSearchRecord?
    /// Wall time of the control plane.
    public var duration: Duration = .zero

    public init(url: RTSPURL) {
        self.url = url
        self.finalURL = url
    }

    public var status: ProbeStatus { failure?.status ?? .ok }

    /// True when the credentials may be used for ``finalURL``: the camera accepted them there and
    /// no redirect took the probe elsewhere.
    public var credentialsAcceptedAtFinalURL: Bool { authentication?.accepted == true && !credentialsDropped }

    /// The parsed responses in order.
    public var responses: [RTSPResponse] { exchanges.compactMap(\.response) }
}
