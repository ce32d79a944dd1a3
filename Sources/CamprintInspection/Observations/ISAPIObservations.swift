import CamprintSignatures

/// ISAPI `deviceInfo` → observations (docs/field-keys.md, `isapi.*`).
enum ISAPIObservations {
    /// Element name → field key.
    static let fields: [(String, FieldKey)] = [
        ("model", .isapiModel), ("serialNumber", .isapiSerialNumber), ("firmwareVersion", .isapiFirmwareVersion),
        ("firmwareReleasedDate", .isapiFirmwareReleasedDate), ("encoderVersion", .isapiEncoderVersion),
        ("deviceType", .isapiDeviceType), ("deviceName", .isapiDeviceName), ("deviceLocation", .isapiDeviceLocation),
        ("systemContact", .isapiSystemContact), ("manufacturer", .isapiManufacturer), ("OEMCode", .isapiOemCode),
        ("telecontrolID", .isapiTelecontrolId),
    ]

    /// deviceInfo elements of Hikvision's ISAPI schema that ONVIF, Dahua CGI and other makers'
    /// documents do not carry (compare the ISAPI deviceInfo captures in Samples/captures).
    static let hikvisionSchemaElements: Set<String> = [
        "telecontrolid", "supportbeep", "supportvideoloss", "encoderreleaseddate", "bootreleaseddate",
        "firmwarereleaseddate", "subserialnumber", "subdevicetype",
    ]

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations: [Observation] = []
        for namespace in document.namespaces where namespace.lowercased().contains("xmlschema") {
            observations.append(Observation(.isapiNamespace, namespace))
        }
        for (name, key) in fields {
            for value in document.values(name) { observations.append(Observation(key, value)) }
        }
        let names = Set(document.fields.map { $0.name.lowercased() })
        if names.intersection(hikvisionSchemaElements).count >= 3 {
            observations.append(Observation(.isapiSchema, "hikvision-device-info"))
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
