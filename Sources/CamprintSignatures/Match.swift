/// A rule that matched an observation, with its extracted captures.
public struct Match: Hashable, Sendable, Encodable {
    public let ruleID: String
    public let field: FieldKey
    public let value: String
    public let captures: [String: String]
    public let implies: Implication
    public let weight: Double
    public let copyable: Copyability
    public let description: String
    public let observation: Observation
    public let origin: RuleOrigin

    public init(signature: Signature, observation: Observation, captures: [String: String]) {
        ruleID = signature.id
        field = signature.field
        value = observation.value
        self.captures = captures
        implies = signature.implies
        weight = signature.weight
        copyable = signature.copyable
        description = signature.description
        self.observation = observation
        origin = signature.origin
    }
}

/// One line of `camprint signatures list`.
public struct SignatureSummary: Hashable, Sendable, Encodable {
    public let id: String
    public let field: FieldKey
    public let matcher: String
    public let vendor: String?
    public let brand: String?
    public let family: String?
    public let verdict: VerdictHint
    public let weight: Double
    public let copyable: Copyability
    public let description: String
    public let origin: RuleOrigin

    public init(_ signature: Signature) {
        id = signature.id
        field = signature.field
        switch signature.matcher {
        case .pattern(let pattern): matcher = "pattern: " + pattern
        case .equals(let value): matcher = "equals: " + value
        }
        vendor = signature.implies.vendor
        brand = signature.implies.brand
        family = signature.implies.family
        verdict = signature.implies.verdict
        weight = signature.weight
        copyable = signature.copyable
        description = signature.description
        origin = signature.origin
    }
}
