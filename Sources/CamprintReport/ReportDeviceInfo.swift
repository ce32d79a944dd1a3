/// `deviceInfo`: what the HTTP device-information channels of `camprint probe` did (banner,
/// Hikvision ISAPI, ONVIF), one entry per request (or skipped request).
public struct ReportDeviceInfo: Codable, Hashable, Sendable {
    public var requests: [ReportDeviceInfoRequest]
    /// Camera clock minus the probe's clock, in seconds (ONVIF `GetSystemDateAndTime`).
    public var clockOffsetSeconds: Int?
    /// True when an authenticated request was rejected (no further authenticated request).
    public var credentialsRejected: Bool
    public var durationMs: Double

    public init(
        requests: [ReportDeviceInfoRequest],
        clockOffsetSeconds: Int? = nil,
        credentialsRejected: Bool = false,
        durationMs: Double
    ) {
        self.requests = requests
        self.clockOffsetSeconds = clockOffsetSeconds
        self.credentialsRejected = credentialsRejected
        self.durationMs = durationMs
    }
}

/// One request of a device-information channel.
public struct ReportDeviceInfoRequest: Codable, Hashable, Sendable {
    /// `banner`, `isapi` or `onvif`.
    public var channel: String
    /// `GET /`, `deviceInfo`, or the ONVIF operation.
    public var operation: String
    /// Without user-info.
    public var url: String
    public var authenticated: Bool
    public var statusCode: Int?
    public var durationMs: Double
    /// `ok`, `not-found`, `auth-required`, `auth-failed`, `skipped: …`, `status N`, `error: …`.
    public var outcome: String

    public init(
        channel: String,
        operation: String,
        url: String,
        authenticated: Bool,
        statusCode: Int?,
        durationMs: Double,
        outcome: String
    ) {
        self.channel = channel
        self.operation = operation
        self.url = url
        self.authenticated = authenticated
        self.statusCode = statusCode
        self.durationMs = durationMs
        self.outcome = outcome
    }
}
