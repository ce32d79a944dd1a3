/// Deadlines and limits of one control-plane probe.
public struct ControlPlaneOptions: Hashable, Sendable {
    /// Upper bound for resolving the host name.
    public var resolveTimeout: Duration
    /// Upper bound for each TCP (and TLS) connect.
    public var connectTimeout: Duration
    /// Upper bound for each response, from the request written to the response complete.
    public var readTimeout: Duration
    /// Upper bound for the whole probe, redirects included; no step outlives it.
    public var totalTimeout: Duration
    /// RFC 2326 §11.3 redirects followed at most.
    public var maximumRedirects: Int
    /// The `User-Agent` header sent with every request.
    public var userAgent: String
    /// PEM file of the certificate authorities trusted for `rtsps://`: the server's certificate
    /// must chain to one of them and name the host (or its IP address); ``systemTrustStore``
    /// (`system`) trusts the system's authorities instead. `nil` accepts any certificate, as
    /// cameras' are self-signed.
    public var caFile: String?

    /// The `caFile` value that means the system's trust store (the operator's explicit choice).
    public static let systemTrustStore = "system"
    /// Answer a Basic challenge where the password would go in clear (plain `rtsp://`, or
    /// `rtsps://` without ``caFile``): the operator's explicit opt-in. Without it such a camera
    /// ends with ``ControlPlaneFailure/basicRefused(realm:)`` and no password leaves.
    public var allowBasic: Bool
    /// Follow a redirect to another host (credentials are never sent there, see
    /// ``ControlPlaneRun``); without it such a redirect ends the probe with
    /// ``ControlPlaneFailure/redirectToOtherHost(location:)``.
    public var followRedirectsToOtherHosts: Bool
    /// A URL without a path (or with `/`) is a bare address whose stream is searched:
    /// `/` first, then the vendor paths of ``StreamPaths`` in the order the device's first
    /// answers suggest, at most ``StreamPaths/requestLimit`` requests.
    public var searchesStreamPath: Bool

    public init(
        resolveTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(5),
        readTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(10),
        maximumRedirects: Int = 3,
        userAgent: String = "camprint",
        caFile: String? = nil,
        allowBasic: Bool = false,
        followRedirectsToOtherHosts: Bool = false,
        searchesStreamPath: Bool = false
    ) {
        self.searchesStreamPath = searchesStreamPath
        self.allowBasic = allowBasic
        self.followRedirectsToOtherHosts = followRedirectsToOtherHosts
        self.resolveTimeout = resolveTimeout
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.totalTimeout = totalTimeout
        self.maximumRedirects = maximumRedirects
        self.userAgent = userAgent
        self.caFile = caFile
    }

    /// True when `url`'s connection is TLS with a certificate verified against ``caFile``: the only
    /// connection over which a password may go as Basic without ``allowBasic``.
    public func isVerifiedTLS(_ url: RTSPURL) -> Bool { url.isTLS && caFile != nil }

    /// Every step bounded by `total`: connect and read at most `total`, resolve at most half.
    public static func within(
        total: Duration,
        userAgent: String = "camprint",
        caFile: String? = nil,
        allowBasic: Bool = false,
        followRedirectsToOtherHosts: Bool = false,
        searchesStreamPath: Bool = false
    ) -> ControlPlaneOptions {
        ControlPlaneOptions(
            resolveTimeout: min(.seconds(5), total),
            connectTimeout: min(.seconds(5), total),
            readTimeout: min(.seconds(5), total),
            totalTimeout: total,
            userAgent: userAgent,
            caFile: caFile,
            allowBasic: allowBasic,
            followRedirectsToOtherHosts: followRedirectsToOtherHosts,
            searchesStreamPath: searchesStreamPath
        )
    }
}
