import Foundation

/// User name and password a camera accepts.
public struct Credentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// One emulated camera: a persona serving one media file on one path.
public struct CameraConfig: Sendable {
    public var persona: Persona
    public var media: MediaSource
    /// The path this camera answers on (defaults to the persona's).
    public var path: String
    /// `nil` turns authentication off.
    public var credentials: Credentials?
    public var faults: FaultConfig
    /// Overrides of the persona's identity values (`serial`, `serial5`, `mac`, `model`).
    public var identity: [String: String]
    /// Send frames as fast as the socket takes them instead of in real time.
    public var fast: Bool
    /// Overrides the frame rate read from the SPS.
    public var framesPerSecond: Double?
    /// How the camera is named in `auth-failure` log lines (its index in a fleet).
    public var label: String
    /// Where the camera's HTTP server (ONVIF, ISAPI, web page) listens; `nil`: none. Used only
    /// when the persona has an `http:` section.
    public var http: HTTPListen?
    /// The camera's clock minus real time, in seconds (ONVIF time, RTSP `Date`).
    public var clockOffsetSeconds: Double
    /// Live camera: the stream runs on a clock shared by every session since the camera started,
    /// so a client joins wherever the stream is (mid-GOP, P-frames first); otherwise each PLAY
    /// starts on the media's first (key)frame.
    public var live: Bool
    /// How long a Digest nonce stays valid after it was issued; an older one gets 401 with
    /// `stale=TRUE` (RFC 2617 §3.2.1).
    public var nonceLifetimeSeconds: Double
    /// Where the camera's discovery responders listen (its own address); `nil`: none. Only the
    /// channels its persona's `discovery:` section has are bound.
    public var discovery: DiscoveryListen?

    public init(
        persona: Persona,
        media: MediaSource,
        path: String? = nil,
        credentials: Credentials? = nil,
        faults: FaultConfig = FaultConfig(),
        identity: [String: String] = [:],
        fast: Bool = false,
        framesPerSecond: Double? = nil,
        label: String? = nil,
        http: HTTPListen? = nil,
        clockOffsetSeconds: Double? = nil,
        live: Bool? = nil,
        nonceLifetimeSeconds: Double? = nil,
        discovery: DiscoveryListen? = nil
    ) {
        self.persona = persona
        self.media = media
        self.path = path ?? persona.path
        self.credentials = credentials
        self.faults = persona.faults.merging(faults)
        self.identity = persona.identity.merging(identity) { _, new in new }
        self.fast = fast
        self.framesPerSecond = framesPerSecond
        self.label = label ?? persona.name
        self.http = http
        self.clockOffsetSeconds = clockOffsetSeconds ?? persona.clockOffsetSeconds
        self.live = live ?? persona.live
        self.nonceLifetimeSeconds = nonceLifetimeSeconds ?? persona.nonceLifetimeSeconds
        self.discovery = discovery
    }
}

/// A loopback address for a camera's HTTP server (port 0 picks a free one).
public struct HTTPListen: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 0) {
        self.host = host
        self.port = port
    }
}

/// A running camera: its configuration and the state shared by its connections (failed logins).
final class Camera: @unchecked Sendable {
    let config: CameraConfig
    /// µs since 1970 at start, for `o=` lines.
    let startMicroseconds: UInt64
    private let lock = NSLock()
    private var failedLogins = 0
    private var lockedUntil: Date?
    /// Digest nonces issued on any of the camera's connections.
    let nonces: DigestNonces

    init(config: CameraConfig) {
        self.config = config
        nonces = DigestNonces(lifetime: config.nonceLifetimeSeconds)
        startMicroseconds = UInt64(Date().timeIntervalSince1970 * 1_000_000)
    }

    var persona: Persona { config.persona }

    var frameRate: Double { config.framesPerSecond ?? config.media.frameRate }

    /// The camera's clock: real time plus the configured offset.
    func now() -> Date { Date().addingTimeInterval(config.clockOffsetSeconds) }

    /// Whether logins are refused now (lockout fault).
    func isLockedOut(now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let until = lockedUntil {
            if now < until { return true }
            lockedUntil = nil
            failedLogins = 0
        }
        return false
    }

    /// Counts a failed login; returns true when it starts a lockout.
    func recordFailedLogin(now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        failedLogins += 1
        guard let lockout = config.faults.lockout, failedLogins >= lockout.after else { return false }
        lockedUntil = now.addingTimeInterval(lockout.seconds)
        return true
    }

    func recordSuccessfulLogin() {
        lock.lock()
        defer { lock.unlock() }
        failedLogins = 0
    }
}
