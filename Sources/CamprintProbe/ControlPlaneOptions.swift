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
    /// must chain to one of them and name the host (or its IP address). `nil` accepts any
    /// certificate, as cameras' are self-signed.
    public var caFile: String?

    public init(
        resolveTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(5),
        readTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(10),
        maximumRedirects: Int = 3,
        userAgent: String = "camprint",
        caFile: String? = nil
    ) {
        self.resolveTimeout = resolveTimeout
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.totalTimeout = totalTimeout
        self.maximumRedirects = maximumRedirects
        self.userAgent = userAgent
        self.caFile = caFile
    }

    /// Every step bounded by `total`: connect and read at most `total`, resolve at most half.
    public static func within(
        total: Duration,
        userAgent: String = "camprint",
        caFile: String? = nil
    ) -> ControlPlaneOptions {
        ControlPlaneOptions(
            resolveTimeout: min(.seconds(5), total),
            connectTimeout: min(.seconds(5), total),
            readTimeout: min(.seconds(5), total),
            totalTimeout: total,
            userAgent: userAgent,
            caFile: caFile
        )
    }
}
