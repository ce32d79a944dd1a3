import ArgumentParser
import CamprintInspection
import Foundation

extension SignaturesCommand {
    /// `camprint signatures field-keys FILE` (hidden, for developers): regenerates the tables of
    /// docs/field-keys.md from the catalogs in code (`FieldKey.catalog`, `RTSPQuirkCodes.catalog`).
    struct FieldKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "field-keys",
            abstract: "Regenerate the tables of docs/field-keys.md from the catalogs in code.",
            discussion: """
                Prints the document with its generated tables (between the BEGIN/END markers) \
                replaced; --write rewrites the file in place, --check exits 1 when it is out of date.

                Example: camprint signatures field-keys --write docs/field-keys.md
                """,
            shouldDisplay: false
        )

        @Argument(help: ArgumentHelp("The document (docs/field-keys.md).", valueName: "file"))
        var file: String = "docs/field-keys.md"

        @Flag(help: "Rewrite the file in place.")
        var write = false

        @Flag(help: "Exit 1 when the file differs from what the catalogs generate.")
        var check = false

        func run() async throws {
            let text: String
            let generated: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
                generated = try FieldKeyDocument.render(text)
            } catch {
                throw CommandFailure.usage("\(file): \(error)")
            }
            if check {
                guard generated == text else {
                    TerminalOutput.print("\(file) is out of date: run camprint signatures field-keys --write \(file)")
                    throw ExitCode(1)
                }
            } else if write {
                guard generated != text else { return }
                do {
                    try generated.write(toFile: file, atomically: true, encoding: .utf8)
                } catch {
                    throw CommandFailure.usage("\(file): \(error)")
                }
            } else {
                FileHandle.standardOutput.write(Data(generated.utf8))
            }
        }
    }
}
