/// The device-information channels of a probe (HTTP banner, Hikvision ISAPI, ONVIF).
public enum DeviceInfoChannel: String, Hashable, Sendable, CaseIterable {
    case banner
    case isapi
    case onvif
}

/// How one request of a channel ended.
public enum DeviceInfoOutcome: Hashable, Sendable, CustomStringConvertible {
    case ok
    case notFound
    /// 401 without credentials (the challenge is kept as evidence).
    case authRequired
    /// The credentials were rejected: no further authenticated request on any channel.
    case authFailed
    case skippedNoCredentials
    /// Another channel rejected the credentials (lockout counters are shared).
    case skippedCredentialsRejected
    /// An earlier request to the same host and port could not connect, or got no answer in time.
    case skippedUnreachable
    case skippedNoTime
    /// The probe's deadline left no time for it.
    case skippedDeadline
    /// The server offered only Basic, which over plain HTTP would send the password in clear.
    case skippedBasicOnly
    /// Authenticated ONVIF is off (``DeviceInfoOptions/onvifAuthentication``).
    case skippedONVIFAuthenticationOff
    /// Another status code.
    case status(Int)
    /// XML with a DTD or entity declaration, not parsed.
    case refusedDocumentType
    case invalidXML(String)
    case error(String)

    public var description: String {
        switch self {
        case .ok: "ok"
        case .notFound: "not-found"
        case .authRequired: "auth-required"
        case .authFailed: "auth-failed"
        case .skippedNoCredentials: "skipped: no accepted credentials"
        case .skippedCredentialsRejected: "skipped: credentials rejected earlier"
        case .skippedUnreachable: "skipped: port unreachable or silent"
        case .skippedNoTime: "skipped: no camera time"
        case .skippedDeadline: "skipped: deadline"
        case .skippedBasicOnly: "skipped: only Basic offered over plain HTTP"
        case .skippedONVIFAuthenticationOff: "skipped: authenticated ONVIF is off (onvif_auth, --onvif-auth)"
        case .status(let code): "status \(code)"
        case .refusedDocumentType: "error: XML document type declaration refused"
        case .invalidXML(let reason): "error: invalid XML: \(reason)"
        case .error(let reason): "error: \(reason)"
        }
    }
}

/// One request of a channel (or a request skipped), with what came back byte for byte.
public struct DeviceInfoExchange: Sendable {
    public var channel: DeviceInfoChannel
    /// `GET /`, `deviceInfo`, or the ONVIF operation name.
    public var operation: String
    /// Without user-info.
    public var url: String
    public var authenticated: Bool
    public var statusCode: Int?
    public var duration: Duration
    public var outcome: DeviceInfoOutcome
    /// The request as sent, `Authorization` redacted (WS-Security carries only a digest).
    public var request: HTTPRequestMessage?
    public var response: HTTPFetchedResponse?

    public init(
        channel: DeviceInfoChannel,
        operation: String,
        url: String,
        authenticated: Bool = false,
        statusCode: Int? = nil,
        duration: Duration = .zero,
        outcome: DeviceInfoOutcome,
        request: HTTPRequestMessage? = nil,
        response: HTTPFetchedResponse? = nil
    ) {
        self.channel = channel
        self.operation = operation
        self.url = url
        self.authenticated = authenticated
        self.statusCode = statusCode
        self.duration = duration
        self.outcome = outcome
        self.request = request
        self.response = response
    }

    /// The response bytes when they may be read as evidence: complete, no entity declaration,
    /// no document type declaration but HTML5's.
    public var evidenceBytes: [UInt8]? {
        guard let response, outcome != .refusedDocumentType, XMLSafety.isSafeEvidence(response.raw) else {
            return nil
        }
        return response.raw
    }
}

/// Everything the device-information channels did.
public struct DeviceInfoResult: Sendable {
    public var exchanges: [DeviceInfoExchange] = []
    /// Camera clock minus local clock, in seconds, from `GetSystemDateAndTime`.
    public var clockOffsetSeconds: Int?
    /// True once an authenticated request was rejected.
    public var credentialsRejected = false
    /// The IP channels of a recorder (cameras behind it), with their status when the recorder gave
    /// it; `nil` when not read (not a recorder, no accepted credentials, request failed).
    public var recorderChannels: [RecorderChannel]?
    public var duration: Duration = .zero

    public init() {}

    /// Authenticated requests that were rejected (at most one by design).
    public var failedAuthenticatedRequests: Int {
        exchanges.filter { $0.authenticated && $0.outcome == .authFailed }.count
    }
}
