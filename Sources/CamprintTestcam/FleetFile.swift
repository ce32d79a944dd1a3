import Foundation
import Yams

/// A fleet: many cameras in one process (`camprint-testcam --fleet FILE`).
///
/// ```yaml
/// host: 127.0.0.1
/// hosts: 127.0.1.1          # instead of `host`: camera i (0-based, counts expanded) listens on
///                           # 127.0.1.1 + i, so each looks like a device of its own (IPv4 only)
/// base_port: 18554          # cameras without `port` get base_port, base_port+1, … on each address
///                           # (0: any free port); with `hosts`, every camera gets base_port
/// personas: Samples/personas # relative to the fleet file
/// cameras:
///   - persona: hikvision-ipc
///     media: Samples/media/h264_640x360_gop2.h264
///     user: admin
///     password_file: secrets/hik.txt
///     port: 18554            # cameras sharing a port are told apart by path
///     path: /Streaming/Channels/101
///     faults: {lockout: {after: 3, seconds: 60}}
///     count: 10              # repeat this entry (ports increase)
///     http_port: 18780       # this camera's HTTP server (+ index within `count`; else
///                            # http_base_port + camera index)
///     http: false            # no HTTP server for this camera
///     clock_offset_seconds: 10800  # the camera's clock runs 3 h ahead
///     host: 127.0.2.1        # this camera's own address (+ index within `count`)
///     live: true             # shared stream clock: clients join mid-GOP
///     nonce_lifetime_seconds: 60   # Digest nonce validity (then 401 stale=TRUE)
///     rtsp: false            # no RTSP listener at all (a device that answers only HTTP/discovery)
///     discovery: [sadp]      # only these of its persona's discovery channels (sadp, ws-discovery,
///                            # ssdp, dhip); `[]`: none. Default: all its persona has
/// http_base_port: 18701      # camera i (0-based, in file order, counts expanded) gets HTTP on
///                            # http_base_port + i when its persona has `http:` (0: any free port);
///                            # a camera on its own address (`hosts:` or `host:`) gets http_base_port
/// discovery: false           # no discovery responders at all (default true). Responders run only
///                            # for cameras on their own address (`hosts:` or a camera `host:`): each
///                            # binds UDP 37020 (SADP), 3702 (WS-Discovery), 1900 (SSDP), 37810 (DHIP)
///                            # on that address, as its persona's `discovery:` section says
/// replays:                   # recorded real sessions served as they were (`--replay`), each on
///   - capture: ../shared/corpus/real/no-license/….pcapng   # its own port (0 or absent: any free)
///     port: 18620
///     host: 127.0.0.1        # default: the fleet's `host`
/// ```
public struct FleetFile: Sendable {
    public struct Entry: Decodable, Sendable {
        public var persona: String
        public var media: String
        public var user: String?
        public var password_file: String?
        public var port: Int?
        public var path: String?
        public var faults: FaultConfig?
        public var identity: [String: String]?
        public var fast: Bool?
        public var fps: Double?
        public var count: Int?
        /// Free text for people reading the fleet file (what the client is meant to see).
        public var note: String?
        public var http_port: Int?
        /// `false`: no HTTP server for this camera even with `http_base_port`.
        public var http: Bool?
        public var clock_offset_seconds: Double?
        /// This camera's address (incremented per camera within `count`).
        public var host: String?
        /// A live stream on a clock shared since start (clients join mid-GOP).
        public var live: Bool?
        public var nonce_lifetime_seconds: Double?
        /// `false`: no RTSP listener (the camera still serves HTTP and discovery if it has them).
        public var rtsp: Bool?
        /// The discovery channels this camera answers (a subset of its persona's); `[]`: none.
        public var discovery: [String]?
    }

    /// A recorded session served by ``ReplayServer`` next to the emulated cameras.
    public struct ReplayEntry: Decodable, Sendable {
        /// A pcap or pcapng file (relative paths as for media).
        public var capture: String
        public var host: String?
        public var port: Int?
    }

    struct Raw: Decodable {
        var host: String?
        var hosts: String?
        var base_port: Int?
        var http_base_port: Int?
        var personas: String?
        var cameras: [Entry]?
        var replays: [ReplayEntry]?
        var discovery: Bool?
    }

    public var host: String
    /// First address of a per-camera address range (`hosts:`), if any.
    public var hostsStart: String?
    public var basePort: Int
    /// Camera i's HTTP port is `httpBasePort + i` (0: a free port each); `nil`: only cameras with
    /// `http_port` serve HTTP.
    public var httpBasePort: Int?
    public var personaDirectory: String?
    public var entries: [Entry]
    public var replays: [ReplayEntry]
    /// `false` (fleet `discovery: false`): no discovery responders at all.
    public var discovery: Bool

    public static let maxCameras = 1_000

