/// `discovery`: how a device was found (`camprint discover`, the agent's `discovery:` section).
/// Absent from reports of targets that were named in a probe command or the agent's `targets:`.
public struct ReportDiscovery: Codable, Hashable, Sendable {
    /// `discovered` (found by a sweep) or `configured` (named by the operator; found again by a sweep).
    public var found: String
    /// The channels that answered, in a fixed order: `sadp`, `wsd`, `ssdp`, `dhip`, `tcp`, `arp`.
    public var channels: [String]
    /// TCP ports that accepted a connection, ascending.
    public var openPorts: [Int]
    /// What each discovery answer said about the device, one entry per answer.
    public var answers: [ReportDiscoveryAnswer]
    /// When this run first heard from the address, RFC 3339 UTC.
    public var firstSeen: String
    /// Link-layer address from the gateway's neighbour table (`/proc/net/arp`), lowercase colon form.
    public var neighbourMAC: String?

    public static let discovered = "discovered"
    public static let configured = "configured"

    public init(
        found: String = Self.discovered,
        channels: [String],
        openPorts: [Int],
        answers: [ReportDiscoveryAnswer],
        firstSeen: String,
        neighbourMAC: String? = nil
    ) {
        self.found = found
        self.channels = channels
        self.openPorts = openPorts
        self.answers = answers
        self.firstSeen = firstSeen
        self.neighbourMAC = neighbourMAC
    }
}

/// One discovery answer, reduced to what it claims (the answer itself is read as evidence and its
/// rules appear in `identity.evidence`).
public struct ReportDiscoveryAnswer: Codable, Hashable, Sendable {
    /// `sadp`, `wsd`, `ssdp` or `dhip`.
    public var channel: String
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    public var mac: String?
    public var firmware: String?
    /// Service URLs the answer named (ONVIF XAddrs, UPnP description), redacted.
    public var urls: [String]

    public init(
        channel: String,
        manufacturer: String? = nil,
        model: String? = nil,
        serialNumber: String? = nil,
        mac: String? = nil,
        firmware: String? = nil,
        urls: [String] = []
    ) {
        self.channel = channel
        self.manufacturer = manufacturer
        self.model = model
        self.serialNumber = serialNumber
        self.mac = mac
        self.firmware = firmware
        self.urls = urls
    }
}

/// `behind`: a camera seen through a recorder (NVR/DVR) that lists it, not on the network directly.
public struct ReportBehind: Codable, Hashable, Sendable {
    /// The recorder's address as probed (host, or host:port when not the default).
    public var recorder: String
    /// The recorder's channel number for this camera (ISAPI InputProxy channel id).
    public var channel: Int
    /// The camera's own address as the recorder reports it, when it does.
    public var address: String?

    public init(recorder: String, channel: Int, address: String? = nil) {
        self.recorder = recorder
        self.channel = channel
        self.address = address
    }
}
