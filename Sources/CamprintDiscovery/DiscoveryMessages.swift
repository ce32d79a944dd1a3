import CamprintWire
public import Foundation

/// The discovery channels of a sweep.
public enum DiscoveryChannel: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Hikvision SADP on UDP 37020 (fingerprints: `Probe`/`ProbeMatch` XML).
    case sadp
    /// ONVIF WS-Discovery on UDP 3702 (WS-Discovery 2005/04 `Probe`/`ProbeMatches`).
    case wsd
    /// UPnP SSDP on UDP 1900 (UPnP Device Architecture 1.1 section 1.3, `M-SEARCH`) and the
    /// device description its `LOCATION` names.
    case ssdp
    /// Dahua DHIP discovery on UDP 37810 (`DHDiscover.search` → `client.notifyDevInfo`).
    case dhip
    /// TCP connections to the sweep's ports.
    case tcp
    /// The gateway's neighbour table (`/proc/net/arp`).
    case arp

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The UDP channels, with their well-known ports.
    public static let udp: [DiscoveryChannel] = [.sadp, .wsd, .ssdp, .dhip]

    public var udpPort: Int? {
        switch self {
        case .sadp: 37020
        case .wsd: 3702
        case .ssdp: 1900
        case .dhip: 37810
        case .tcp, .arp: nil
        }
    }

    /// The multicast group the vendor's own tools use (opt-in: `--multicast`).
    public var multicastGroup: String? {
        switch self {
        case .sadp, .wsd, .ssdp: "239.255.255.250"
        case .dhip: "239.255.255.251"
        case .tcp, .arp: nil
        }
    }
}

