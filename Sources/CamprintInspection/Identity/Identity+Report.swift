public import CamprintReport
import CamprintSignatures

extension Identity {
    /// Evidence items sent on the wire at most (strongest first); the rest stay local.
    public static let reportedEvidenceLimit = 64

    /// The identity in the `camprint.report/v1` wire form.
    public var reportIdentity: ReportIdentity {
        ReportIdentity(
            verdict: CamprintReport.Verdict(rawValue: verdict.rawValue) ?? .unknown,
            vendor: vendor,
            brand: brand,
            model: model,
            firmware: firmware,
            confidence: min(1, max(0, confidence.isNaN ? 0 : confidence)),
            evidence: evidence.prefix(Self.reportedEvidenceLimit).map { item in
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
            contradictions: contradictions
        )
    }
}
