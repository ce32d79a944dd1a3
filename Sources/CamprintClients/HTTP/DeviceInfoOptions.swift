import CamprintWire

/// Where and what the device-information channels ask.
public struct DeviceInfoOptions: Hashable, Sendable {
    /// Host of the banner and ISAPI requests (the RTSP host).
    public var host: String
    /// HTTP port of the banner and ISAPI requests.
    public var port: Int
    public var banner: Bool
    public var isapi: Bool
    /// `nil` skips ONVIF.
    public var onvif: ONVIFEndpoint?
    /// Send the ONVIF requests that need credentials (GetDeviceInformation, GetNetworkInterfaces,
    /// GetScopes). Off by default: a WS-Security UsernameToken is made on the camera's clock and is
    /// not bound to the endpoint, so a hostile camera can replay it against another device that
    /// shares the password (the HTTP Digest fallback can be relayed likewise). The
    /// unauthenticated GetSystemDateAndTime is sent either way.
    public var onvifAuthentication: Bool
    /// On a recorder (ISAPI `deviceType` NVR, DVR, …) whose authenticated deviceInfo succeeded: read
    /// its IP channels (``isapiInputProxyChannelsPath``, ``isapiInputProxyStatusPath``), the cameras
    /// behind it.
    public var recorderChannels: Bool
    /// Longest a single request may take (the overall deadline still applies).
    public var requestTimeout: Duration
    public var userAgent: String

    public init(
        host: String,
        port: Int = 80,
        banner: Bool = true,
        isapi: Bool = true,
        onvif: ONVIFEndpoint? = nil,
        onvifAuthentication: Bool = false,
        recorderChannels: Bool = true,
        requestTimeout: Duration = .seconds(3),
        userAgent: String = "camprint"
    ) {
        self.host = host
        self.port = port
        self.banner = banner
        self.isapi = isapi
        self.onvif = onvif
        self.onvifAuthentication = onvifAuthentication
        self.recorderChannels = recorderChannels
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// The ISAPI device information path.
    public static let isapiDeviceInfoPath = "/ISAPI/System/deviceInfo"
    /// A recorder's IP channels (IP Surveillance API (RaCM Part) User Guide v2.0, Hikvision).
    public static let isapiInputProxyChannelsPath = "/ISAPI/ContentMgmt/InputProxy/channels"
    /// Whether each IP channel's camera answers the recorder.
    public static let isapiInputProxyStatusPath = "/ISAPI/ContentMgmt/InputProxy/channels/status"
    /// The operations of the two requests: their answers describe other devices (the cameras), so
    /// they are not evidence about the recorder.
    public static let inputProxyChannelsOperation = "inputProxyChannels"
    public static let inputProxyStatusOperation = "inputProxyChannelsStatus"
    public static let recorderChannelOperations: Set<String> = [
        inputProxyChannelsOperation, inputProxyStatusOperation,
    ]
}

/// An ONVIF Device service address (`http://host[:port]/path`).
public struct ONVIFEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var path: String

    public init(host: String, port: Int, path: String = "/onvif/device_service") {
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `http://host[:port][/path]` (user-info is dropped; `https` is not supported).
    public init?(url: String) {
        guard url.lowercased().hasPrefix("http://") else { return nil }
        var rest = Substring(url.dropFirst("http://".count))
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        rest = rest[slash...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let hostPort = HostPort(authority) else { return nil }
        self.init(host: hostPort.host, port: hostPort.port ?? 80, path: rest.isEmpty ? "/" : String(rest))
    }

    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "http://\(hostText):\(port)\(path)"
    }
}
