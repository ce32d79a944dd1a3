public import CamprintClients

/// The device-information channels of a probe (README, `camprint probe`): HTTP banner and ISAPI on the RTSP
/// host's HTTP port, ONVIF on its Device service URL.
public struct HTTPChannelSettings: Hashable, Sendable {
    /// HTTP port of the banner and ISAPI requests.
    public var port: Int
    /// `GET /` without credentials.
    public var banner: Bool
    /// `GET /ISAPI/System/deviceInfo`.
    public var isapi: Bool
    /// ONVIF Device service.
    public var onvif: Bool
    /// The ONVIF Device service URL; `nil` means `http://<RTSP host>:<port>/onvif/device_service`.
    public var onvifURL: ONVIFEndpoint?
    /// Authenticated ONVIF requests (``DeviceInfoOptions/onvifAuthentication``); off by default.
    public var onvifAuthentication: Bool
    /// Longest a single request may take.
    public var requestTimeout: Duration
    /// Share of the time left after the control plane that the channels may use when the media
    /// plane follows (the media plane keeps the rest).
    public var shareBeforeMedia: Double

    public init(
        port: Int = 80,
        banner: Bool = true,
        isapi: Bool = true,
        onvif: Bool = true,
        onvifURL: ONVIFEndpoint? = nil,
        onvifAuthentication: Bool = false,
        requestTimeout: Duration = .seconds(3),
        shareBeforeMedia: Double = 0.4
    ) {
        self.port = port
        self.banner = banner
        self.isapi = isapi
        self.onvif = onvif
        self.onvifURL = onvifURL
        self.onvifAuthentication = onvifAuthentication
        self.requestTimeout = requestTimeout
        self.shareBeforeMedia = shareBeforeMedia
    }

    /// The client options for a target on `host`.
    public func options(host: String, userAgent: String) -> DeviceInfoOptions {
        DeviceInfoOptions(
            host: host,
            port: port,
            banner: banner,
            isapi: isapi,
            onvif: onvif ? (onvifURL ?? ONVIFEndpoint(host: host, port: port)) : nil,
            onvifAuthentication: onvifAuthentication,
            requestTimeout: requestTimeout,
            userAgent: userAgent
        )
    }
}
