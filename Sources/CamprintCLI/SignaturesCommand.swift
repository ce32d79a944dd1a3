import ArgumentParser
import CamprintInspection
import CamprintSignatures
import Foundation

/// `camprint signatures list | test | explain`: the signature database.
struct SignaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatures",
        abstract: "List, self-test and explain the signature database.",
        discussion: """
            Rules are YAML files: the ones shipped with camprint, operator rules in \
            /etc/camprint/signatures.d/, and any directory given with --signatures (loaded first, \
            so they win over shipped rules with the same field).
            """,
        subcommands: [List.self, SelfTest.self, Explain.self, FieldKeys.self]
    )
}

/// `--signatures DIR`, shared by every command that matches signatures.
struct SignatureOptions: ParsableArguments {
    @Option(name: .customLong("signatures"), help: ArgumentHelp("Extra rule directory (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Flag(name: .customLong("no-operator-rules"), help: "Ignore /etc/camprint/signatures.d/.")
    var noOperatorRules = false

    @Option(
        name: .customLong("exclude-rule"),
        help: ArgumentHelp(
            "Leave this rule out (repeatable): see what a verdict rests on; scripts/eval.py uses it to hold sources out.",
            valueName: "id"
        )
    )
    var excludedRules: [String] = []

    func load() throws -> SignatureDatabase {
        do {
            let database = try SignatureDatabase.load(
                extraDirectories: directories.map { URL(fileURLWithPath: $0, isDirectory: true) },
                includeOperatorDirectory: !noOperatorRules
            )
            guard !excludedRules.isEmpty else { return database }
            let excluded = Set(excludedRules)
            return SignatureDatabase(
                signatures: database.signatures.filter { !excluded.contains($0.id) },
                vendors: database.vendors,
                files: database.files
            )
        } catch {
            throw CommandFailure.usage("signatures: \(error)")
        }
    }
}

extension SignaturesCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every rule: id, field, what it implies, weight, copyability.",
            discussion: "Example: camprint signatures list --field rtsp.auth.realm"
        )

        @OptionGroup var signatures: SignatureOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Only rules on this field key (see docs/field-keys.md).")
        var field: String?

        func run() async throws {
            let database = try signatures.load()
            let rules = database.list.filter { field == nil || $0.field.rawValue == field }
            guard output.format == .table else {
                try JSONOutput.print(rules, format: output.format)
                return
            }
            let table = TextTable(columns: ["ID", "FIELD", "IMPLIES", "WEIGHT", "COPYABLE"])
            var rows = table
            for rule in rules {
                let implies = [rule.verdict.rawValue, rule.vendor, rule.brand.map { "brand \($0)" }].compactMap { $0 }
                rows.add([
                    rule.id, rule.field.rawValue, implies.joined(separator: " "), String(format: "%.2f", rule.weight),
                    rule.copyable.rawValue,
                ])
            }
            TerminalOutput.print(rows.render())
            TerminalOutput.print("\(rules.count) rules from \(database.files.count) files")
        }
    }

    struct SelfTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Check every rule against its own examples (exit 1 on any failure).",
            discussion: """
                Checks, as rapid7/recog does: every pattern compiles, ids are unique, fields are known, \
                every example matches its own rule first with the declared captures, vendor names are \
                canonical.
                """
        )

        @OptionGroup var signatures: SignatureOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let database = try signatures.load()
            let failures = database.selfTest()
            if output.format != .table {
                try JSONOutput.print(failures, format: output.format)
            } else {
                for failure in failures { TerminalOutput.print("FAIL \(failure)") }
                let examples = database.signatures.reduce(0) { $0 + $1.examples.count }
                TerminalOutput.print(
                    "\(database.signatures.count) rules, \(examples) examples, \(failures.count) failures"
                        + (failures.isEmpty ? ": ok" : "")
                )
            }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how a file's verdict is reached: observations, matching rules, scores, verdict.",
            discussion: """
                Steps: (1) the observations extracted from the file, (2) every rule that accepts each \
                observation, the winner first (only the winner counts), (3) how the identity engine grouped \
                and scored the winners (copyable gate, clone and OEM logic), (4) the verdict.

                Example: camprint signatures explain describe.txt
                """
        )

        @Argument(help: ArgumentHelp("A file of saved evidence (- for standard input).", valueName: "file"))
        var file: String

        @Flag(help: "Also list observations that no rule matched.")
        var all = false

        @OptionGroup var signatures: SignatureOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let database = try signatures.load()
            let bytes: [UInt8]
            do {
                bytes = try EvidenceFile.read(file)
            } catch {
                throw CommandFailure.usage("\(file): \(error)")
            }
            let evidence = EvidenceReader.read(name: file, bytes: bytes)
            let observations = ObservationExtractor.observations(from: evidence)
            let explanation = IdentityEngine.explain(observations, database: database)
            guard output.format == .table else {
                try JSONOutput.print([explanation], format: output.format)
                return
            }
            TerminalOutput.line("== \(file) (\(evidence.kind.rawValue))")
            for note in evidence.notes { TerminalOutput.line("note: \(note)") }
            TerminalOutput.print("\n1. observations: \(observations.count)")
            var table = TextTable(columns: ["FIELD", "VALUE", "MATCHING RULES (winner first)"])
            for step in explanation.observations where all || !step.matches.isEmpty {
                let rules = step.matches.map { "\($0.ruleID) [\($0.verdictHint) \($0.weight) \($0.copyable)]" }
                table.add([
                    step.observation.field.rawValue, String(step.observation.value.prefix(50)),
                    rules.isEmpty ? "-" : rules.joined(separator: "; "),
                ])
            }
            TerminalOutput.print(table.render())
            let unmatched = explanation.observations.filter(\.matches.isEmpty).count
            if !all, unmatched > 0 {
                TerminalOutput.print("(\(unmatched) observations without a matching rule; --all lists them)")
            }
            let combination = explanation.combination
            TerminalOutput.print("\n2. combination")
            let groups: [(String, [String])] = [
                ("Hikvision firmware", combination.hikvisionFirmware),
                ("Hikvision wire format (copyable)", combination.hikvisionWireFormat),
                ("OEM brands", combination.oemBrands), ("against Hikvision", combination.againstHikvision),
                ("non-copyable Hikvision", combination.nonCopyableHikvision),
            ]
            for (name, rules) in groups {
                TerminalOutput.line("  \(name): \(rules.isEmpty ? "-" : rules.joined(separator: ", "))")
            }
            TerminalOutput.print(
                "  copyable Hikvision fields: \(combination.copyableHikvisionFields.joined(separator: ", "))"
            )
            TerminalOutput.print(
                "  established: \(combination.hikvisionEstablished)  Hikvision score \(combination.hikvisionScore)  "
                    + "against \(combination.againstScore)  imitation \(combination.imitationScore) "
                    + "(clone threshold \(combination.cloneImitationThreshold))"
            )
            TerminalOutput.line("  decision: \(combination.decision)")
            let identity = explanation.identity
            TerminalOutput.print("\n3. verdict: \(identity.verdict.rawValue)")
            let facts: [(String, String?)] = [
                ("vendor", identity.vendor), ("brand", identity.brand), ("model", identity.model),
                ("firmware", identity.firmware), ("family", identity.family),
            ]
            for (name, value) in facts { if let value { TerminalOutput.line("  \(name): \(value)") } }
            TerminalOutput.print("  confidence: \(String(format: "%.2f", identity.confidence))")
            for contradiction in identity.contradictions { TerminalOutput.line("  contradiction: \(contradiction)") }
        }
    }
}
