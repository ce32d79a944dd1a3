import CamprintSignatures

/// ONVIF `GetDeviceInformation` and WS-Discovery `ProbeMatch` → observations (`onvif.*`).
enum ONVIFObservations {
    static let fields: [(String, FieldKey)] = [
        ("Manufacturer", .onvifManufacturer), ("Model", .onvifModel), ("FirmwareVersion", .onvifFirmwareVersion),
        ("SerialNumber", .onvifSerialNumber), ("HardwareId", .onvifHardwareId),
    ]

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations: [Observation] = []
        for (name, key) in fields {
            for value in document.values(name) { observations.append(Observation(key, value)) }
        }
        for scopes in document.values("Scopes") {
            for scope in scopes.split(whereSeparator: \.isWhitespace).prefix(64) {
                observations.append(Observation(.onvifScope, String(scope)))
            }
        }
        for namespace in document.namespaces { observations.append(Observation(.onvifNamespace, namespace)) }
        return observations
    }
}
