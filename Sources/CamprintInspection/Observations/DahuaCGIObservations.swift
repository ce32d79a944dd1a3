import CamprintSignatures

/// Dahua's CGI answers as `key=value` lines (`/cgi-bin/magicBox.cgi?action=getSystemInfo`,
/// `getDeviceType`, `getSoftwareVersion`; Samples/captures/dahua-uniview-clones) →
/// `http.cgi.<key>` observations (docs/field-keys.md). Dahua-made devices under every brand
/// (Amcrest, Lorex, IMOU, EZ-IP) answer them: evidence against a Hikvision verdict.
enum DahuaCGIObservations {
    /// The keys read, as the firmware writes them.
    static let keys = ["updateSerial", "deviceType", "type", "processor", "hardwareVersion", "version", "BuildDate"]

    /// A `getSystemInfo` answer (`updateSerial`, the upgrade-serial key no other maker's CGI has)
    /// or a `getSoftwareVersion` answer (`version` beside `BuildDate`).
    static func isCGIAnswer(_ names: Set<String>) -> Bool {
        names.contains("updateserial") || names.isSuperset(of: ["version", "builddate"])
    }

    static func extract(_ document: DeviceDocument) -> [Observation] {
        keys.flatMap { key in
            document.values(key).prefix(2).filter { !$0.isEmpty }.map { Observation(.httpCGI(key), $0) }
        }
    }
}
