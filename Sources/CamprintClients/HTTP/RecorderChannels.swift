import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One IP channel of a recorder (NVR/DVR): a camera plugged into its PoE ports or added by
/// address, as the recorder's Hikvision ISAPI `InputProxyChannel` (and `InputProxyChannelStatus`)
/// describes it. Shape: IP Surveillance API (RaCM Part) User Guide v2.0 (Hikvision, 2014),
/// `/ISAPI/ContentMgmt/InputProxy/channels`; real documents in Samples/captures/hikvision-family
/// (hikvision-isapi-inputproxy-*), where model, serial and firmware sit inside
/// `sourceInputPortDescriptor`. The camera's user name and password are never read.
public struct RecorderChannel: Hashable, Sendable {
    /// The recorder's channel number (`<id>`), 1…
    public var id: Int
    /// The channel's name on the recorder.
    public var name: String?
    /// How the recorder talks to the camera: `HIKVISION` (Hikvision's private SDK protocol, port
    /// 8000), `ONVIF`, `ISAPI`, or another maker's protocol (`AXIS`, `SONY`, …).
    public var proxyProtocol: String?
    /// `ipaddress` or `hostname`.
    public var addressingFormatType: String?
    public var ipAddress: String?
    public var ipv6Address: String?
    public var hostName: String?
    /// `managePortNo`: the camera's management port (8000 for HIKVISION, the ONVIF HTTP port).
    public var port: Int?
    /// `srcInputPort`: the camera's own input (channel) the recorder records, 1 for a camera.
    public var sourceInput: Int?
    public var model: String?
    public var serialNumber: String?
    public var firmwareVersion: String?
    public var manufacturer: String?
    /// From the status document: the recorder reaches the camera.
    public var online: Bool?
    /// From the status document: `chanDetectResult` (`connect`, `offline`, `netUnreachable`, …).
    public var detectResult: String?

    public init(id: Int) { self.id = id }

    /// The camera's address as the recorder names it: IPv4, else IPv6, else host name.
    public var address: String? { ipAddress ?? ipv6Address ?? hostName }
}

/// Reads `InputProxyChannelList` / `InputProxyChannelStatusList` documents (and single
/// `InputProxyChannel` / `InputProxyChannelStatus` ones), bounded: no DTD or entity, at most
/// ``maximumChannels`` channels, ``maximumDepth`` levels, ``maximumElements`` elements and
/// ``maximumValueLength`` characters per value.
public enum RecorderChannelDocument {
    /// Hikvision recorders have at most 256 IP channels (DS-96256NI); more is not a recorder's list.
    public static let maximumChannels = 256
    public static let maximumDepth = 16
    public static let maximumElements = 20_000
    public static let maximumValueLength = 256

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case documentTypeDeclaration
        case invalidXML(String)
        case notAChannelList

        public var description: String {
            switch self {
            case .documentTypeDeclaration: "XML document type or entity declaration refused"
            case .invalidXML(let reason): "invalid XML: \(reason)"
            case .notAChannelList: "not an InputProxy channel document"
            }
        }
    }

    /// The channels of `bytes`, in document order, one per id (the first wins); channels past
    /// ``maximumChannels`` are dropped.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> [RecorderChannel] {
        guard XMLSafety.isSafe(bytes) else { throw .documentTypeDeclaration }
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let completed = parser.parse()
        if !completed, !reader.stoppedOnLimit {
            throw .invalidXML(parser.parserError.map { String(describing: $0) } ?? "parse failed")
        }
        guard reader.sawRoot else { throw .notAChannelList }
        var seen: Set<Int> = []
        return reader.channels.filter { seen.insert($0.id).inserted }
    }

    /// `channels` with the status of the same ids (online, detect result; the address when the
    /// list had none).
    public static func merging(_ channels: [RecorderChannel], status: [RecorderChannel]) -> [RecorderChannel] {
        let byID = Dictionary(status.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return channels.map { channel in
            guard let state = byID[channel.id] else { return channel }
            var merged = channel
            merged.online = state.online
            merged.detectResult = state.detectResult
            if merged.address == nil {
                merged.ipAddress = state.ipAddress
                merged.ipv6Address = state.ipv6Address
                merged.hostName = state.hostName
            }
            return merged
        }
    }

    static let recordNames: Set<String> = ["inputproxychannel", "inputproxychannelstatus"]
    static let rootNames: Set<String> = recordNames.union(["inputproxychannellist", "inputproxychannelstatuslist"])

    private final class Reader: NSObject, XMLParserDelegate {
        var channels: [RecorderChannel] = []
        var sawRoot = false
        var stoppedOnLimit = false
        /// Local names of the open elements.
        var stack: [String] = []
        /// Depth of the open record element, and its fields so far.
        var recordDepth: Int?
        var fields: [String: String] = [:]
        var text = ""
        var elements = 0

        func stop(_ parser: XMLParser) {
            stoppedOnLimit = true
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements += 1
            let name = (elementName.split(separator: ":").last.map(String.init) ?? elementName).lowercased()
            if stack.isEmpty { sawRoot = RecorderChannelDocument.rootNames.contains(name) }
            guard sawRoot, elements <= RecorderChannelDocument.maximumElements,
                stack.count < RecorderChannelDocument.maximumDepth
            else { return stop(parser) }
            stack.append(name)
            text = ""
            if recordDepth == nil, RecorderChannelDocument.recordNames.contains(name) {
                recordDepth = stack.count
                fields = [:]
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text.count < RecorderChannelDocument.maximumValueLength * 2 { text += string }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            guard let name = stack.popLast() else { return }
            defer { text = "" }
            guard let depth = recordDepth else { return }
            if stack.count + 1 == depth {
                recordDepth = nil
                if let channel = channel(fields) {
                    channels.append(channel)
                    if channels.count >= RecorderChannelDocument.maximumChannels { stop(parser) }
                }
                return
            }
            // `id` only as the record's own child (the descriptor has none, but other children may).
            if name == "id", stack.count != depth { return }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, fields[name] == nil, Self.kept.contains(name) else { return }
            fields[name] = String(value.prefix(RecorderChannelDocument.maximumValueLength))
        }

        /// Element names read; credentials (`userName`, `password`) are not among them.
        static let kept: Set<String> = [
            "id", "name", "proxyprotocol", "addressingformattype", "ipaddress", "ipv6address", "hostname",
            "manageportno", "srcinputport", "model", "serialnumber", "firmwareversion", "manufacturer", "online",
            "chandetectresult",
        ]

        func channel(_ fields: [String: String]) -> RecorderChannel? {
            guard let id = fields["id"].flatMap({ Int($0) }), id > 0 else { return nil }
            var channel = RecorderChannel(id: id)
            channel.name = fields["name"]
            channel.proxyProtocol = fields["proxyprotocol"]
            channel.addressingFormatType = fields["addressingformattype"]
            channel.ipAddress = fields["ipaddress"]
            channel.ipv6Address = fields["ipv6address"]
            channel.hostName = fields["hostname"]
            channel.port = fields["manageportno"].flatMap { Int($0) }.flatMap { (1...65535).contains($0) ? $0 : nil }
            channel.sourceInput = fields["srcinputport"].flatMap { Int($0) }
            channel.model = fields["model"]
            channel.serialNumber = fields["serialnumber"]
            channel.firmwareVersion = fields["firmwareversion"]
            channel.manufacturer = fields["manufacturer"]
            channel.online = fields["online"].flatMap { ["true": true, "false": false][$0.lowercased()] }
            channel.detectResult = fields["chandetectresult"]
            return channel
        }
    }
}
