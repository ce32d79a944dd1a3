public import CamprintClients
public import CamprintInspection
public import CamprintReport
public import CamprintSignatures
public import Foundation

/// The one mapping to `camprint.report/v1` (Sources/CamprintReport): `camprint probe` (streams,
/// files, discovered devices, the cameras behind a recorder), `camprint identify`, `camprint
/// discover --no-probe` and the agent build their reports here. The clients (CamprintClients,
/// CamprintDiscovery, CamprintFFmpeg) and the identity engine (CamprintInspection) return their
/// own result values; this file and ReportBuilder+Sections.swift turn them into the wire form.
public enum ReportBuilder {
    /// A report with a new `reportId`, observed now unless `observedAt` is given (a recorder's
    /// cameras share the recorder's).
    public static func report(
        observedAt: String = timestamp(),
        source: ReportSource?,
        target: ReportTarget,
        status: ProbeStatus = .ok,
        error: ReportError? = nil,
        identity: ReportIdentity = ReportIdentity(verdict: .unknown, confidence: 0),
        device: ReportDevice? = nil,
        streams: [ReportStream] = [],
        duration: Duration? = nil,
        discovery: ReportDiscovery? = nil,
        behind: ReportBehind? = nil
    ) -> Report {
        Report(
            reportId: UUID().uuidString.lowercased(),
            observedAt: observedAt,
            source: source,
            target: target,
            status: status,
            error: error,
            identity: identity,
            device: device,
            streams: streams,
            durationMs: duration.map { Int($0.milliseconds.rounded()) },
            discovery: discovery,
            behind: behind
        )
    }

    /// `camprint identify`: the identity of saved evidence; target = the stream URL found in the
    /// evidence, else the file name.
    public static func report(
        _ identification: EvidenceIdentification,
        version: String,
        observedAt: Date = Date()
    ) -> Report {
        let url = identification.streamURL ?? identification.evidence.name
        let components = URLComponents(string: url)
        let host = components?.host.flatMap { $0.isEmpty ? nil : $0 } ?? identification.evidence.name
        return report(
            observedAt: timestamp(observedAt),
            source: ReportSource(kind: "identify", version: version, build: .current),
            target: ReportTarget(
                url: url,
                host: host,
                port: components?.port,
                path: components.flatMap { $0.path.isEmpty ? nil : $0.path }
            ),
            identity: identity(identification.identity),
            device: device(identification.observations)
        )
    }

    /// The target of a stream: its URL redacted, host, port (the scheme's default when the URL
    /// has none) and path.
    public static func target(_ url: RTSPURL) -> ReportTarget {
        ReportTarget(url: URLRedaction.redact(url.description), host: url.host, port: url.port, path: url.path)
    }

    // MARK: Identity

    /// Evidence items sent on the wire at most (strongest first); the rest stay local.
    public static let reportedEvidenceLimit = 64

    /// The identity in the wire form: confidence clamped to 0…1, at most
    /// ``reportedEvidenceLimit`` evidence items, values cut at 512 characters.
    public static func identity(_ identity: Identity) -> ReportIdentity {
        ReportIdentity(
            verdict: CamprintReport.Verdict(rawValue: identity.verdict.rawValue) ?? .unknown,
            vendor: identity.vendor,
            brand: identity.brand,
            model: identity.model,
            firmware: identity.firmware,
            confidence: min(1, max(0, identity.confidence.isNaN ? 0 : identity.confidence)),
            evidence: identity.evidence.prefix(reportedEvidenceLimit).map { item in
                let hint = item.implication.verdict.rawValue
                let implies = item.implication.vendor.map { "\(hint):\($0)" } ?? hint
                return ReportEvidence(
                    rule: item.ruleID,
                    field: item.field.rawValue,
                    value: String(item.value.prefix(512)),
                    weight: item.weight,
                    implies: item.role == .contradicts ? "contradicts \(implies)" : implies
                )
            },
            contradictions: identity.contradictions
        )
    }

    /// The observations that give the device's serial number, first found wins.
    static let serialNumberFields: Set<FieldKey> = [.isapiSerialNumber, .onvifSerialNumber, .sadpDeviceSn]

    /// The `device` section: the first MAC address (`mac.address`, normalised by CamprintWire's
    /// MACAddress when observed) and the first serial number the observations hold; `nil` when
    /// they hold neither.
    public static func device(_ observations: [Observation]) -> ReportDevice? {
        var device = ReportDevice()
        for observation in observations {
            if device.mac == nil, observation.field == .macAddress { device.mac = observation.value }
            if device.serialNumber == nil, serialNumberFields.contains(observation.field) {
                device.serialNumber = observation.value
            }
        }
        return device.mac != nil || device.serialNumber != nil ? device : nil
    }

    // MARK: Timestamps

    /// A value-type style (no ICU formatter built per report: that was 5 % of an agent's CPU).
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// The one form of the report's times (`observedAt`, `discovery.firstSeen`): RFC 3339 UTC
    /// with milliseconds, `2026-11-26T15:04:05.123Z` (what `Timestamp.isRFC3339UTC` accepts).
    public static func timestamp(_ date: Date = Date()) -> String { timestampStyle.format(date) }
}

extension Duration {
    /// Milliseconds with microsecond precision (the report's `…Ms` fields).
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000
    }
}
