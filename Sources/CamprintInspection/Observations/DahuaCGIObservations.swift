import CamprintSignatures

/// Dahua's CGI answers as `key=value` lines (`/cgi-bin/magicBox.cgi?action=getSystemInfo`,
/// `getDeviceType`, `getSoftwareVersion`; Samples/captures/dahua-uniview-clones) →
/// `http.cgi.<key>` observations (docs/field-keys.md). Dahua-made devices under every brand
/// (Amcrest, Lorex, IMOU, EZ-IP) answer them: evidence against a Hikvision verdict.
enum DahuaCGIObservations {
    /// The keys read, as the firmware writes them.
    static let keys = ["updateSerial", "deviceType", "type", "processor", "hardwareVersion", "version", "BuildDate"]

    /// A `getSystemInfo` answer (`updateSerial`, the upgrade-serial key no other maker's CGI has),
    /// a `getSoftwareVersion` answer (`version` beside `BuildDate`), or a `configManager.cgi`
    /// answer (`table.<Group>.<Key>=` lines, two or more).
    static func isCGIAnswer(_ names: Set<String>) -> Bool {
        names.contains("updateserial") || names.isSuperset(of: ["version", "builddate"])
            || names.count(where: { $0.hasPrefix("table.") }) >= 2
    }

    static func extract(_ document: DeviceDocument) -> [Observation] {
        let values = keys.flatMap { key in
            document.values(key).prefix(2).filter { !$0.isEmpty }.map { Observation(.httpCGI(key), $0) }
        }
        // `table.General.MachineName` → the configuration group, `General`.
        let groups = document.fields.compactMap { field -> String? in
            let parts = field.name.split(separator: ".")
            guard parts.count >= 3, parts[0] == "table" else { return nil }
            return String(parts[1].prefix { $0 != "[" })
        }
        return values + Array(Set(groups)).sorted().prefix(4).map { Observation(.httpCGI("table"), $0) }
    }
}
