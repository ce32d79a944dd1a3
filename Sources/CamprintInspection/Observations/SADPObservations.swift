import CamprintSignatures

/// Hikvision SADP `ProbeMatch` → observations (docs/field-keys.md, `sadp.*`).
enum SADPObservations {
    static let fields: [(String, FieldKey)] = [
        ("DeviceDescription", .sadpDeviceDescription), ("DeviceSN", .sadpDeviceSn),
        ("SoftwareVersion", .sadpSoftwareVersion), ("DSPVersion", .sadpDspVersion), ("DeviceType", .sadpDeviceType),
        ("DetailOEMCode", .sadpDetailOemCode),
    ]

    static func extract(_ document: DeviceDocument) -> [Observation] {
        var observations = [Observation(.sadpProbeMatch, "true")]
        for (name, key) in fields {
            for value in document.values(name) { observations.append(Observation(key, value)) }
        }
        for value in document.values("MAC") {
            observations.append(Observation(.sadpMac, value))
            observations += MACObservations.extract(value)
        }
        return observations
    }
}
