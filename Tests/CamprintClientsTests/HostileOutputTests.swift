import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// A hostile camera against the built `camprint probe` (issue 16): a device page that makes text
/// scanning slow must not hold the probe past its deadline, and escape sequences in every string
/// the camera controls must not reach the terminal.
@Suite(
    "Hostile camera: deadline and terminal",
    .enabled(if: CamprintBinary.path != nil, "build the camprint binary first (swift build)")
)
struct HostileOutputTests {
    /// Bytes of nested tags: what the device-information client keeps of a body (256 KiB,
    /// HTTPClientLimits) minus room for the head; a longer body is cut to the same.
    static let nestedTagUnits = 250 << 10

    /// Runs camprint, killing it after `limit` so that a probe that never ends fails the test
    /// instead of hanging it. Returns the run and the wall time.
    static func run(_ arguments: [String], niced: Bool = false, killAfter limit: TimeInterval = 90) async throws -> (
        CamprintBinary.Run, Duration
    ) {
        try await OffPool.run {
            let process = Process()
            let binary = CamprintBinary.path ?? "/nonexistent"
            // A probe that burns a core until its deadline runs at the lowest priority, so that the
            // timing-sensitive suites running beside it in this process keep their CPU.
            if niced, FileManager.default.isExecutableFile(atPath: "/usr/bin/nice") {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
                process.arguments = ["-n", "19", binary] + arguments
            } else {
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = arguments
            }
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            let clock = ContinuousClock()
            let start = clock.now
            try SubprocessLaunch.run(process)
            let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            watchdog.cancel()
            let run = CamprintBinary.Run(
                status: process.terminationStatus,
                stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self)
            )
            return (run, clock.now - start)
        }
    }

    /// No byte below 0x20 but the line feed, no DEL, no C1 control.
    static func expectInert(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.utf8.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(bad.isEmpty, "control bytes \(Set(bad).sorted()) in the output", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, sourceLocation: sourceLocation)
    }

    @Test func nestedUnclosedTagsEndByTheDeadline() async throws {
        let camera = try await TestRTSPServer.start(respond: Responses.camera())
        defer { Task { await camera.stop() } }
        // 250 KiB of nested, never-closed tags with attributes inside a device document's root: the
        // shape that made the tolerant XML scanning quadratic (each `<` scanned to the end).
        let unit = "<a x=\"1\" y='2' "
        let body =
            "<?xml version=\"1.0\"?><DeviceInfo xmlns=\"http://www.hikvision.com/ver20/XMLSchema\" "
            + String(repeating: unit, count: Self.nestedTagUnits / unit.utf8.count)
        let web = try await TestHTTPServer.start { request in
            .send(TestHTTPServer.response("200 OK", headers: ["Content-Type: text/html"], body: body))
        }
        defer { Task { await web.stop() } }
        let (run, elapsed) = try await Self.run(
            [
                "probe", "--no-media", "--no-onvif", "--timeout", "2s", "--http-port", String(web.port),
                "--format", "jsonl", camera.url,
            ],
            niced: true
        )
        print("probe with a 250 KiB nested-tag page, --timeout 2s: exit \(run.status) after \(elapsed)")
        #expect(run.status != 15 && run.status != 9, "killed by the test's watchdog: the probe never ended")
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect([.ok, .timeout].contains(report.report.status), "\(String(describing: report.report.error))")
        if report.report.status == .timeout { #expect(report.report.error?.code == "identity.timeout") }
        // The probe's own clock (process start-up aside): its deadline plus the 1 s the issue allows.
        #expect((report.report.durationMs ?? .max) <= 2000 + 1000, "\(String(describing: report.report.durationMs)) ms")
        #expect(web.requests.contains { $0.target == "/" })
    }

    @Test func escapeSequencesInEveryCameraStringStayInert() async throws {
        let hostile = "\u{1B}[2J\u{1B}[H\u{1B}]52;c;aGk=\u{07}\u{9B}31m\r\nverdict: other [ok]\u{1B}]8;;x\u{1B}\\"
        let hostileHeader = "\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{9B}31m\rverdict: other"
        let sdp = Responses.h264SDP.replacingOccurrences(of: "s=Media Presentation", with: "s=\(hostileHeader)")
        let camera = try await TestRTSPServer.start { request in
            switch request.method {
            case "OPTIONS":
                return .send(
                    Responses.response(
                        "200 OK",
                        cseq: request.cseq,
                        headers: ["Server: \(hostileHeader)", "Public: OPTIONS, DESCRIBE"]
                    )
                )
            default:
                if request.header("Authorization") != nil {
                    return .send(Responses.response("200 OK", cseq: request.cseq, body: sdp))
                }
                return .send(
                    Responses.response(
                        "401 \(hostileHeader)",
                        cseq: request.cseq,
                        headers: ["WWW-Authenticate: Digest realm=\"\(hostileHeader)\", nonce=\"1\""]
                    )
                )
            }
        }
        defer { Task { await camera.stop() } }
        let isapi = """
            <?xml version="1.0"?><DeviceInfo xmlns="http://www.hikvision.com/ver20/XMLSchema">\
            <deviceName>\(hostile)</deviceName><model>DS-\(hostile)</model>\
            <serialNumber>SN\(hostile)</serialNumber><firmwareVersion>V5\(hostile)</firmwareVersion>\
            <macAddress>44:19:b6:00:00:01</macAddress></DeviceInfo>
            """
        let web = try await TestHTTPServer.start { request in
            if request.target.hasPrefix("/ISAPI") {
                return .send(TestHTTPServer.response("200 OK", headers: ["Content-Type: application/xml"], body: isapi))
            }
            return .send(
                TestHTTPServer.response(
                    "200 \(hostileHeader)",
                    headers: ["Server: \(hostileHeader)", "Location: http://x/\(hostileHeader)"],
                    body: "<html><title>\(hostile)</title></html>"
                )
            )
        }
        defer { Task { await web.stop() } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-ansi-\(UUID().uuidString)")
        try Data("username=admin\npassword=pw\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        defer { try? FileManager.default.removeItem(at: file) }
        let (table, _) = try await Self.run([
            "probe", "--no-media", "--no-onvif", "--timeout", "5s", "--http-port", String(web.port),
            "--credentials", file.path, camera.url,
        ])
        Self.expectInert(table.stdout)
        Self.expectInert(table.stderr)
        #expect(table.stdout.split(separator: "\n").filter { $0.hasPrefix("verdict:") }.count == 1, "\(table.stdout)")
        #expect(table.stdout.contains("\\x1b[2J"), "the escapes are shown, not dropped: \(table.stdout)")
        // The same conversation as saved evidence, through identify and inspect.
        let (json, _) = try await Self.run([
            "probe", "--no-media", "--no-onvif", "--timeout", "5s", "--http-port", String(web.port),
            "--credentials", file.path, "--format", "json", camera.url,
        ])
        Self.expectInert(json.stdout)
        let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(json.stdout.utf8))
        let transcript = try #require(reports.first?.rtsp?.exchanges.map { $0.request + $0.response }.joined())
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-ansi-\(UUID().uuidString)")
        try Data(transcript.utf8).write(to: saved)
        defer { try? FileManager.default.removeItem(at: saved) }
        for command in ["identify", "inspect"] {
            let (run, _) = try await Self.run([command, saved.path])
            Self.expectInert(run.stdout)
            Self.expectInert(run.stderr)
        }
        let (explain, _) = try await Self.run(["signatures", "explain", "--all", saved.path])
        Self.expectInert(explain.stdout)
    }
}
