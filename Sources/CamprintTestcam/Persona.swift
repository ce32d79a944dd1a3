import Foundation
import Yams

/// How one camera model answers: header names, order, spelling and whitespace, SDP template,
/// authentication and fault behaviour, written from real captures (`source`).
/// Loaded from `Samples/personas/<name>.yaml` (see Samples/personas/README.md for the keys).
public struct Persona: Sendable {
    public var name: String
    public var description: String
    /// The captures (corpus paths, issue threads) the persona was written from.
    public var sources: [String]
    public var identity: [String: String]
    /// The stream path this model serves (`/Streaming/Channels/101`, …).
    public var path: String
    public var dateFormat: DateFormat
    public var sessionIdStyle: SessionIdStyle
    public var sessionTimeout: Int
    public var nonceStyle: NonceStyle
    public var publicMethods: String
    public var auth: AuthPolicy
    /// Reason phrases by status code, overriding the RFC 2326 ones.
    public var reasons: [Int: String]
    /// Header line templates by method (`OPTIONS`, …) and for `unauthorized`, `error`, `default`.
    public var responses: [String: [Template]]
    public var contentBase: Template
    public var transportTCP: Template
    public var transportUDP: Template
    public var rtpInfoEntry: Template
    public var rtpInfoSeparator: String
    public var videoPayloadType: Int
    /// Text in a SETUP URL that selects the video track (`trackID=1`, `stream=0`).
    public var videoToken: String
    public var videoControl: Template
    public var sdpSession: [Template]
    public var sdpVideoH264: [Template]
    public var sdpVideoH265: [Template]
    public var extraTracks: [ExtraTrack]
    public var sdpTrailer: [Template]
    public var imkhVideoCodec: [String: String]
    /// Complete NAL units (hex, no start code) injected before every keyframe, by codec.
    public var seiBeforeKeyframe: [String: [[UInt8]]]
    public var rtcpCNAME: String?
    public var faults: FaultConfig
    /// The HTTP side (web banner, ISAPI, ONVIF); `nil` when the persona has no `http:` section.
    public var http: HTTPPersona?
    /// The discovery channels the model answers (SADP, WS-Discovery, SSDP, DHIP); `nil` when the
    /// persona has no `discovery:` section.
    public var discovery: DiscoveryPersona?
    /// The camera clock's offset from real time, in seconds (fleet entries may override it).
    public var clockOffsetSeconds: Double
    /// Digest nonce validity in seconds (`nonce_lifetime_seconds`, default 60; RFC 2617 §3.2.1).
    public var nonceLifetimeSeconds: Double
    /// Live stream on a clock shared since start (`live`, default false).
    public var live: Bool

    public enum DateFormat: String, Sendable, Codable {
        /// live555 `dateHeader()`: `Thu, May 14 2020 16:45:35 GMT`.
        case live555
        /// RFC 1123: `Wed, 03 Jun 2015 14:23:42 GMT`.
        case rfc1123
        case none
    }

    public enum SessionIdStyle: String, Sendable, Codable {
        case decimal9, decimal12, hex8, HEX8, alnum16
    }

    public enum NonceStyle: String, Sendable, Codable {
        case hex32, HEX32, decimal
    }

    public struct AuthPolicy: Sendable {
        public var digest: Bool
        public var basic: Bool
        public var realm: Template
        public var methods: Set<String>
    }

    /// A track announced in the SDP that carries no media (audio, ONVIF metadata): SETUP and PLAY
    /// work, no packets are sent.
    public struct ExtraTrack: Sendable {
        public var token: String
        public var control: Template
        public var lines: [Template]
        /// Silence to send on this track (else it carries no packets).
        public var silence: Silence?
    }

