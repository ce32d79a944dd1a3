import ArgumentParser
import Foundation

/// How results are printed: `table` for people, `json`/`jsonl` for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table
    case json
    case jsonl
}

/// `--format`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Output format: table (readable), json (one document), jsonl (one JSON object per line)."
    )
    var format: OutputFormat = .table
}

/// JSON encoding used for every machine-readable output: stable key order, no escaped slashes.
enum JSONOutput {
    static func encode(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints `items` as one JSON array (`json`) or one object per line (`jsonl`).
    static func print(_ items: [some Encodable], format: OutputFormat) throws {
        switch format {
        case .jsonl:
            for item in items { Swift.print(try encode(item, pretty: false)) }
        case .json, .table:
            Swift.print(try encode(items, pretty: true))
        }
    }
}

/// Errors that end a command with a message and a documented exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode

    /// Exit 2: usage, configuration or input error.
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(description: message, exitCode: ExitCode(2))
    }
}

enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
