import CamprintRTSP
public import CamprintReport
public import CamprintSignatures
public import Foundation

/// Saved evidence → observations → signatures → identity → `camprint.report/v1` (`camprint identify`).
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

    /// The identity as a report: target = the URL found in the evidence, else the file name.
    public func report(version: String, observedAt: Date = Date()) -> Report {
        let url = streamURL ?? evidence.name
        let components = URLComponents(string: url)
        let host = components?.host.flatMap { $0.isEmpty ? nil : $0 } ?? evidence.name
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var device = ReportDevice()
        for observation in observations {
            if device.mac == nil, observation.field == .macAddress { device.mac = observation.value }
            if device.serialNumber == nil,
                [.isapiSerialNumber, .onvifSerialNumber, .sadpDeviceSn].contains(observation.field)
            {
                device.serialNumber = observation.value
            }
        }
        let hasDevice = device.mac != nil || device.serialNumber != nil
        return Report(
            reportId: UUID().uuidString.lowercased(),
            observedAt: formatter.string(from: observedAt),
            source: ReportSource(kind: "identify", version: version, build: .current),
            target: ReportTarget(
                url: url,
                host: host,
                port: components?.port,
                path: components.flatMap { $0.path.isEmpty ? nil : $0.path }
            ),
            status: .ok,
            identity: identity.reportIdentity,
            device: hasDevice ? device : nil
        )
    }
}