    public init(yaml: String) throws(PersonaError) {
        let raw: Raw
        do {
            raw = try YAMLDecoder().decode(Raw.self, from: yaml)
        } catch {
            throw PersonaError("fleet YAML: \(error)")
        }
        host = raw.host ?? "127.0.0.1"
        hostsStart = raw.hosts
        if let start = raw.hosts, IPv4Address.parse(start) == nil {
            throw PersonaError("fleet hosts: wants an IPv4 start address, got \(start)")
        }
        basePort = raw.base_port ?? 18554
        httpBasePort = raw.http_base_port
        if let port = httpBasePort, !(0...65535).contains(port) {
            throw PersonaError("fleet http_base_port out of range")
        }
        personaDirectory = raw.personas
        entries = raw.cameras ?? []
        replays = raw.replays ?? []
        discovery = raw.discovery ?? true
        for entry in entries {
            for name in entry.discovery ?? [] where DiscoveryChannel(name: name) == nil {
                throw PersonaError("fleet camera \(entry.persona): unknown discovery channel \(name) (sadp, ws-discovery, ssdp, dhip)")
            }
        }
        guard !entries.isEmpty || !replays.isEmpty else { throw PersonaError("fleet has no cameras and no replays") }
        let cameraCount = entries.reduce(0) { $0 + max(1, $1.count ?? 1) }
        guard cameraCount + replays.count <= Self.maxCameras else {
            throw PersonaError("fleet has more than \(Self.maxCameras) cameras")
        }
        for replay in replays {
            guard (0...65535).contains(replay.port ?? 0) else {
                throw PersonaError("fleet replay \(replay.capture): port out of range")
            }
        }
    }

    /// The replays with their capture paths resolved against `baseDirectory` and their addresses.
    public func replayListeners(baseDirectory: String) -> [(capture: String, host: String, port: Int)] {
        replays.map { replay in
            let path = replay.capture.hasPrefix("/") ? replay.capture : baseDirectory + "/" + replay.capture
            return (path, replay.host ?? host, replay.port ?? 0)
        }
    }

