public import CamprintSignatures

/// One matched rule as it entered the verdict.
public struct Evidence: Hashable, Sendable, Encodable {
    /// How the evidence relates to the verdict.
    public enum Role: String, Hashable, Sendable, Encodable {
        case supports
        case contradicts
        case neutral
    }

    public let ruleID: String
    public let field: FieldKey
    public let value: String
    public let weight: Double
    public let copyable: Copyability
    public let implication: Implication
    public let captures: [String: String]
    public let role: Role

    public init(_ match: Match, role: Role) {
        ruleID = match.ruleID
        field = match.field
        value = match.value
        weight = match.weight
        copyable = match.copyable
        implication = match.implies
        captures = match.captures
        self.role = role
    }
}
