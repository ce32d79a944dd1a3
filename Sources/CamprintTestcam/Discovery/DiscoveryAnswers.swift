import Crypto
import Foundation

/// What one camera answers on its discovery channels: pure functions from a request datagram to
/// the answer datagrams (none for anything that is not a well-formed request of the channel).
/// Every request is hostile: sizes are bounded, text must be UTF-8, echoed values must be short
/// tokens of a safe alphabet, and garbage gets no answer.
public struct DiscoveryAnswers: Sendable {
    public let persona: DiscoveryPersona
    /// Placeholder values: the camera's identity plus `server_ip`, `http_port`, `http_authority`,
    /// `rtsp_port`, `mac_colon`, `mac_COLON`, `mac_dash`, `ipv6_link_local_padded`, `device_uuid`,
    /// `boot_time`, `instance_id`, `udn`.
    public let values: [String: String]

    /// Requests longer than this get no answer (a WS-Discovery Probe from ONVIF Device Manager is
    /// about 700 bytes, an M-SEARCH about 130, a DHIP search 90, a SADP inquiry 120).
    public static let maxRequestBytes = 8_192
    /// Echoed tokens (SADP Uuid, WS-Addressing MessageID) longer than this get no answer.
    static let maxTokenLength = 160

    public init(persona: DiscoveryPersona, values: [String: String]) {
        self.persona = persona
        var values = values
        if let ssdp = persona.ssdp { values["udn"] = HTTPText.render(ssdp.udn, values) }
        self.values = values
    }

    /// The values for a camera: identity, its address and ports, and values derived from them.
    /// `started`: the camera's start, in seconds since 1970 (`boot_time`, `instance_id`).
    public static func values(
        identity: [String: String],
        host: String,
        httpPort: Int,
        rtspPort: Int?,
        started: Double = 0
    ) -> [String: String] {
        var values = identity
        if let mac = identity["mac"] {
            let colon = HTTPText.colonMAC(mac)
            values["mac_colon"] = colon
            values["mac_COLON"] = colon.uppercased()
            values["mac_dash"] = colon.replacingOccurrences(of: ":", with: "-")
            // RFC 4291 §2.5.1 / Appendix A: modified EUI-64 interface identifier, groups zero-padded
            // as Dahua writes them (`fe80::0aed:edff:fe87:427a`, dahua-discovery-01).
            let bytes = colon.split(separator: ":").compactMap { UInt8($0, radix: 16) }
            if bytes.count == 6 {
                let hex = { (byte: UInt8) in String(format: "%02x", byte) }
                values["ipv6_link_local_padded"] =
                    "fe80::\(hex(bytes[0] ^ 0x02))\(hex(bytes[1])):\(hex(bytes[2]))ff:fe\(hex(bytes[3])):\(hex(bytes[4]))\(hex(bytes[5]))"
            }
        }
        values["server_ip"] = host
        values["http_port"] = String(httpPort)
        values["http_authority"] = httpPort == 80 ? host : "\(host):\(httpPort)"
        values["rtsp_port"] = rtspPort.map(String.init)
        // A stable per-device UUID (RFC 4122 §4.3 layout, version 3 from MD5) of serial, MAC and address.
        var digest = Array(
            Insecure.MD5.hash(data: Array("\(identity["serial"] ?? "")|\(identity["mac"] ?? "")|\(host)".utf8))
        )
        digest[6] = (digest[6] & 0x0F) | 0x30
        digest[8] = (digest[8] & 0x3F) | 0x80
        values["device_uuid"] = Self.uuidText(digest)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        values["boot_time"] = formatter.string(from: Date(timeIntervalSince1970: started))
        values["instance_id"] = String(Int(started) % 1_000_000)
        return values
    }