/// Requests of the UDP channels and the first reading of their answers. The answers themselves go
/// to the identity engine as evidence (Sources/CamprintInspection reads SADP, WS-Discovery, DHIP
/// and UPnP documents); the summary here only names what the answer claims.
public enum DiscoveryMessages {
    /// The datagrams sent to one address on `channel`; `id` makes the answers traceable.
    public static func requests(_ channel: DiscoveryChannel, to address: String, id: UUID) -> [[UInt8]] {
        switch channel {
        case .sadp:
            // As Hikvision's SADP tool sends it (../shared/corpus/real/no-license/snippets/hikvision-sadp-01.txt).
            return [
                Array(
                    #"<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>\#(id.uuidString)</Uuid><Types>inquiry</Types></Probe>"#
                        .utf8
                )
            ]
        case .wsd:
            // WS-Discovery 2005/04 section 5.2 Probe, once per type an ONVIF device may match
            // (ONVIF Core Specification 7.3.1: NetworkVideoTransmitter; tds:Device for recorders).
            return [
                ("dn:NetworkVideoTransmitter", id.uuidString.lowercased()),
                ("tds:Device", Self.secondID(id)),
            ].map { type, messageID in
                Array(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>\
                    <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" \
                    xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" \
                    xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" \
                    xmlns:dn="http://www.onvif.org/ver10/network/wsdl" \
                    xmlns:tds="http://www.onvif.org/ver10/device/wsdl">\
                    <e:Header><w:MessageID>uuid:\(messageID)</w:MessageID>\
                    <w:To e:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>\
                    <w:Action e:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>\
                    </e:Header><e:Body><d:Probe><d:Types>\(type)</d:Types></d:Probe></e:Body></e:Envelope>
                    """.utf8
                )
            }
        case .ssdp:
            // UPnP Device Architecture 1.1 section 1.3.2: a unicast M-SEARCH names the device's
            // address in HOST and carries no MX.
            let host = address.contains(":") ? "[\(address)]:1900" : "\(address):1900"
            return [
                Array(
                    "M-SEARCH * HTTP/1.1\r\nHOST: \(host)\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\nUSER-AGENT: camprint\r\n\r\n"
                        .utf8
                )
            ]
        case .dhip:
            let body = Array(#"{"method":"DHDiscover.search","params":{"mac":"","uni":1}}"#.utf8)
            return [DHIPFrame.encode(body)]
        case .tcp, .arp:
            return []
        }
    }

    static func secondID(_ id: UUID) -> String {
        var bytes = id.uuid
        bytes.15 ^= 0x01
        return UUID(uuid: bytes).uuidString.lowercased()
    }

    /// What an answer on `channel` claims, or `nil` when the datagram is not an answer of that channel.
    public static func summary(_ channel: DiscoveryChannel, answer bytes: [UInt8]) -> ReportableAnswer? {
        switch channel {
        case .sadp:
            let text = String(decoding: bytes.prefix(65536), as: UTF8.self)
            guard text.contains("<ProbeMatch") else { return nil }
            var answer = ReportableAnswer(channel: .sadp)
            answer.model = XMLText.first("DeviceDescription", in: text)
            answer.serialNumber = XMLText.first("DeviceSN", in: text)
            answer.mac = XMLText.first("MAC", in: text).flatMap(MACAddress.normalized)
            answer.firmware = XMLText.first("SoftwareVersion", in: text)
            answer.httpPort = XMLText.first("HttpPort", in: text).flatMap { Int($0) }
            return answer
        case .wsd:
            let text = String(decoding: bytes.prefix(65536), as: UTF8.self)
            guard text.contains("ProbeMatch") || text.contains("Hello") else { return nil }
            var answer = ReportableAnswer(channel: .wsd)
            let scopes = (XMLText.first("Scopes", in: text) ?? "").split(whereSeparator: \.isWhitespace)
            for scope in scopes {
                guard let range = scope.range(of: "onvif://www.onvif.org/", options: .caseInsensitive) else { continue }
                let rest = String(scope[range.upperBound...])
                let parts = rest.split(separator: "/", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let value = String(parts[1]).removingPercentEncoding ?? String(parts[1])
                switch parts[0].lowercased() {
                case "name": answer.manufacturer = answer.manufacturer ?? value
                case "hardware": answer.model = answer.model ?? value
                case "mac": answer.mac = answer.mac ?? MACAddress.normalized(value)
                default: break
                }
            }
            answer.urls = (XMLText.first("XAddrs", in: text) ?? "").split(whereSeparator: \.isWhitespace).map(
                String.init
            )
            return answer
        case .ssdp:
            let text = String(decoding: bytes.prefix(16384), as: UTF8.self)
            guard text.hasPrefix("HTTP/1.1 200") || text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("NOTIFY") else {
                return nil
            }
            var answer = ReportableAnswer(channel: .ssdp)
            for line in text.split(whereSeparator: \.isNewline) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                let value = String(line[line.index(after: colon)...]).trimmed
                if name == "location" { answer.urls.append(value) }
            }
            return answer
        case .dhip:
            guard let body = DHIPFrame.body(bytes),
                let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            else { return nil }
            var answer = ReportableAnswer(channel: .dhip)
            let params = object["params"] as? [String: Any]
            let info = params?["deviceInfo"] as? [String: Any] ?? [:]
            answer.mac = (object["mac"] as? String ?? info["Mac"] as? String).flatMap(MACAddress.normalized)
            answer.model = info["DeviceType"] as? String
            answer.serialNumber = info["SerialNo"] as? String
            answer.manufacturer = (info["Vendor"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            answer.firmware = info["Version"] as? String
            answer.httpPort = info["HttpPort"] as? Int
            return answer
        case .tcp, .arp:
            return nil
        }
    }

    /// Reads a UPnP device description (UPnP Device Architecture 1.1 section 2.3) into `answer`.
    public static func addDescription(_ bytes: [UInt8], to answer: inout ReportableAnswer) {
        let text = String(decoding: bytes.prefix(262_144), as: UTF8.self)
        answer.manufacturer = answer.manufacturer ?? XMLText.first("manufacturer", in: text)
        answer.model = answer.model ?? XMLText.first("modelName", in: text) ?? XMLText.first("modelNumber", in: text)
        answer.serialNumber = answer.serialNumber ?? XMLText.first("serialNumber", in: text)
    }
}

/// One answer as the `discovery` section reports it, plus the ports it names.
public struct ReportableAnswer: Hashable, Sendable {
    public var channel: DiscoveryChannel
    public var manufacturer: String?
    public var model: String?
    public var serialNumber: String?
    public var mac: String?
    public var firmware: String?
    public var urls: [String] = []
    /// The device's HTTP port as the answer states it.
    public var httpPort: Int?

    public init(channel: DiscoveryChannel) { self.channel = channel }
}

/// Dahua's DHIP framing: a 32-byte header (little-endian words: header length 0x20, "DHIP",
/// session and request id, body length, 0, body length, 0) and a JSON body, as in
/// ../shared/corpus/real/no-license/snippets/dahua-discovery-01.txt and
/// Samples/captures/dahua-uniview-clones/intelbras-dhip-udp-mib-37810-01.txt.
public enum DHIPFrame {
    public static func encode(_ body: [UInt8]) -> [UInt8] {
        var header: [UInt8] = [0x20, 0, 0, 0] + Array("DHIP".utf8) + [UInt8](repeating: 0, count: 8)
        let length = UInt32(body.count)
        let lengthBytes = (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        header += lengthBytes + [0, 0, 0, 0] + lengthBytes + [0, 0, 0, 0]
        return header + body
    }

    /// The JSON body of a DHIP datagram: after the header when it is well-formed, else from the
    /// first `{` after the magic (firmware differs in the header's id words).
    public static func body(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count > 8, bytes.count <= 65536, Array(bytes[4..<8]) == Array("DHIP".utf8) else { return nil }
        guard let start = bytes[8...].firstIndex(of: UInt8(ascii: "{")) else { return nil }
        var end = bytes.count
        while end > start, bytes[end - 1] != UInt8(ascii: "}") { end -= 1 }
        guard end > start else { return nil }
        return Array(bytes[start..<end])
    }
}

/// The text of the first element with a given local name (any namespace prefix), bounded.
enum XMLText {
    static func first(_ localName: String, in text: String) -> String? {
        var searchStart = text.startIndex
        while let open = text.range(of: "<", range: searchStart..<text.endIndex) {
            searchStart = open.upperBound
            guard let close = text.range(of: ">", range: open.upperBound..<text.endIndex) else { return nil }
            let tag = text[open.upperBound..<close.lowerBound]
            guard !tag.hasPrefix("/"), !tag.hasSuffix("/") else { continue }
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).first ?? ""
            let local = name.split(separator: ":").last ?? ""
            guard local == localName else { continue }
            guard let end = text.range(of: "</", range: close.upperBound..<text.endIndex) else { return nil }
            let value = String(text[close.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, value.utf8.count <= 1024, !value.contains("<") else { return nil }
            return value
        }
        return nil
    }
}
