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
