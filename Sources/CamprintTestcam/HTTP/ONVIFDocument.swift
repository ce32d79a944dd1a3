import Foundation

/// SOAP 1.2 responses of the ONVIF device service (ONVIF Device Management Service Specification,
/// `tds:` operations; types from onvif.xsd `tt:`; faults per ONVIF Core §5.11).
enum ONVIFDocument {
    static let namespaces: [(String, String)] = [
        ("env", "http://www.w3.org/2003/05/soap-envelope"),
        ("ter", "http://www.onvif.org/ver10/error"),
        ("tds", "http://www.onvif.org/ver10/device/wsdl"),
        ("tt", "http://www.onvif.org/ver10/schema"),
    ]

    static func envelope(_ body: String, extra: [String: String]) -> String {
        var declarations = namespaces.map { #"xmlns:\#($0.0)="\#($0.1)""# }
        for (prefix, uri) in extra.sorted(by: { $0.key < $1.key }) where XMLText.isName(prefix) {
            declarations.append(#"xmlns:\#(prefix)="\#(XMLText.escape(uri))""#)
        }
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + "<env:Envelope \(declarations.joined(separator: " "))><env:Body>\(body)</env:Body></env:Envelope>\n"
    }

    static func element(_ name: String, _ value: String) -> String {
        "<\(name)>\(XMLText.escape(value))</\(name)>"
    }

    /// `tds:GetSystemDateAndTimeResponse`: the camera's clock in UTC (LocalDateTime = UTC; no
    /// time zone is configured on the emulated camera).
    static func systemDateAndTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let dateTime =
            "<tt:Time>" + element("tt:Hour", String(parts.hour ?? 0)) + element("tt:Minute", String(parts.minute ?? 0))
            + element("tt:Second", String(parts.second ?? 0)) + "</tt:Time><tt:Date>"
            + element("tt:Year", String(parts.year ?? 1970)) + element("tt:Month", String(parts.month ?? 1))
            + element("tt:Day", String(parts.day ?? 1)) + "</tt:Date>"
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
            + element("tt:DateTimeType", "Manual") + element("tt:DaylightSavings", "false")
            + "<tt:UTCDateTime>\(dateTime)</tt:UTCDateTime><tt:LocalDateTime>\(dateTime)</tt:LocalDateTime>"
            + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>"
    }

    static func deviceInformation(_ onvif: HTTPPersona.ONVIF, values: [String: String]) -> String {
        func text(_ value: String) -> String { HTTPText.render(value, values) }
        return "<tds:GetDeviceInformationResponse>" + element("tds:Manufacturer", text(onvif.manufacturer))
            + element("tds:Model", text(onvif.model)) + element("tds:FirmwareVersion", text(onvif.firmware_version))
            + element("tds:SerialNumber", text(onvif.serial_number))
            + element("tds:HardwareId", text(onvif.hardware_id))
            + "</tds:GetDeviceInformationResponse>"
    }

    /// One wired interface `eth0` with the camera's MAC and the address the client reached.
    static func networkInterfaces(mac: String, address: String) -> String {
        "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\">" + element("tt:Enabled", "true")
            + "<tt:Info>" + element("tt:Name", "eth0") + element("tt:HwAddress", mac) + element("tt:MTU", "1500")
            + "</tt:Info><tt:IPv4>" + element("tt:Enabled", "true") + "<tt:Config><tt:Manual>"
            + element("tt:Address", address) + element("tt:PrefixLength", "24") + "</tt:Manual>"
            + element("tt:DHCP", "false") + "</tt:Config></tt:IPv4></tds:NetworkInterfaces>"
            + "</tds:GetNetworkInterfacesResponse>"
    }

    static func scopes(_ items: [String]) -> String {
        "<tds:GetScopesResponse>"
            + items.map {
                "<tds:Scopes>" + element("tt:ScopeDef", "Fixed") + element("tt:ScopeItem", $0) + "</tds:Scopes>"
            }
            .joined() + "</tds:GetScopesResponse>"
    }

    /// A SOAP 1.2 fault (`env:Sender`/`env:Receiver` with an ONVIF `ter:` subcode).
    static func fault(code: String, subcode: String, reason: String) -> String {
        "<env:Fault><env:Code><env:Value>\(code)</env:Value><env:Subcode><env:Value>\(subcode)</env:Value>"
            + "</env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">\(XMLText.escape(reason))</env:Text>"
            + "</env:Reason></env:Fault>"
    }
}
