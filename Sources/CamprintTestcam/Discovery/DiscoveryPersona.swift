/// A discovery channel a camera may answer on its own address (UDP, unicast answers to the sender).
public enum DiscoveryChannel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Hikvision SADP, UDP 37020: `<Probe>…<Types>inquiry</Types>` → `<ProbeMatch>`.
    case sadp
    /// WS-Discovery 2005/04 (ONVIF Core §7.3), UDP 3702: SOAP 1.2 `Probe` → `ProbeMatches`.
    case wsDiscovery = "ws-discovery"
    /// SSDP (UPnP Device Architecture 1.1 §1.3), UDP 1900: `M-SEARCH` → `HTTP/1.1 200 OK`.
    case ssdp
    /// Dahua DHIP discovery, UDP 37810: `DHDiscover.search` → `client.notifyDevInfo`.
    case dhip

    /// The well-known UDP port of the channel.
    public var port: Int {
        switch self {
        case .sadp: 37020
        case .wsDiscovery: 3702
        case .ssdp: 1900
        case .dhip: 37810
        }
    }

    /// Parses a channel name as written in fleet files (`ws_discovery` and `wsd` are accepted too).
    public init?(name: String) {
        switch name.lowercased() {
        case "sadp": self = .sadp
        case "ws-discovery", "ws_discovery", "wsd": self = .wsDiscovery
        case "ssdp": self = .ssdp
        case "dhip": self = .dhip
        default: return nil
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The discovery side of a persona (YAML `discovery:`): which channels the model answers and the
/// answer texts, written from real captures (`source`). Texts use ``HTTPText`` placeholders (see
/// Samples/personas/README.md, "discovery:").
public struct DiscoveryPersona: Sendable {
    public var sources: [String]
    public var sadp: SADP?
    public var wsDiscovery: WSDiscovery?
    public var ssdp: SSDP?
    public var dhip: DHIP?

    /// SADP: the whole `<ProbeMatch>` document (`{uuid}` is the request's Uuid).
    public struct SADP: Sendable, Decodable {
        public var answer: String
    }

    /// WS-Discovery: the `d:Types` the device is (a Probe naming other types gets no answer),
    /// its scope URIs, and the whole `ProbeMatches` envelope (`{relates_to}`, `{message_id}`,
    /// `{types}`, `{scopes}`, `{xaddrs}`, `{endpoint_uuid}`, `{message_number}`, …).
    public struct WSDiscovery: Sendable, Decodable {
        public var types: String
        public var scopes: [String]
        public var answer: String
    }

    /// SSDP: the search targets the device answers (`ST` values besides `ssdp:all`; `uuid:{udn}` is
    /// always answered), the answer's header lines (`{st}`, `{usn}`, `{location}`, `{date}`),
    /// and the UPnP device description served at `description_path` on the camera's HTTP server.
    public struct SSDP: Sendable, Decodable {
        public var udn: String
        public var search_targets: [String]
        public var headers: [String]
        public var description_path: String
        public var description: String?
    }

    /// DHIP: the `client.notifyDevInfo` JSON (sent after the 32-byte DHIP header).
    public struct DHIP: Sendable, Decodable {
        public var answer: String
    }

    struct File: Decodable {
        var source: [String]
        var sadp: SADP?
        var ws_discovery: WSDiscovery?
        var ssdp: SSDP?
        var dhip: DHIP?
    }

    /// The channels this persona answers.
    public var channels: Set<DiscoveryChannel> {
        var out: Set<DiscoveryChannel> = []
        if sadp != nil { out.insert(.sadp) }
        if wsDiscovery != nil { out.insert(.wsDiscovery) }
        if ssdp != nil { out.insert(.ssdp) }
        if dhip != nil { out.insert(.dhip) }
        return out
    }

    init(file: File, persona: String) throws(PersonaError) {
        guard !file.source.isEmpty else {
            throw PersonaError("persona \(persona): discovery.source must cite captures")
        }
        sources = file.source
        sadp = file.sadp
        wsDiscovery = file.ws_discovery
        ssdp = file.ssdp
        dhip = file.dhip
        if let ssdp {
            guard ssdp.description_path.hasPrefix("/"), !ssdp.headers.isEmpty else {
                throw PersonaError("persona \(persona): discovery.ssdp needs headers and a description_path starting with /")
            }
            for line in ssdp.headers where !line.contains(":") {
                throw PersonaError("persona \(persona): discovery.ssdp.headers line without ':' \(line)")
            }
        }
        if let wsDiscovery, wsDiscovery.types.split(separator: " ").isEmpty {
            throw PersonaError("persona \(persona): discovery.ws_discovery.types is empty")
        }
        guard !channels.isEmpty else { throw PersonaError("persona \(persona): discovery: names no channel") }
    }
}