    static func uuidText(_ bytes: [UInt8]) -> String {
        let hex = bytes.prefix(16).map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// The answers to `request` received on `channel` (at most a few datagrams; empty: no answer).
    public func answer(_ request: [UInt8], on channel: ResponderChannel, messageNumber: Int = 1) -> [[UInt8]] {
        guard !request.isEmpty, request.count <= Self.maxRequestBytes else { return [] }
        switch channel {
        case .sadp: return sadp(request).map { [$0] } ?? []
        case .wsDiscovery: return wsDiscovery(request, messageNumber: messageNumber).map { [$0] } ?? []
        case .ssdp: return ssdp(request)
        case .dhip: return dhip(request).map { [$0] } ?? []
        }
    }

    // MARK: SADP

    /// `<?xml …?><Probe><Uuid>UUID</Uuid><Types>inquiry</Types></Probe>` (hikvision-sadp-01) →
    /// the persona's `<ProbeMatch>` with `{uuid}` = the request's Uuid.
    func sadp(_ request: [UInt8]) -> [UInt8]? {
        guard let sadp = persona.sadp, let text = String(bytes: request, encoding: .utf8),
            XMLScan.hasElement("Probe", in: text),
            XMLScan.text(of: "Types", in: text)?.lowercased() == "inquiry",
            let uuid = XMLScan.text(of: "Uuid", in: text), Self.isToken(uuid)
        else { return nil }
        var values = self.values
        values["uuid"] = uuid
        return Array(HTTPText.render(sadp.answer, values).utf8)
    }

    // MARK: WS-Discovery

    /// A SOAP `Probe` (WS-Discovery 2005/04 §5.2) whose `Types` are all among the device's (by local
    /// name) and whose `Scopes` each prefix one of the device's (RFC 3986 matching, §5.1) →
    /// `ProbeMatches` with `RelatesTo` = the Probe's `MessageID` (§5.3, WS-Addressing 2004/08 §3).
    func wsDiscovery(_ request: [UInt8], messageNumber: Int) -> [UInt8]? {
        guard let wsd = persona.wsDiscovery, let text = String(bytes: request, encoding: .utf8),
            XMLScan.hasElement("Envelope", in: text), XMLScan.hasElement("Probe", in: text),
            let messageID = XMLScan.text(of: "MessageID", in: text), Self.isToken(messageID)
        else { return nil }
        if let action = XMLScan.text(of: "Action", in: text), !action.hasSuffix("/discovery/Probe") { return nil }
        let ourTypes = Set(wsd.types.split(separator: " ").map { Self.localName(String($0)) })
        if let types = XMLScan.text(of: "Types", in: text) {
            for type in types.split(whereSeparator: \.isWhitespace)
            where !ourTypes.contains(Self.localName(String(type))) {
                return nil
            }
        }
        let scopes = wsd.scopes.map { HTTPText.render($0, self.values) }
        if let wanted = XMLScan.text(of: "Scopes", in: text) {
            for scope in wanted.split(whereSeparator: \.isWhitespace) {
                guard scopes.contains(where: { Self.scope($0, matches: String(scope)) }) else { return nil }
            }
        }
        var values = self.values
        values["relates_to"] = messageID
        values["message_id"] = UUID().uuidString.lowercased()
        values["message_number"] = String(messageNumber)
        values["types"] = wsd.types
        values["scopes"] = scopes.joined(separator: " ")
        return Array(HTTPText.render(wsd.answer, values).utf8)
    }

    static func localName(_ qname: String) -> String {
        qname.split(separator: ":").last.map(String.init) ?? qname
    }

    /// RFC 3986 scope matching of WS-Discovery §5.1: same scheme and authority (case-insensitive),
    /// and the probe's path segments a prefix of the device's.
    static func scope(_ ours: String, matches wanted: String) -> Bool {
        func parts(_ uri: String) -> (String, [Substring])? {
            guard let range = uri.range(of: "://") else { return nil }
            let rest = uri[range.upperBound...]
            let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard let authority = segments.first else { return nil }
            let head = (uri[..<range.lowerBound] + "://" + authority).lowercased()
            return (head, Array(segments.dropFirst()).filter { !$0.isEmpty })
        }
        guard let (ourHead, ourPath) = parts(ours), let (head, path) = parts(wanted) else { return ours == wanted }
        return ourHead == head && path.count <= ourPath.count && zip(path, ourPath).allSatisfy { $0 == $1 }
    }

    // MARK: SSDP

    /// `M-SEARCH * HTTP/1.1` with `MAN: "ssdp:discover"` and an `ST` the device has (UPnP Device
    /// Architecture 1.1 §1.3.2–1.3.3): `ssdp:all` (one answer per target), `upnp:rootdevice`, its
    /// UDN, or one of its device and service types.
    func ssdp(_ request: [UInt8]) -> [[UInt8]] {
        guard let ssdp = persona.ssdp, let text = String(bytes: request, encoding: .utf8) else { return [] }
        // `\r\n` is one Character (a newline): lines end in CRLF or LF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.first == "M-SEARCH * HTTP/1.1", lines.count <= 64 else { return [] }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { return [] }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard headers["MAN"] == "\"ssdp:discover\"", let st = headers["ST"] else { return [] }
        guard let udn = values["udn"] else { return [] }
        let types = ssdp.search_targets.map { HTTPText.render($0, self.values) }
        var targets: [(st: String, usn: String)] = []
        if st == "ssdp:all" {
            targets =
                [("upnp:rootdevice", "\(udn)::upnp:rootdevice"), (udn, udn)] + types.map { ($0, "\(udn)::\($0)") }
        } else if st == "upnp:rootdevice" {
            targets = [(st, "\(udn)::upnp:rootdevice")]
        } else if st == udn {
            targets = [(st, udn)]
        } else if types.contains(st) {
            targets = [(st, "\(udn)::\(st)")]
        }
        var values = self.values
        values["location"] = "http://\(values["http_authority"] ?? "")\(ssdp.description_path)"
        values["date"] = RTSPDate.format(Date(), style: .rfc1123)
        return targets.map { target in
            values["st"] = target.st
            values["usn"] = target.usn
            let head = ssdp.headers.map { HTTPText.render($0, values) + "\r\n" }.joined()
            return Array(("HTTP/1.1 200 OK\r\n" + head + "\r\n").utf8)
        }
    }

    /// The UPnP device description served at the SSDP `LOCATION` (UPnP Device Architecture 1.1 §2.3).
    public func ssdpDescription(httpValues: [String: String]) -> String? {
        guard let description = persona.ssdp?.description else { return nil }
        return HTTPText.render(description, values.merging(httpValues) { _, new in new })
    }

    // MARK: DHIP

    /// A DHIP datagram: header (32 bytes: u32le 0x20, `DHIP`, session 0, id 0, u32le JSON length,
    /// 0, u32le JSON length, 0) + `{"method":"DHDiscover.search","params":{"mac":"","uni":1}}`
    /// (dahua-discovery-01). Lenient: `DHIP` anywhere in the first 32 bytes and the JSON object
    /// after it. A non-empty `params.mac` other than the camera's gets no answer.
    func dhip(_ request: [UInt8]) -> [UInt8]? {
        guard let dhip = persona.dhip, request.count > 8 else { return nil }
        let magic = Array("DHIP".utf8)
        guard let at = (0...min(28, request.count - 4)).first(where: { Array(request[$0..<$0 + 4]) == magic }),
            let open = request[(at + 4)...].firstIndex(of: UInt8(ascii: "{"))
        else { return nil }
        var body = Array(request[open...])
        while let last = body.last, last == 0 || last == 0x0A || last == 0x0D || last == 0x20 { body.removeLast() }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            object["method"] as? String == "DHDiscover.search"
        else { return nil }
        if let params = object["params"] as? [String: Any], let mac = params["mac"] as? String, !mac.isEmpty,
            HTTPText.colonMAC(mac) != values["mac_colon"]
        {
            return nil
        }
        let json = Array(HTTPText.render(dhip.answer, values).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        return Self.dhipHeader(length: json.count) + json
    }

    /// The 32-byte DHIP header for a JSON body of `length` bytes (little-endian u32 fields).
    public static func dhipHeader(length: Int) -> [UInt8] {
        func u32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        return u32(0x20) + Array("DHIP".utf8) + u32(0) + u32(0) + u32(length) + u32(0) + u32(length) + u32(0)
    }

    // MARK: Helpers

    /// A token that is safe to echo into XML: 1…160 characters of letters, digits and `-:._{}`.
    static func isToken(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= maxTokenLength else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (CharacterSet.alphanumerics.contains(scalar) || "-:._{}".unicodeScalars.contains(scalar))
        }
    }
}

/// Minimal scanning of the small XML documents discovery requests are: elements found by local
/// name whatever their prefix; no entity expansion, no DTD.
enum XMLScan {
    /// Whether an element whose local name is `name` starts somewhere in `text`.
    static func hasElement(_ name: String, in text: String) -> Bool {
        startTagEnd(name, in: text) != nil
    }

    /// The text content of the first element with local name `name` (trimmed), if it has no child
    /// elements.
    static func text(of name: String, in text: String) -> String? {
        guard let start = startTagEnd(name, in: text) else { return nil }
        let rest = text[start...]
        guard let end = rest.firstIndex(of: "<") else { return nil }
        return rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The index after the `>` of the first start tag `<name …>` or `<prefix:name …>`.
    private static func startTagEnd(_ name: String, in text: String) -> String.Index? {
        var search = text.startIndex
        while let open = text[search...].firstIndex(of: "<") {
            let afterOpen = text.index(after: open)
            guard let close = text[afterOpen...].firstIndex(of: ">") else { return nil }
            let tag = text[afterOpen..<close]
            let qname = tag.prefix { !$0.isWhitespace && $0 != "/" }
            if !tag.hasPrefix("/"), !tag.hasPrefix("?"), !tag.hasPrefix("!"),
                qname == name || qname.hasSuffix(":" + name), !tag.hasSuffix("/")
            {
                return text.index(after: close)
            }
            search = afterOpen
        }
        return nil
    }
}
