/// One signature: a field key, a value matcher, and what a match implies (the model of rapid7/recog's
/// fingerprint XML files, with examples each rule must match). See Rules/README.md for the file format.
public struct Signature: Sendable {
    public let id: String
    public let field: FieldKey
    public let matcher: ValueMatcher
    public let implies: Implication
    /// Named groups of the pattern that the rule extracts (`model`, `firmware`, `server_version`, …).
    public let captures: [String]
    /// Strength of the signal, 0…1.
    public let weight: Double
    public let copyable: Copyability
    public let description: String
    public let source: String
    public let examples: [RuleExample]
    public let origin: RuleOrigin
    private let regex: CompiledPattern?

    init(
        id: String,
        field: FieldKey,
        matcher: ValueMatcher,
        implies: Implication,
        captures: [String],
        weight: Double,
        copyable: Copyability,
        description: String,
        source: String,
        examples: [RuleExample],
        origin: RuleOrigin
    ) throws(PatternError) {
        self.id = id
        self.field = field
        self.matcher = matcher
        self.implies = implies
        self.captures = captures
        self.weight = weight
        self.copyable = copyable
        self.description = description
        self.source = source
        self.examples = examples
        self.origin = origin
        if case .pattern(let text) = matcher {
            regex = try CompiledPattern(text)
        } else {
            regex = nil
        }
    }

    /// The declared captures extracted from `value` when the rule matches, nil otherwise.
    public func match(_ value: String) -> [String: String]? {
        switch matcher {
        case .equals(let expected):
            return value == expected ? [:] : nil
        case .pattern:
            guard let regex, let groups = regex.wholeMatch(value) else { return nil }
            var result: [String: String] = [:]
            for name in captures {
                if let captured = groups[name] { result[name] = captured }
            }
            return result
        }
    }

    /// Named groups written in the pattern (for the self-test), in order of appearance.
    public var patternGroupNames: [String] {
        guard case .pattern(let text) = matcher else { return [] }
        return CompiledPattern.groupNames(in: text)
    }
}
