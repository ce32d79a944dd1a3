/// The HTTP side of a persona (YAML `http:` section): the web server banner, the Digest challenge
/// of its protected pages, and the ISAPI and ONVIF device documents it serves.
/// Keys are documented in Samples/personas/README.md; texts use ``HTTPText`` placeholders.
public struct HTTPPersona: Sendable {
    /// The captures and research notes the section was written from.
    public var sources: [String]
    /// `Server` header value; `nil` sends none.
    public var server: String?
    /// Header lines added to every response after `Server` (`Keep-Alive: timeout=10, max=99`).
    public var headers: [String]
    /// Digest realm (``HTTPText``); defaults to the persona's RTSP realm template.
    public var realm: String?
    public var nonceStyle: HTTPNonceStyle
    /// `WWW-Authenticate` values of a 401 (one header each), with `{realm}` and `{nonce}`.
    public var challenges: [String]
    /// Whether `Authorization: Basic` is accepted besides Digest.
    public var basic: Bool
    public var root: Page
    public var protected: Protected?
    /// Body of 404 answers.
    public var notFound: Page
    public var isapi: ISAPI?
    public var onvif: ONVIF?

    /// A fixed answer: status, extra header lines, content type and body (``HTTPText``).
    public struct Page: Sendable, Decodable {
        public var status: Int?
        public var headers: [String]?
        public var content_type: String?
        public var body: String?
    }

    /// A path that asks for credentials: 401 with `unauthorized` when there are none or they are
    /// wrong, `ok` when they are right (Hikvision `/ISAPI/Security/userCheck`).
    public struct Protected: Sendable, Decodable {
        public var path: String
        public var unauthorized: Page?
        public var ok: Page?
    }

    /// `GET /ISAPI/System/deviceInfo`: a `<DeviceInfo version=… xmlns=…>` document whose child
    /// elements are `fields` in order (name, value ``HTTPText``).
    public struct ISAPI: Sendable {
        public var namespace: String
        public var version: String
        public var fields: [(name: String, value: String)]
        /// A recorder's IP channels, served at `GET /ISAPI/ContentMgmt/InputProxy/channels` and
        /// `…/channels/status` (Digest like deviceInfo); empty for a camera (404 there).
        public var inputProxy: [InputProxyChannel] = []
    }

    /// One IP channel of a recorder (YAML `http.isapi.input_proxy` entry), written in the shape of
    /// Samples/captures/hikvision-family/hikvision-isapi-inputproxy-nvr-*.txt: model, serial and
    /// firmware inside `sourceInputPortDescriptor`; `manufacturer` only when given.
    public struct InputProxyChannel: Sendable, Decodable {
        public var id: Int
        public var name: String
        /// `HIKVISION`, `ONVIF`, …
        public var proto: String
        public var address: String
        public var port: Int
        public var model: String?
        public var serial: String?
        public var firmware: String?
        public var manufacturer: String?
        /// Default true.
        public var online: Bool?
        /// `chanDetectResult`; default `connect` when online, else `offline`.
        public var detect: String?

        enum CodingKeys: String, CodingKey {
            case id, name, address, port, model, serial, firmware, manufacturer, online, detect
            case proto = "protocol"
        }
    }

    /// The ONVIF device service (`POST /onvif/device_service`, SOAP 1.2).
    public struct ONVIF: Sendable, Decodable {
        public var path: String?
        public var manufacturer: String
        public var model: String
        public var firmware_version: String
        public var serial_number: String
        public var hardware_id: String
        /// Scope URIs answered by `GetScopes` (``HTTPText``).
        public var scopes: [String]?
        /// Extra `xmlns:prefix="uri"` declarations on response envelopes (Hikvision's `tnshik`, …).
        public var namespaces: [String: String]?
        /// HTTP status of a `ter:NotAuthorized` fault (400 or 401).
        public var fault_status: Int?
        /// Whether HTTP Digest is accepted instead of WS-Security (a 401 fault then carries the challenge).
        public var http_digest: Bool?
    }
}

/// How HTTP Digest nonces look.
public enum HTTPNonceStyle: String, Sendable, Decodable {
    case hex32, HEX32, decimal
    /// Hex of the ASCII Base64 of `"<8 hex>:<8 hex>"` (Hikvision IPC web server, docs/signals.md §4.1).
    case hexBase64 = "hex-base64"
    /// `<32 hex>:<unix time>` (Hikvision NVR ISAPI 401, docs/signals.md §1.3).
    case hex32Time = "hex32-time"
}

extension HTTPPersona {
    /// Raw YAML shape.
    struct File: Decodable {
        var source: [String]
        var server: String?
        var headers: [String]?
        var realm: String?
        var nonce: HTTPNonceStyle?
        var challenge: [String]?
        var basic: Bool?
        var root: Page?
        var protected: Protected?
        var not_found: Page?
        var isapi: ISAPIFile?
        var onvif: ONVIF?
    }

    struct ISAPIFile: Decodable {
        var namespace: String
        var version: String?
        /// One-key maps, in document order: `- model: "{model}"`.
        var device_info: [[String: String]]
        /// A recorder's IP channels.
        var input_proxy: [InputProxyChannel]?
    }

    init(file: File, persona: String) throws(PersonaError) {
        guard !file.source.isEmpty else { throw PersonaError("persona \(persona): http.source must cite captures") }
        sources = file.source
        server = file.server
        headers = file.headers ?? []
        for line in headers where !line.contains(":") {
            throw PersonaError("persona \(persona): http.headers line without ':' \(line)")
        }
        realm = file.realm
        nonceStyle = file.nonce ?? .hex32
        challenges = file.challenge ?? [#"Digest realm="{realm}", nonce="{nonce}""#]
        basic = file.basic ?? false
        root = file.root ?? Page(status: 200, headers: nil, content_type: "text/html", body: "")
        protected = file.protected
        notFound = file.not_found ?? Page(status: 404, headers: nil, content_type: "text/html", body: "")
        if let isapi = file.isapi {
            var fields: [(name: String, value: String)] = []
            for entry in isapi.device_info {
                guard entry.count == 1, let (name, value) = entry.first, XMLText.isName(name) else {
                    throw PersonaError("persona \(persona): http.isapi.device_info entries are one `name: value` each")
                }
                fields.append((name, value))
            }
            let channels = isapi.input_proxy ?? []
            for channel in channels where channel.id < 1 || !(1...65535).contains(channel.port) {
                throw PersonaError("persona \(persona): http.isapi.input_proxy: id from 1, port 1…65535")
            }
            self.isapi = ISAPI(
                namespace: isapi.namespace,
                version: isapi.version ?? "2.0",
                fields: fields,
                inputProxy: channels
            )
        } else {
            self.isapi = nil
        }
        if let status = file.onvif?.fault_status, ![400, 401, 403].contains(status) {
            throw PersonaError("persona \(persona): http.onvif.fault_status must be 400, 401 or 403")
        }
        onvif = file.onvif
    }
}
