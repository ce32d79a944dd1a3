public import CamprintClients
public import CamprintInspection

/// The device-information channels inside a probe: their responses join the probe's evidence
/// (read as `camprint identify` reads saved HTTP/XML), and their requests become `deviceInfo`
/// (``ReportBuilder/deviceInfo(_:)``).
public enum ProbeDeviceInfo {
    /// Adds every usable response (complete, no DTD) to `evidence`: device documents (ISAPI
    /// `DeviceInfo`, ONVIF responses) and HTTP responses (banner, challenges).
    public static func merge(_ result: DeviceInfoResult, into evidence: inout ParsedEvidence) {
        for exchange in result.exchanges {
            // A recorder's channel list describes the cameras behind it, not the recorder.
            if DeviceInfoOptions.recorderChannelOperations.contains(exchange.operation) { continue }
            guard let bytes = exchange.evidenceBytes else { continue }
            let parsed = EvidenceReader.read(name: exchange.url, bytes: bytes)
            evidence.devices += parsed.devices
            evidence.http += parsed.http
            evidence.errors += parsed.errors.map { "\(exchange.url): \($0)" }
        }
    }

}
