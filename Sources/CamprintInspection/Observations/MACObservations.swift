import CamprintSignatures

/// `mac.oui` and `mac.address` from a MAC address read on any channel (ISAPI, SADP, realm).
enum MACObservations {
    static func extract(_ text: String) -> [Observation] {
        guard let mac = ValueClassifier.normalizedMAC(text), mac != "00:00:00:00:00:00" else { return [] }
        return [
            Observation(.macOui, mac.prefix(8).uppercased(), channel: .mac),
            Observation(.macAddress, mac, channel: .mac),
        ]
    }
}
