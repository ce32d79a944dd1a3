import ArgumentParser
import CamprintInspection
import CamprintProbe
import CamprintReport
import CamprintSignatures
import CamprintWire
import Foundation

/// `camprint identify FILE...`: who made the device behind saved evidence, with the evidence.
struct IdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify the vendor behind saved evidence (RTSP/HTTP transcripts, SDP, ISAPI/ONVIF/SADP, logs).",
        discussion: """
            Each file's kind is detected from its content: RTSP or HTTP conversation text (Wireshark \
            "Follow TCP Stream", curl -v, client debug logs with prefixes), a bare SDP, ISAPI deviceInfo / \
            ONVIF / WS-Discovery / SADP documents (XML, JSON or key: value dumps), ffmpeg/ffprobe \
            -v debug/trace logs, raw H.264/H.265, NAL units, IMKH headers. Media containers (mp4, ts) \
            are read by `camprint probe`. One camprint.report/v1 report per file, or per device when a \
            file holds documents of several devices (an NVR and its cameras).

            Examples:
              camprint identify describe.txt
              camprint identify --format json capture.txt deviceInfo.xml
              camprint identify --fail-on hikvision,hikvision-oem *.txt   exit 1 when any file is Hikvision-made
            """
    )

    @Argument(help: ArgumentHelp("Files to read (- for standard input).", valueName: "file"))
    var files: [String]

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Exit 1 when any verdict is in this comma list (hikvision also covers hikvision-oem).",
            valueName: "verdicts"
        )
    )
    var failOn: String?

    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, e.g. camprint identify describe.txt") }
        _ = try failVerdicts()
    }

    /// The verdicts `--fail-on` names; `hikvision` includes `hikvision-oem`.
    func failVerdicts() throws -> Set<CamprintReport.Verdict> {
        guard let failOn else { return [] }
        var verdicts: Set<CamprintReport.Verdict> = []
        for item in failOn.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let verdict = CamprintReport.Verdict(rawValue: item) else {
                let known = CamprintReport.Verdict.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--fail-on: unknown verdict '\(item)' (known: \(known))")
            }
            verdicts.insert(verdict)
            if verdict == .hikvision { verdicts.insert(.hikvisionOEM) }
        }
        return verdicts
    }

    func run() async throws {
        let database = try signatures.load()
        let failing = try failVerdicts()
        var reports: [Report] = []
        var results: [EvidenceIdentification] = []
        var unreadable = 0
        for file in files {
            do {
                let bytes = try EvidenceFile.read(file)
                let evidence = EvidenceReader.read(name: file, bytes: bytes)
                for part in EvidenceIdentification.splitByDevice(evidence) {
                    let result = EvidenceIdentification(evidence: part, database: database)
                    results.append(result)
                    reports.append(ReportBuilder.report(result, version: CamprintVersion.current))
                }
            } catch {
                StandardError.write("camprint: \(file): \(error)")
                unreadable += 1
            }
        }
        switch output.format {
        case .table:
            TerminalOutput.print(
                zip(results, reports).map { IdentityTextRenderer.render($0.0, report: $0.1) }.joined(separator: "\n\n")
            )
        case .json, .jsonl:
            try JSONOutput.print(reports, format: output.format)
        }
        if unreadable > 0 { throw ExitCode(2) }
        if reports.contains(where: { failing.contains($0.identity.verdict) }) { throw ExitCode(1) }
    }
}

/// The readable form of one identification: verdict first, then identity, evidence, contradictions.
enum IdentityTextRenderer {
    static func render(_ result: EvidenceIdentification, report: Report) -> String {
        let identity = report.identity
        var lines = ["== \(result.evidence.name)"]
        lines.append("VERDICT: \(identity.verdict.rawValue)")
        let facts: [(String, String?)] = [
            ("vendor", identity.vendor), ("brand", identity.brand), ("model", identity.model),
            ("firmware", identity.firmware), ("confidence", String(format: "%.2f", identity.confidence)),
            ("target", report.target.url), ("evidence kind", result.evidence.kind.rawValue),
        ]
        for (name, value) in facts { if let value { lines.append("\(name): \(value)") } }
        if result.evidence.kind == .mediaContainer {
            lines.append("note: media container: use `camprint probe FILE` for bitstream evidence")
        }
        var table: TextTable?
        if identity.evidence.isEmpty {
            lines.append("evidence: none (\(result.observations.count) observations, no rule matched)")
        } else {
            var rows = TextTable(columns: ["RULE", "FIELD", "VALUE", "WEIGHT", "IMPLIES"])
            for item in identity.evidence {
                rows.add([
                    item.rule, item.field, String(item.value.prefix(60)), String(format: "%.2f", item.weight),
                    item.implies,
                ])
            }
            table = rows
            lines.append("evidence:")
        }
        var tail: [String] = []
        for contradiction in identity.contradictions { tail.append("contradiction: \(contradiction)") }
        for note in result.evidence.notes { tail.append("note: \(note)") }
        for error in result.evidence.errors { tail.append("error: \(error)") }
        // Each line escaped on its own (the table's cells are, by TextTable): a value from the file
        // cannot add a line or a control sequence.
        var blocks = lines.map(TerminalText.sanitized)
        if let table { blocks.append(table.render()) }
        return (blocks + tail.map(TerminalText.sanitized)).joined(separator: "\n")
    }
}
