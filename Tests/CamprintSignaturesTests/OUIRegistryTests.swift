import CamprintSignatures
import Foundation
import Testing

/// Every OUI a `mac.oui` rule names resolves in the IEEE registry extract shipped beside the rules
/// (`Rules/oui-registry.tsv`, written with `mac_oui.yaml` by scripts/generate-oui-rules.py) to that
/// same rule: a hand edit that adds an OUI nobody registered to the maker fails here.
@Suite struct OUIRegistryTests {
    @Test func everyRuleOUIResolvesToItsRule() throws {
        let directory = try #require(SignatureDatabase.shippedDirectory, "shipped rules not found")
        let table = try String(contentsOf: directory.appendingPathComponent("oui-registry.tsv"), encoding: .utf8)
        var registry: [String: String] = [:]
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3 else { continue }
            registry[String(columns[0])] = String(columns[2])
        }
        #expect(registry.count > 500)
        let database = try SignatureDatabase.load(includeOperatorDirectory: false)
        let rules = database.signatures.filter { $0.field == FieldKey("mac.oui") }
        #expect(!rules.isEmpty)
        var unresolved: [String] = []
        for rule in rules {
            guard case .pattern(let pattern) = rule.matcher else {
                if case .equals(let oui) = rule.matcher, registry[oui] != rule.id {
                    unresolved.append("\(rule.id): \(oui)")
                }
                continue
            }
            for oui in pattern.split(separator: "|").map(String.init) where registry[oui] != rule.id {
                unresolved.append("\(rule.id): \(oui)")
            }
        }
        #expect(unresolved.isEmpty, "OUIs without a registry row for their rule: \(unresolved.prefix(10))")
    }
}
