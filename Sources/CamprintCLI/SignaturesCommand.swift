import ArgumentParser
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
        subcommands: [List.self, SelfTest.self]
    )
}

/// `--signatures DIR`, shared by every command that matches signatures.
struct SignatureOptions: ParsableArguments {
    @Option(name: .customLong("signatures"), help: ArgumentHelp("Extra rule directory (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Flag(name: .customLong("no-operator-rules"), help: "Ignore /etc/camprint/signatures.d/.")
    var noOperatorRules = false

    func load() throws -> SignatureDatabase {
        do {
            return try SignatureDatabase.load(
                extraDirectories: directories.map { URL(fileURLWithPath: $0, isDirectory: true) },
                includeOperatorDirectory: !noOperatorRules
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
            print(rows.render())
            print("\(rules.count) rules from \(database.files.count) files")
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
                for failure in failures { print("FAIL \(failure)") }
                let examples = database.signatures.reduce(0) { $0 + $1.examples.count }
                print(
                    "\(database.signatures.count) rules, \(examples) examples, \(failures.count) failures"
                        + (failures.isEmpty ? ": ok" : "")
                )
            }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
