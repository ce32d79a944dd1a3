import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// Runs the built `camprint` binary (beside the test bundle, or .build/debug/camprint).
enum BuiltBinary {
    static let url: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
                .appendingPathComponent("camprint"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("camprint"),
            Corpus.packageRoot.appendingPathComponent(".build/debug/camprint"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var isAvailable: Bool { url != nil }

    /// Runs the built `camprint` off the cooperative pool (it may take seconds).
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: Data) {
        let executable = try #require(url, "camprint binary not built")
        return try await OffPool.run { try runBlocking(executable, arguments) }
    }

    static func runBlocking(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(process)
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

@Suite struct IdentifyCommandTests {
    static let transcript = "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"

    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: BuiltBinary.isAvailable, "camprint binary not built beside the tests (swift build)")
    )
    func identifyJSONDecodesAsReportsWithoutCredentials() async throws {
        let path = Corpus.root.appendingPathComponent(Self.transcript).path
        let clone = Corpus.root.appendingPathComponent("rtsp_text/retina/anjvision_describe.txt").path
        let (status, output) = try await BuiltBinary.run(["identify", "--format", "json", path, clone])
        #expect(status == 0)
        let reports = try JSONDecoder().decode([Report].self, from: output)
        try #require(reports.count == 2)
        #expect(reports[0].schema == Report.schemaV1)
        #expect(reports[0].identity.verdict == .hikvision)
        #expect(reports[0].identity.model == nil || reports[0].identity.model?.isEmpty == false)
        #expect(reports[0].target.host == "192.168.10.147")
        #expect(reports[0].source?.kind == "identify")
        #expect(reports[0].validationErrors().isEmpty, "\(reports[0].validationErrors())")
        #expect(reports[1].identity.verdict == .clone)
        let text = String(decoding: output, as: UTF8.self)
        // The transcript carries Digest Authorization headers (response=, username=): none may leak.
        for secret in ["Authorization", "response=", "username="] {
            #expect(!text.contains(secret), "identify output contains \(secret)")
        }
    }

    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: BuiltBinary.isAvailable, "camprint binary not built beside the tests (swift build)")
    )
    func failOnHikvisionExitsOne() async throws {
        let hikvision = Corpus.root.appendingPathComponent(Self.transcript).path
        let dahua = Corpus.root.appendingPathComponent("rtsp_text/retina/dahua_options.txt").path
        #expect(try await BuiltBinary.run(["identify", "--fail-on", "hikvision", hikvision]).status == 1)
        #expect(try await BuiltBinary.run(["identify", "--fail-on", "hikvision", dahua]).status == 0)
        #expect(try await BuiltBinary.run(["identify", "--fail-on", "clone,other", dahua]).status == 1)
        #expect(try await BuiltBinary.run(["identify", "--fail-on", "nonsense", dahua]).status == 2)
    }

    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: BuiltBinary.isAvailable, "camprint binary not built beside the tests (swift build)")
    )
    func tableShowsVerdictFirstAndExplainShowsSteps() async throws {
        let path = Corpus.root.appendingPathComponent(Self.transcript).path
        let table = String(decoding: try await BuiltBinary.run(["identify", path]).output, as: UTF8.self)
        let lines = table.split(separator: "\n")
        #expect(lines.count > 3 && lines[1] == "VERDICT: hikvision", "\(lines.prefix(3))")
        let explain = String(
            decoding: try await BuiltBinary.run(["signatures", "explain", path]).output,
            as: UTF8.self
        )
        for step in ["1. observations", "2. combination", "3. verdict: hikvision"] {
            #expect(explain.contains(step), "explain output lacks \(step)")
        }
    }
}
