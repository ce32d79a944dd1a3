import CamprintRTSP
import CamprintReport
public import CamprintSignatures

/// Saved evidence → observations → signatures → identity (`camprint identify`; CamprintProbe's
/// ReportBuilder makes the `camprint.report/v1` report of it).
public struct EvidenceIdentification: Sendable {
    public var evidence: ParsedEvidence
    public var observations: [Observation]
    public var identity: Identity

    public init(evidence: ParsedEvidence, database: SignatureDatabase) {
        self.evidence = evidence
        observations = ObservationExtractor.observations(from: evidence)
        identity = IdentityEngine.identify(observations, database: database)
    }

    /// One evidence per device when a file holds documents of several devices (distinct serials,
    /// MACs or device IDs — an NVR and the cameras behind it, a discovery answer listing many):
    /// each document alone, then what remains (RTSP, SDP, HTTP) when there is any. A file of one
    /// device comes back whole.
    public static func splitByDevice(_ evidence: ParsedEvidence) -> [ParsedEvidence] {
        let identityNames = ["serialnumber", "devicesn", "macaddress", "mac", "deviceid"]
        func identity(_ document: DeviceDocument) -> String? {
            for name in identityNames { if let value = document.value(name) { return value.lowercased() } }
            return nil
        }
        let identities = Set(evidence.devices.compactMap(identity))
        guard identities.count >= 2 else { return [evidence] }
        var parts: [ParsedEvidence] = evidence.devices.enumerated().map { index, document in
            var part = ParsedEvidence(name: evidence.name, kind: evidence.kind, byteCount: evidence.byteCount)
            part.devices = [document]
            part.notes = ["device \(index + 1) of \(evidence.devices.count) in this file"]
            return part
        }
        var rest = evidence
        rest.devices = []
        rest.textMACs = []
        if rest.rtsp != nil || !rest.sdp.isEmpty || !rest.http.isEmpty || rest.stream != nil {
            rest.notes.append("the stream and HTTP evidence of this file, without its device documents")
            parts.append(rest)
        }
        return parts
    }

    /// The stream URL the evidence names (first request URI or `Content-Base`), credentials removed.
    public var streamURL: String? {
        guard let conversation = evidence.rtsp else { return nil }
        let candidates =
            conversation.requests.map(\.uri) + conversation.responses.compactMap { $0.headers.value("Content-Base") }
        return candidates.first { $0.lowercased().hasPrefix("rtsp://") }.map(URLRedaction.redact)
    }

}