    /// Builds the listeners. Relative paths (media, password files, persona folder) are resolved
    /// against `baseDirectory` (the fleet file's folder).
    public func listeners(baseDirectory: String, personaDirectory fallback: String, cache: MediaCache)
        throws(PersonaError) -> [ListenerSpec]
    {
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : baseDirectory + "/" + path
        }
        let personaFolder = personaDirectory.map(resolve) ?? fallback
        var personas: [String: Persona] = [:]
        var byAddress: [ListenerKey: [CameraConfig]] = [:]
        var addressOrder: [ListenerKey] = []
        var nextPorts: [String: Int] = [:]
        var rtspOff: Set<ListenerKey> = []
        var discoveryAddresses: Set<String> = []
        var httpAddresses: Set<String> = []
        var total = 0
        for entry in entries {
            let count = max(1, entry.count ?? 1)
            total += count
            guard total <= Self.maxCameras else {
                throw PersonaError("fleet has more than \(Self.maxCameras) cameras")
            }
            let persona: Persona
            if let cached = personas[entry.persona] {
                persona = cached
            } else {
                persona = try Persona.load(entry.persona, directory: personaFolder)
                personas[entry.persona] = persona
            }
            let media = try cache.source(resolve(entry.media))
            if let lifetime = entry.nonce_lifetime_seconds, !(lifetime > 0) {
                throw PersonaError("fleet camera \(entry.persona): nonce_lifetime_seconds must be > 0")
            }
            var credentials: Credentials?
            if let user = entry.user {
                guard let file = entry.password_file else {
                    throw PersonaError("fleet camera \(entry.persona): user without password_file")
                }
                credentials = Credentials(user: user, password: try PasswordFile.read(resolve(file)))
            }
            let wanted = try Self.discoveryChannels(entry, persona: persona)
            for index in 0..<count {
                let cameraIndex = total - count + index
                let cameraHost: String
                let ownAddress = entry.host != nil || hostsStart != nil
                if let own = entry.host {
                    cameraHost = try Self.address(own, plus: index)
                } else if let start = hostsStart {
                    cameraHost = try Self.address(start, plus: cameraIndex)
                } else {
                    cameraHost = host
                }
                var port: Int
                if entry.rtsp == false {
                    // No RTSP listener: a key of its own that is never bound.
                    port = -(2_000_000 + cameraIndex)
                } else if let fixed = entry.port {
                    port = fixed
                } else if basePort == 0 {
                    // Ephemeral ports: a distinct negative key per camera, bound to port 0.
                    port = -(total * 10_000 + index + 1)
                } else {
                    var next = nextPorts[cameraHost] ?? basePort
                    while byAddress[ListenerKey(host: cameraHost, port: next)] != nil { next += 1 }
                    port = next
                    nextPorts[cameraHost] = next + 1
                }
                var identity = entry.identity ?? [:]
                if count > 1 {
                    identity["serial"] = (identity["serial"] ?? persona.identity["serial"] ?? "") + "-\(index)"
                    // Each copy its own MAC (discovery answers carry it; clients tell devices apart by it).
                    if let mac = identity["mac"] ?? persona.identity["mac"] {
                        identity["mac"] = Self.mac(mac, plus: index)
                    }
                }
                var http: HTTPListen?
                if entry.http != false, persona.http != nil {
                    if let fixed = entry.http_port {
                        http = HTTPListen(host: cameraHost, port: fixed + index)
                    } else if let base = httpBasePort {
                        // On its own address a camera gets http_base_port itself, as RTSP gets base_port.
                        let shared = base == 0 || !ownAddress || httpAddresses.contains("\(cameraHost):\(base)")
                        http = HTTPListen(host: cameraHost, port: base == 0 ? 0 : shared ? base + cameraIndex : base)
                    }
                    if let http, http.port != 0 { httpAddresses.insert("\(http.host):\(http.port)") }
                    if let port = http?.port, port > 65535 {
                        throw PersonaError("fleet HTTP port \(port) out of range")
                    }
                }
                var discoveryListen: DiscoveryListen?
                if discovery, ownAddress, !wanted.isEmpty {
                    guard discoveryAddresses.insert(cameraHost).inserted else {
                        throw PersonaError(
                            "fleet: two cameras answer discovery on \(cameraHost); give one of them `discovery: []`"
                        )
                    }
                    let advertised = http.map(\.port).flatMap { $0 == 0 ? nil : $0 } ?? httpBasePort.flatMap { $0 == 0 ? nil : $0 }
                    discoveryListen = DiscoveryListen(host: cameraHost, channels: wanted, advertisedHTTPPort: advertised ?? 80)
                }
                let camera = CameraConfig(
                    persona: persona,
                    media: media,
                    path: entry.path,
                    credentials: credentials,
                    faults: entry.faults ?? FaultConfig(),
                    identity: identity,
                    fast: entry.fast ?? false,
                    framesPerSecond: entry.fps,
                    label: String(cameraIndex),
                    http: http,
                    clockOffsetSeconds: entry.clock_offset_seconds,
                    live: entry.live,
                    nonceLifetimeSeconds: entry.nonce_lifetime_seconds,
                    discovery: discoveryListen
                )
                let key = ListenerKey(host: cameraHost, port: port)
                if entry.rtsp == false { rtspOff.insert(key) }
                if byAddress[key] == nil { addressOrder.append(key) }
                byAddress[key, default: []].append(camera)
            }
        }
        return addressOrder.map {
            ListenerSpec(host: $0.host, port: max(0, $0.port), cameras: byAddress[$0] ?? [], rtsp: !rtspOff.contains($0))
        }
    }

    /// The channels an entry answers: its `discovery:` list (each must be in its persona's section)
    /// or all its persona has.
    static func discoveryChannels(_ entry: Entry, persona: Persona) throws(PersonaError) -> Set<DiscoveryChannel> {
        let available = persona.discovery?.channels ?? []
        guard let names = entry.discovery else { return available }
        var out: Set<DiscoveryChannel> = []
        for name in names {
            guard let channel = DiscoveryChannel(name: name) else {
                throw PersonaError("fleet camera \(entry.persona): unknown discovery channel \(name)")
            }
            guard available.contains(channel) else {
                throw PersonaError("fleet camera \(entry.persona): persona has no discovery.\(channel.rawValue)")
            }
            out.insert(channel)
        }
        return out
    }

    /// A 12-hex-digit MAC plus `offset` (in its last three bytes, keeping the OUI and the case).
    static func mac(_ mac: String, plus offset: Int) -> String {
        guard offset > 0, mac.count == 12, let value = UInt64(mac, radix: 16) else { return mac }
        let oui = value & 0xFFFF_FF00_0000
        let low = (value + UInt64(offset)) & 0xFF_FFFF
        let hex = String(oui | low, radix: 16)
        let padded = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return mac.contains(where: \.isUppercase) ? padded.uppercased() : padded
    }

    private struct ListenerKey: Hashable {
        var host: String
        var port: Int
    }

    /// `start` (dotted IPv4) plus `offset`.
    static func address(_ start: String, plus offset: Int) throws(PersonaError) -> String {
        guard offset > 0 else { return start }
        guard let base = IPv4Address.parse(start) else {
            throw PersonaError("fleet: \(start) is not an IPv4 address and cannot be incremented per camera")
        }
        let value = UInt64(base) + UInt64(offset)
        guard value <= UInt64(UInt32.max) else { throw PersonaError("fleet: address range past 255.255.255.255") }
        return IPv4Address.format(UInt32(value))
    }
}

/// A password file: the first line, without its line ending.
public enum PasswordFile {
    public static func read(_ path: String) throws(PersonaError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw PersonaError("cannot read password file \(path)")
        }
        return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
