/// One failed self-test check, located at a rule (or vendor) in its file.
public struct SelfTestFailure: Hashable, Sendable, Encodable, CustomStringConvertible {
    public enum Check: String, Hashable, Sendable, Encodable {
        case duplicateID = "duplicate-id"
        case unknownField = "unknown-field"
        case missingText = "missing-text"
        case noExamples = "no-examples"
        case tooManyExamples = "too-many-examples"
        case duplicateExample = "duplicate-example"
        case capturesDeclaration = "captures-declaration"
        case exampleDoesNotMatch = "example-does-not-match"
        case exampleShadowed = "example-shadowed"
        case exampleCaptures = "example-captures"
        case unknownVendor = "unknown-vendor"
        case nonCanonicalVendor = "non-canonical-vendor"
        case duplicateVendor = "duplicate-vendor"
    }

    public let check: Check
    public let origin: RuleOrigin
    public let ruleID: String?
    public let message: String

    public var description: String {
        "\(origin): \(ruleID.map { "rule \($0): " } ?? "")[\(check.rawValue)] \(message)"
    }
}

extension SignatureDatabase {
    /// Most examples a rule may carry (recog's limit).
    public static let maximumExamples = 20

    /// Checks every rule the way rapid7/recog's fingerprint self-test (`bin/recog_verify`) does: ids unique, fields in the FieldKey table, description and source present, at least one
    /// and at most 20 distinct examples, declared captures equal to the pattern's named groups,
    /// every example matched by its own rule FIRST among the rules of its field with exactly the
    /// declared captures, vendor/brand names canonical (case-insensitive, one spelling) and the
    /// vendor list free of case-insensitive duplicates. Patterns that do not compile are already
    /// rejected by `load`. Returns no failures when the database is sound.
    public func selfTest() -> [SelfTestFailure] {
        var failures: [SelfTestFailure] = []
        failures += vendorListFailures()
        var seenIDs: [String: RuleOrigin] = [:]
        for signature in signatures {
            func fail(_ check: SelfTestFailure.Check, _ message: String, line: Int? = nil) {
                let origin = RuleOrigin(file: signature.origin.file, line: line ?? signature.origin.line)
                failures.append(SelfTestFailure(check: check, origin: origin, ruleID: signature.id, message: message))
            }
            if let first = seenIDs[signature.id] {
                fail(.duplicateID, "id already used at \(first)")
            } else {
                seenIDs[signature.id] = signature.origin
            }
            if !signature.field.isKnown {
                fail(.unknownField, "field `\(signature.field)` is not in the FieldKey table (docs/field-keys.md)")
            }
            if signature.description.isEmpty { fail(.missingText, "missing `description`") }
            if signature.source.isEmpty { fail(.missingText, "missing `source`") }
            for (role, name) in [("vendor", signature.implies.vendor), ("brand", signature.implies.brand)] {
                guard let name else { continue }
                if let canonical = canonicalVendor(name) {
                    if canonical.name != name {
                        fail(.nonCanonicalVendor, "\(role) `\(name)` must be spelled `\(canonical.name)`")
                    }
                } else {
                    fail(.unknownVendor, "\(role) `\(name)` is not in vendors.yaml")
                }
            }
            if case .pattern = signature.matcher, Set(signature.patternGroupNames) != Set(signature.captures) {
                fail(
                    .capturesDeclaration,
                    "declared captures \(signature.captures.sorted()) != pattern groups "
                        + "\(signature.patternGroupNames.sorted())"
                )
            }
            if case .equals = signature.matcher, !signature.captures.isEmpty {
                fail(.capturesDeclaration, "an `equals` rule cannot capture")
            }
            if signature.examples.isEmpty { fail(.noExamples, "a rule needs at least one real example") }
            if signature.examples.count > Self.maximumExamples {
                fail(.tooManyExamples, "\(signature.examples.count) examples (at most \(Self.maximumExamples))")
            }
            var seenValues: Set<String> = []
            for example in signature.examples {
                if !seenValues.insert(example.value).inserted {
                    fail(.duplicateExample, "example `\(example.value)` repeated", line: example.line)
                }
                guard let captures = signature.match(example.value) else {
                    fail(.exampleDoesNotMatch, "example `\(example.value)` does not match", line: example.line)
                    continue
                }
                if captures != example.captures {
                    fail(
                        .exampleCaptures,
                        "example `\(example.value)` captures \(captures.sorted { $0.key < $1.key }) "
                            + "but declares \(example.captures.sorted { $0.key < $1.key })",
                        line: example.line
                    )
                }
                let winner = firstMatch(Observation(signature.field, example.value))
                if let winner, winner.ruleID != signature.id {
                    fail(
                        .exampleShadowed,
                        "example `\(example.value)` is matched first by rule \(winner.ruleID) (\(winner.origin))",
                        line: example.line
                    )
                }
            }
        }
        return failures
    }

    private func vendorListFailures() -> [SelfTestFailure] {
        var failures: [SelfTestFailure] = []
        var seen: [String: Vendor] = [:]
        for vendor in vendors {
            let folded = vendor.name.lowercased()
            if let first = seen[folded] {
                failures.append(
                    SelfTestFailure(
                        check: .duplicateVendor,
                        origin: vendor.origin,
                        ruleID: nil,
                        message: "`\(vendor.name)` duplicates `\(first.name)` (\(first.origin))"
                    )
                )
            } else {
                seen[folded] = vendor
            }
            if let maker = vendor.madeBy, canonicalVendor(maker)?.name != maker {
                failures.append(
                    SelfTestFailure(
                        check: .unknownVendor,
                        origin: vendor.origin,
                        ruleID: nil,
                        message: "made_by `\(maker)` of `\(vendor.name)` is not a canonical vendor"
                    )
                )
            }
        }
        return failures
    }
}
