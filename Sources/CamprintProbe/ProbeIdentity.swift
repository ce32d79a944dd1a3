public import CamprintClients
public import CamprintCodecs
public import CamprintInspection
import CamprintRTSP
public import CamprintReport
public import CamprintSignatures

/// Evidence of a probe → observations → identity, through the same path as `camprint identify`:
/// the exchanges (requests as sent, responses byte for byte) are read as an RTSP transcript, the
/// media plane's bitstream summary is added, and CamprintInspection does the rest.
public enum ProbeIdentity {
    public static func evidence(control: ControlPlaneResult, stream: ElementaryStreamSummary?) -> ParsedEvidence {
        var transcript: [UInt8] = []
        for exchange in control.exchanges {
            transcript += exchange.request.serialize()
            transcript += exchange.rawResponse
        }
        let name = URLRedaction.redact(control.finalURL.description)
        var evidence =
            transcript.isEmpty
            ? ParsedEvidence(name: name, kind: .unknown, byteCount: 0)
            : EvidenceReader.read(name: name, bytes: transcript)
        if let stream { evidence.stream = stream }
        return evidence
    }

    /// Adds what a device said outside the probe (discovery answers: SADP, WS-Discovery, DHIP,
    /// SSDP and its UPnP description), each read as `camprint identify` reads a saved file, and
    /// MAC addresses known from elsewhere (the neighbour table), read as a MAC field of the device.
    public static func merge(
        _ items: [(name: String, bytes: [UInt8])],
        macs: [String] = [],
        into evidence: inout ParsedEvidence
    ) {
        evidence.textMACs += macs
        for (name, bytes) in items {
            let parsed = EvidenceReader.read(name: name, bytes: bytes)
            evidence.devices += parsed.devices
            evidence.http += parsed.http
            evidence.looseFields += parsed.looseFields
            evidence.textRealms += parsed.textRealms
            evidence.textMACs += parsed.textMACs
            evidence.errors += parsed.errors.map { "\(name): \($0)" }
        }
    }

    public static func identify(
        _ evidence: ParsedEvidence,
        database: SignatureDatabase
    ) -> (identity: ReportIdentity, device: ReportDevice?) {
        let identification = EvidenceIdentification(evidence: evidence, database: database)
        return (ReportBuilder.identity(identification.identity), ReportBuilder.device(identification.observations))
    }
}
