/// A device-information document found in saved evidence: Hikvision ISAPI `deviceInfo`, ONVIF
/// `GetDeviceInformation`, a WS-Discovery `ProbeMatch`, a Hikvision SADP `ProbeMatch`, a UPnP
/// device description or a Dahua DHIP device announcement, read
/// from XML, from JSON (XML converted to JSON, as hikvision_next's fixtures are) or from a
/// pretty-printed `key: value` dump.
public struct DeviceDocument: Hashable, Sendable, Encodable {
    public enum Kind: String, Hashable, Sendable, Encodable {
        /// Hikvision ISAPI `GET /ISAPI/System/deviceInfo` (docs/signals.md §4.2).
        case isapiDeviceInfo = "isapi-device-info"
        /// ONVIF `GetDeviceInformationResponse` (docs/signals.md §4.3).
        case onvifDeviceInformation = "onvif-device-information"
        /// WS-Discovery `ProbeMatch` (scopes, XAddrs).
        case wsDiscoveryProbeMatch = "ws-discovery-probe-match"
        /// Any other ONVIF SOAP envelope (a WS-Discovery `Hello`, events, media, capabilities,
        /// faults): its namespaces, and the device fields and scopes it holds (docs/signals.md §4.3).
        case onvifEnvelope = "onvif-envelope"
        /// Hikvision SADP `ProbeMatch` on UDP 37020 (docs/signals.md §4.4).
        case sadpProbeMatch = "sadp-probe-match"
        /// Any other ISAPI document — `ResponseStatus` error answers, `EventNotificationAlert`,
        /// `userCheck`, capabilities — or only its namespace named in a client's log.
        case isapiDocument = "isapi-document"
        /// UPnP device description (`<root xmlns="urn:schemas-upnp-org:device-1-0"><device>…`,
        /// UPnP Device Architecture 1.1 §2.3): the root device's own elements.
        case upnpDeviceDescription = "upnp-device-description"
        /// Dahua's CGI answers (`magicBox.cgi` getSystemInfo, getSoftwareVersion) as `key=value` lines.
        case dahuaCGI = "dahua-cgi"
        /// Dahua DHIP `client.notifyDevInfo` (the JSON answer to `DHDiscover.search`, UDP 37810).
        case dhipDeviceInfo = "dhip-device-info"
    }

    /// One element or key: local name (namespace prefix removed) and trimmed text.
    public struct Field: Hashable, Sendable, Encodable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var kind: Kind
    /// How it was written: `xml`, `json`, or `text` (fields scanned from any other shape).
    public var syntax: String
    public var fields: [Field]
    /// Namespace URIs declared in the document (`xmlns`, `xmlns:tnshik`, JSON `@xmlns`), in order.
    public var namespaces: [String]
    /// The document is written in capability notation: elements carry option lists
    /// (`<timeMode opt="NTP,manual">`) and ranges (`<portNo min="1" max="65535">`), as ISAPI
    /// `…/capabilities` answers and HCNetSDK ability documents (`IpViewDevAbility`) are.
    public var capabilityNotation = false

    public init(kind: Kind, syntax: String, fields: [Field], namespaces: [String]) {
        self.kind = kind
        self.syntax = syntax
        self.fields = fields
        self.namespaces = namespaces
    }

    /// The first value of a field, by case-insensitive local name.
    public func value(_ name: String) -> String? {
        let folded = name.lowercased()
        return fields.first { $0.name.lowercased() == folded }?.value
    }

    /// Every value of a field, by case-insensitive local name.
    public func values(_ name: String) -> [String] {
        let folded = name.lowercased()
        return fields.filter { $0.name.lowercased() == folded }.map(\.value)
    }
}
