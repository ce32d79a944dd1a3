import ArgumentParser
import CamprintWire
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
        return escapingC1Controls(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// JSONEncoder escapes C0 controls (RFC 8259 §7) but writes DEL, C1 controls (U+0080–U+009F;
    /// 0x9B is a CSI on some terminals) and the bidirectional overrides as they are. `\uNNNN` is the
    /// same JSON string and inert on a terminal, so TerminalOutput finds nothing left to escape (its
    /// own `\xNN` would not be valid JSON).
    static func escapingC1Controls(_ json: String) -> String {
        func escaped(_ value: UInt32) -> Bool {
            (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
        guard json.unicodeScalars.contains(where: { escaped($0.value) }) else { return json }
        var output = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if escaped(scalar.value) {
                let digits = String(scalar.value, radix: 16)
                output.append(
                    contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).unicodeScalars
                )
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Prints `items` as one JSON array (`json`) or one object per line (`jsonl`).
    static func print(_ items: [some Encodable], format: OutputFormat) throws {
        switch format {
        case .jsonl:
            for item in items { TerminalOutput.print(try encode(item, pretty: false)) }
        case .json, .table:
            TerminalOutput.print(try encode(items, pretty: true))
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

/// Everything camprint writes to stderr: messages and log lines, control characters escaped
/// (``TerminalText``) because they may quote what a camera or a file said.
enum StandardError {
    /// A message whose line feeds are camprint's own (usage text).
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.sanitizedLines(text) + "\n").utf8))
    }

    /// One log line: every control character escaped, line feeds included.
    static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.sanitized(line) + "\n").utf8))
    }
}

/// Everything camprint writes to stdout. Renderers escape each value within its line
/// (``TerminalText/sanitized(_:)``); this escapes whatever control character is left, keeping
/// the line feeds, so no byte below 0x20 but `\n` reaches the terminal.
enum TerminalOutput {
    static func print(_ text: String) {
        Swift.print(TerminalText.sanitizedLines(text))
    }

    /// One line: a line feed inside it (from a value) is escaped too, so it cannot start a line
    /// that looks like camprint's.
    static func line(_ text: String) {
        Swift.print(TerminalText.sanitized(text))
    }
}