    /// A constant audio frame sent in real time: `aac-hbr` (RFC 3640 §3.3.6, one AU per packet
    /// with a 16-bit AU header: 13-bit size, 3-bit index) or `raw` (G.711: the bytes as payload).
    public struct Silence: Sendable, Decodable {
        public var payload_type: Int
        public var clock_rate: Int
        public var samples_per_frame: Int
        public var format: String
        public var frame_hex: String
    }
}

extension Persona {
    /// Raw YAML shape (snake_case keys).
    struct File: Decodable {
        var name: String
        var description: String?
        var source: [String]
        var identity: [String: String]?
        var path: String
        var date_format: DateFormat?
        var session_id: SessionIdStyle?
        var session_timeout: Int?
        var nonce: NonceStyle?
        var `public`: String
        var auth: AuthFile?
        var reasons: [Int: String]?
        var responses: [String: [String]]
        var content_base: String
        var transport: TransportFile
        var rtp_info: RTPInfoFile
        var video: VideoFile
        var sdp: SDPFile
        var imkh_video_codec: [String: String]?
        var sei_before_keyframe: [String: [String]]?
        var rtcp_cname: String?
        var faults: FaultConfig?
        var http: HTTPPersona.File?
        var discovery: DiscoveryPersona.File?
        var clock_offset_seconds: Double?
        var nonce_lifetime_seconds: Double?
        var live: Bool?
    }

    struct AuthFile: Decodable {
        var schemes: [String]
        var realm: String
        var methods: [String]
    }

    struct TransportFile: Decodable {
        var tcp: String
        var udp: String
    }

    struct RTPInfoFile: Decodable {
        var entry: String
        var separator: String?
    }

    struct VideoFile: Decodable {
        var payload_type: Int
        var token: String
        var control: String
    }

    struct ExtraTrackFile: Decodable {
        var token: String
        var control: String
        var lines: [String]
        var silence: Silence?
    }

    struct SDPFile: Decodable {
        var session: [String]
        var video_h264: [String]
        var video_h265: [String]
        var extra_tracks: [ExtraTrackFile]?
        var trailer: [String]?
    }

    static let requiredResponses = [
        "OPTIONS", "DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "unauthorized", "error", "default",
    ]

