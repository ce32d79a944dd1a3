import CamprintSignatures
import Foundation

/// ISAPI `deviceInfo` → observations (docs/field-keys.md, `isapi.*`).
enum ISAPIObservations {
    /// Element name → field key.
    static let fields: [(String, FieldKey)] = [
        ("model", .isapiModel), ("serialNumber", .isapiSerialNumber), ("serial", .isapiSerialNumber),
        ("firmwareVersion", .isapiFirmwareVersion),
        ("firmwareReleasedDate", .isapiFirmwareReleasedDate), ("encoderVersion", .isapiEncoderVersion),
        ("deviceType", .isapiDeviceType), ("deviceName", .isapiDeviceName), ("deviceLocation", .isapiDeviceLocation),
        ("systemContact", .isapiSystemContact), ("manufacturer", .isapiManufacturer), ("OEMCode", .isapiOemCode),
        ("telecontrolID", .isapiTelecontrolId),
    ]

    /// deviceInfo elements of Hikvision's ISAPI schema that ONVIF, Dahua CGI and other makers'
    /// documents do not carry (compare the ISAPI deviceInfo captures in Samples/captures).
    /// The family spans product lines: cameras and recorders (`telecontrolID`, `supportBeep`,
    /// `*ReleasedDate`), door stations and access terminals (`RS485Num`, `electroLockNum`,
    /// `localZoneNum`, `dspVersion`, `encryptionModel`, `releaseRegion`), NVR channel extensions
    /// (`subChannelEnabled`, `thrChannelEnabled`), as Hikvision's ISAPI `XML_DeviceInfo` lists them.
    static let hikvisionSchemaElements: Set<String> = [
        "telecontrolid", "supportbeep", "supportvideoloss", "encoderreleaseddate", "bootreleaseddate",
        "firmwarereleaseddate", "subserialnumber", "subdevicetype", "decoderreleaseddate", "rs485num",
        "electrolocknum", "localzonenum", "customizedinfo", "dspversion", "encryptionmodel", "releaseregion",
        "firmwareversioninfo", "subchannelenabled", "thrchannelenabled", "actualfloornum", "alarmoutnum",
        "alarminnum", "markettype", "bspversion",
    ]

    /// Elements of ISAPI's `EventNotificationAlert` (the alertStream and HTTP-listener event push
    /// of cameras, recorders, door stations and access terminals, in XML or, with `format=json`,
    /// JSON): `activePostCount` with the event triple. ONVIF events (`wsnt:NotificationMessage`),
    /// Dahua's `eventManager` and Axis's event XML name none of them.
    static let eventAlertElements: Set<String> = ["activepostcount", "eventtype", "eventstate", "eventdescription"]

    static func isEventAlert(_ names: Set<String>) -> Bool {
        names.contains("activepostcount") && names.intersection(eventAlertElements).count >= 3
    }

    /// ISAPI `ResponseStatus` as Hikvision firmware writes it (XML, or JSON with `format=json`):
    /// PSIA's statusCode/statusString with Hikvision's `subStatusCode` (`invalidOperation`,
    /// `notSupport`, …). Uniview's LAPI answers `SubResponseCode`, Dahua plain text.
    static func isResponseStatus(_ names: Set<String>) -> Bool {
        names.isSuperset(of: ["statuscode", "statusstring", "substatuscode"])
    }

    /// ISAPI `/ISAPI/Security/adminAccesses` (`AdminAccessProtocol` entries: `protocol` and
    /// `portNo`), the device's list of the services it runs.
    static func isAdminAccessList(_ names: Set<String>) -> Bool {
        names.isSuperset(of: ["protocol", "portno"])
    }

    /// ISAPI `userCheck` (the answer to `/ISAPI/Security/userCheck` and the body of a 401):
    /// `statusValue` beside `statusString`, where PSIA's ResponseStatus has `statusCode`.
    static func isUserCheck(_ names: Set<String>) -> Bool {
        names.isSuperset(of: ["statusvalue", "statusstring"])
    }

    /// An ISAPI schema namespace, `http://www.<host>/verNN/XMLSchema` (hikvision.com, isapi.org,
    /// std-cgi.com, OEM hosts); not W3C's `http://www.w3.org/2001/XMLSchema`, which every SOAP
    /// envelope declares.
    static func isISAPINamespace(_ uri: String) -> Bool {
        let lower = uri.lowercased()
        return lower.contains("xmlschema") && !lower.contains("www.w3.org/")
    }

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations: [Observation] = []
        // ISAPI's own namespaces, and PSIA's `urn:psialliance-org` that early ISAPI firmware kept.
        for namespace in document.namespaces
        where isISAPINamespace(namespace) || namespace.lowercased().hasPrefix("urn:psialliance") {
            observations.append(Observation(.isapiNamespace, namespace))
        }
        for value in document.values("requestURL") {
            // Path only: a full URL would carry the address the client used.
            var path = Substring(value)
            if let scheme = path.range(of: "://") {
                path = path[scheme.upperBound...]
                path = path.firstIndex(of: "/").map { path[$0...] } ?? ""
            }
            if !path.isEmpty { observations.append(Observation(.isapiRequestUrl, String(path.prefix(256)))) }
        }
        for (name, key) in fields {
            for value in document.values(name) { observations.append(Observation(key, value)) }
        }
        let names = Set(document.fields.map { $0.name.lowercased() })
        if names.intersection(hikvisionSchemaElements).count >= 3 {
            observations.append(Observation(.isapiSchema, "hikvision-device-info"))
        }
        if isResponseStatus(names) {
            observations.append(Observation(.isapiSchema, "hikvision-response-status"))
        }
        if isEventAlert(names) {
            observations.append(Observation(.isapiSchema, "hikvision-event-alert"))
        }
        if isAdminAccessList(names) {
            for value in document.values("protocol").prefix(16) {
                observations.append(Observation(.isapiAdminAccessProtocol, value))
            }
        }
        if isUserCheck(names) {
            observations.append(Observation(.isapiSchema, "hikvision-user-check"))
        }
        if document.capabilityNotation {
            observations.append(Observation(.isapiSchema, "hikvision-capability"))
        }
        for value in document.values("macAddress") {
            if let mac = ValueClassifier.normalizedMAC(value) {
                observations.append(Observation(.isapiMac, mac))
                observations += MACObservations.extract(mac)
            }
        }
        return observations
    }
}
