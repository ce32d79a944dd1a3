public import CamprintSignatures

/// The ONE place that turns parsed artefacts into ``Observation``s, with exactly the keys of
/// docs/field-keys.md. One file per channel (`RTSPObservations`, `SDPObservations`, …).
public enum ObservationExtractor {
    /// Every observation in `evidence`, in channel order, without exact duplicates.
    public static func observations(from evidence: ParsedEvidence) -> [Observation] {
        var all: [Observation] = []
        if let conversation = evidence.rtsp { all += RTSPObservations.extract(conversation) }
        for description in evidence.sdp { all += SDPObservations.extract(description) }
        all += SDPObservations.extract(imkh: evidence.imkh)
        all += BitstreamObservations.extract(evidence)
        all += HTTPObservations.extract(evidence.http)
        for document in evidence.devices {
            switch document.kind {
            case .isapiDeviceInfo: all += ISAPIObservations.extract(document)
            case .onvifDeviceInformation, .wsDiscoveryProbeMatch: all += ONVIFObservations.extract(document)
            case .sadpProbeMatch: all += SADPObservations.extract(document)
            }
        }
        var seen: Set<String> = []
        return all.filter { seen.insert($0.field.rawValue + "\u{0}" + $0.value).inserted }
    }
}