    /// Parses a persona from YAML text.
    public init(yaml: String) throws(PersonaError) {
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw PersonaError("persona YAML: \(error)")
        }
        func templates(_ lines: [String]) throws(PersonaError) -> [Template] {
            var out: [Template] = []
            for line in lines { out.append(try Template(line)) }
            return out
        }
        name = file.name
        description = file.description ?? ""
        sources = file.source
        guard !sources.isEmpty else { throw PersonaError("persona \(file.name): `source` must cite captures") }
        identity = file.identity ?? [:]
        path = file.path
        dateFormat = file.date_format ?? .none
        sessionIdStyle = file.session_id ?? .hex8
        sessionTimeout = file.session_timeout ?? 60
        nonceStyle = file.nonce ?? .hex32
        publicMethods = file.public
        if let auth = file.auth {
            self.auth = AuthPolicy(
                digest: auth.schemes.contains("digest"),
                basic: auth.schemes.contains("basic"),
                realm: try Template(auth.realm),
                methods: Set(auth.methods)
            )
        } else {
            self.auth = AuthPolicy(digest: false, basic: false, realm: try Template(""), methods: [])
        }
        reasons = file.reasons ?? [:]
        var responses: [String: [Template]] = [:]
        for (key, lines) in file.responses { responses[key] = try templates(lines) }
        for key in Self.requiredResponses where responses[key] == nil {
            throw PersonaError("persona \(file.name): responses.\(key) is missing")
        }
        self.responses = responses
        contentBase = try Template(file.content_base)
        transportTCP = try Template(file.transport.tcp)
        transportUDP = try Template(file.transport.udp)
        rtpInfoEntry = try Template(file.rtp_info.entry)
        rtpInfoSeparator = file.rtp_info.separator ?? ","
        videoPayloadType = file.video.payload_type
        videoToken = file.video.token
        videoControl = try Template(file.video.control)
        sdpSession = try templates(file.sdp.session)
        sdpVideoH264 = try templates(file.sdp.video_h264)
        sdpVideoH265 = try templates(file.sdp.video_h265)
        var extras: [ExtraTrack] = []
        for track in file.sdp.extra_tracks ?? [] {
            if let silence = track.silence {
                guard HexText.decode(silence.frame_hex) != nil, silence.clock_rate > 0, silence.samples_per_frame > 0,
                    ["aac-hbr", "raw"].contains(silence.format)
                else { throw PersonaError("persona \(file.name): bad silence for track \(track.token)") }
            }
            extras.append(
                ExtraTrack(
                    token: track.token,
                    control: try Template(track.control),
                    lines: try templates(track.lines),
                    silence: track.silence
                )
            )
        }
        extraTracks = extras
        sdpTrailer = try templates(file.sdp.trailer ?? [])
        imkhVideoCodec = file.imkh_video_codec ?? [:]
        var sei: [String: [[UInt8]]] = [:]
        for (codec, units) in file.sei_before_keyframe ?? [:] {
            var decoded: [[UInt8]] = []
            for unit in units {
                guard let bytes = HexText.decode(unit), !bytes.isEmpty else {
                    throw PersonaError("persona \(file.name): bad hex in sei_before_keyframe.\(codec)")
                }
                decoded.append(bytes)
            }
            sei[codec] = decoded
        }
        seiBeforeKeyframe = sei
        rtcpCNAME = file.rtcp_cname
        faults = file.faults ?? FaultConfig()
        http = try file.http.map { (section) throws(PersonaError) in try HTTPPersona(file: section, persona: file.name)
        }
        discovery = try file.discovery.map { (section) throws(PersonaError) in
            try DiscoveryPersona(file: section, persona: file.name)
        }
        if discovery?.ssdp != nil, http == nil {
            throw PersonaError(
                "persona \(file.name): discovery.ssdp needs an http: section (it serves the description)"
            )
        }
        clockOffsetSeconds = file.clock_offset_seconds ?? 0
        nonceLifetimeSeconds = file.nonce_lifetime_seconds ?? 60
        guard nonceLifetimeSeconds > 0 else { throw PersonaError("\(file.name): nonce_lifetime_seconds must be > 0") }
        live = file.live ?? false
    }

    /// Loads `<name>.yaml` from `directory`, or the file at `nameOrPath` when it ends in `.yaml`.
    public static func load(_ nameOrPath: String, directory: String) throws(PersonaError) -> Persona {
        let path = nameOrPath.hasSuffix(".yaml") ? nameOrPath : directory + "/" + nameOrPath + ".yaml"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw PersonaError("persona not found: \(path)")
        }
        return try Persona(yaml: text)
    }

    /// Where personas are looked for when no directory is given: `$CAMPRINT_PERSONAS`, else
    /// `Samples/personas` in the current directory, else beside the executable's package.
    public static func defaultDirectory() -> String {
        if let env = ProcessInfo.processInfo.environment["CAMPRINT_PERSONAS"], !env.isEmpty { return env }
        let local = FileManager.default.currentDirectoryPath + "/Samples/personas"
        if FileManager.default.fileExists(atPath: local) { return local }
        // .build/<triple>/debug/camprint-testcam → package root
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        for _ in 0..<5 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Samples/personas").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return local
    }

    func reason(for status: Int) -> String {
        if let reason = reasons[status] { return reason }
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 453: return "Not Enough Bandwidth"
        case 454: return "Session Not Found"
        case 455: return "Method Not Valid in This State"
        case 459: return "Aggregate Operation Not Allowed"
        case 461: return "Unsupported Transport"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        default: return "Error"
        }
    }
}

/// Hex text with optional spaces (`"06 e5 01 4b 80"`).
enum HexText {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }
}
