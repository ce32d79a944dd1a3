import CamprintSignatures

/// UPnP device description → observations (docs/field-keys.md, `upnp.*`). The elements are those
/// of UPnP Device Architecture 1.1 §2.3, read from the root device only (embedded devices and
/// services describe functions, not the maker).
enum UPnPObservations {
    static let fields: [(String, FieldKey)] = [
        ("deviceType", .upnpDeviceType), ("friendlyName", .upnpFriendlyName), ("manufacturer", .upnpManufacturer),
        ("manufacturerURL", .upnpManufacturerUrl), ("modelName", .upnpModelName), ("modelNumber", .upnpModelNumber),
        ("modelDescription", .upnpModelDescription), ("serialNumber", .upnpSerialNumber), ("UDN", .upnpUdn),
        ("presentationURL", .upnpPresentationUrl),
    ]

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations: [Observation] = []
        for (name, key) in fields {
            if let value = document.value(name) { observations.append(Observation(key, value)) }
        }
        return observations
    }
}

/// SSDP answers and announcements → observations (`ssdp.*`): an M-SEARCH answer is an HTTP/1.1
/// 200 over UDP with `ST`, `USN`, `LOCATION` and `SERVER` (UPnP Device Architecture 1.1 §1.3.3);
/// a NOTIFY carries `NT` instead of `ST` (§1.2.2). Its `SERVER` names the UPnP stack and product,
/// not a web server, so such messages are kept out of the `http.*` keys.
enum SSDPObservations {
    static func isSSDP(_ message: HTTPResponseText) -> Bool {
        !message.values("USN").isEmpty || !message.values("NTS").isEmpty
            || (!message.values("ST").isEmpty && !message.values("LOCATION").isEmpty)
    }

    /// SSDP headers dumped as a dict or `KEY: value` lines (a discovery library's log).
    static func isSSDP(looseFields: [DeviceDocument.Field]) -> Bool {
        let names = Set(looseFields.map { $0.name.lowercased() })
        return names.contains("usn") && (names.contains("st") || names.contains("nt") || names.contains("location"))
    }

    static let headers: [(String, FieldKey)] = [
        ("SERVER", .ssdpServer), ("ST", .ssdpSearchTarget), ("NT", .ssdpSearchTarget), ("USN", .ssdpUsn),
        ("LOCATION", .ssdpLocation),
    ]

    static func extract(_ messages: [HTTPResponseText]) -> [Observation] {
        var observations: [Observation] = []
        for message in messages {
            for (name, key) in headers {
                for value in message.values(name) where !value.isEmpty {
                    observations.append(Observation(key, value))
                }
            }
        }
        return observations
    }

    static func extract(looseFields: [DeviceDocument.Field]) -> [Observation] {
        guard isSSDP(looseFields: looseFields) else { return [] }
        var observations: [Observation] = []
        for (name, key) in headers {
            for field in looseFields where field.name.lowercased() == name.lowercased() && !field.value.isEmpty {
                observations.append(Observation(key, field.value))
            }
        }
        return observations
    }
}

/// Dahua DHIP `client.notifyDevInfo` → observations (`dhip.*`).
enum DHIPObservations {
    static let fields: [(String, FieldKey)] = [
        ("method", .dhipMethod), ("Manufacturer", .dhipManufacturer), ("Vendor", .dhipVendor),
        ("DeviceType", .dhipDeviceType), ("DeviceClass", .dhipDeviceClass), ("SerialNo", .dhipSerialNumber),
        ("Version", .dhipVersion),
    ]

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations: [Observation] = []
        for (name, key) in fields {
            if let value = document.value(name), !value.isEmpty { observations.append(Observation(key, value)) }
        }
        return observations
    }
}
