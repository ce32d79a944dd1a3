public import CamprintSignatures

/// Every step from observations to verdict, for `camprint signatures explain`.
public struct IdentityExplanation: Sendable, Encodable {
    /// One observation and every rule of its field that accepts it (winner first).
    public struct ObservationStep: Sendable, Encodable {
        public var observation: Observation
        public var matches: [MatchSummary]
    }

    public struct MatchSummary: Sendable, Encodable {
        public var ruleID: String
        public var verdictHint: String
        public var vendor: String?
        public var brand: String?
        public var weight: Double
        public var copyable: String
        public var captures: [String: String]

        init(_ match: Match) {
            ruleID = match.ruleID
            verdictHint = match.implies.verdict.rawValue
            vendor = match.implies.vendor
            brand = match.implies.brand
            weight = match.weight
            copyable = match.copyable.rawValue
            captures = match.captures
        }
    }

    /// The engine's groups and scores.
    public struct Combination: Sendable, Encodable {
        public var hikvisionFirmware: [String]
        public var hikvisionWireFormat: [String]
        public var oemBrands: [String]
        public var againstHikvision: [String]
        public var nonCopyableHikvision: [String]
        public var copyableHikvisionFields: [String]
        public var hikvisionEstablished: Bool
        public var hikvisionScore: Double
        public var againstScore: Double
        public var imitationScore: Double
        public var cloneImitationThreshold: Double
        public var copyableOnlyCap: Double
        /// The branch of the verdict logic that decided, in words.
        public var decision: String
    }

    public var observations: [ObservationStep]
    public var combination: Combination
    public var identity: Identity
}

extension IdentityEngine {
    /// Explains ``identify(_:database:)`` step by step; `identity` is exactly what `identify` returns.
    public static func explain(_ observations: [Observation], database: SignatureDatabase) -> IdentityExplanation {
        let steps = observations.map { observation in
            IdentityExplanation.ObservationStep(
                observation: observation,
                matches: database.allMatches(observation).map(IdentityExplanation.MatchSummary.init)
            )
        }
        let matches = database.match(observations)
        let groups = classify(matches)
        let identity = identify(matches: matches)
        let ids: ([Match]) -> [String] = { $0.map { "\($0.ruleID) (\($0.weight))" } }
        let decision: String
        if !groups.against.isEmpty, !groups.nonCopyableHikvision.isEmpty, groups.hikvisionScore >= groups.againstScore {
            decision =
                "non-Hikvision evidence present, but non-copyable Hikvision evidence scores at least as high "
                + "(\(rounded(groups.hikvisionScore)) ≥ \(rounded(groups.againstScore))): Hikvision, contradiction reported"
        } else if !groups.against.isEmpty {
            let clones = groups.against.contains { $0.implies.verdict == .clone }
            decision =
                clones || groups.imitation >= cloneImitationThreshold
                ? "non-Hikvision firmware evidence with Hikvision wire-format imitation "
                    + "(imitation \(rounded(groups.imitation)) ≥ \(cloneImitationThreshold) or an explicit clone signal): clone"
                : "non-Hikvision evidence outweighs Hikvision (imitation \(rounded(groups.imitation)) < "
                    + "\(cloneImitationThreshold)): other, best-scoring vendor named"
        } else if groups.established {
            decision =
                groups.nonCopyableHikvision.isEmpty
                ? "Hikvision established by copyable signals in \(groups.copyableHikvisionFields.count) fields; "
                    + "confidence capped at \(copyableOnlyCap); OEM naming signals make it hikvision-oem"
                : "Hikvision established by non-copyable evidence (score ≥ \(establishingScore)); OEM naming signals make it hikvision-oem"
        } else {
            decision =
                "non-copyable Hikvision evidence below \(establishingScore) and copyable Hikvision signals in fewer than two fields, "
                + "no other vendor: unknown"
        }
        return IdentityExplanation(
            observations: steps,
            combination: .init(
                hikvisionFirmware: ids(groups.hikvisionFirmware),
                hikvisionWireFormat: ids(groups.wireFormat),
                oemBrands: ids(groups.oemBrands),
                againstHikvision: ids(groups.against),
                nonCopyableHikvision: ids(groups.nonCopyableHikvision),
                copyableHikvisionFields: groups.copyableHikvisionFields.map(\.rawValue).sorted(),
                hikvisionEstablished: groups.established,
                hikvisionScore: rounded(groups.hikvisionScore),
                againstScore: rounded(groups.againstScore),
                imitationScore: rounded(groups.imitation),
                cloneImitationThreshold: cloneImitationThreshold,
                copyableOnlyCap: copyableOnlyCap,
                decision: decision
            ),
            identity: identity
        )
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
