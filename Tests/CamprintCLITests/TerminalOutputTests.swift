import CamprintProbe
import CamprintReport
import CamprintWire
import Foundation
import Testing

@testable import CamprintCLI

/// What a hostile camera controls reaches the table output inert (issue 16, item 3).
@Suite struct TerminalOutputTests {
    /// Clear screen, cursor home, a fake verdict, an OSC 52 clipboard write, a C1 CSI, BEL, a lone CR.
    static let hostile =
        "x\u{1B}[2J\u{1B}[H\nverdict: other (confidence 1.00)  vendor Axis  [ok]\u{1B}]52;c;aGk=\u{07}\u{9B}2J\r"

    static func assertInert(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = output.utf8.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(bad.isEmpty, "control bytes \(bad) in the output", sourceLocation: sourceLocation)
        #expect(!output.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, sourceLocation: sourceLocation)
        // The forged verdict stays inside the line that quotes it.
        let verdictLines = output.split(separator: "\n").filter { $0.hasPrefix("verdict:") }
        #expect(verdictLines.count == 1, sourceLocation: sourceLocation)
    }

    @Test func probeTableEscapesEveryCameraString() {
        let text = Self.hostile
        let report = Report(
            reportId: "r1",
            observedAt: "2026-12-02T08:00:00Z",
            source: ReportSource(kind: "camprint probe", version: "0.1.0"),
            target: ReportTarget(url: "rtsp://127.0.0.1:554/\(text)", host: "127.0.0.1", port: 554, path: "/"),
            status: .error,
            error: ReportError(code: "rtsp.status.unexpected", message: "unexpected answer: RTSP/1.0 500 \(text)"),
            identity: ReportIdentity(
                verdict: .hikvision,
                vendor: "Hikvision\(text)",
                brand: text,
                model: "DS-\(text)",
                firmware: text,
                confidence: 0.9,
                evidence: [
                    ReportEvidence(
                        rule: "r",
                        field: "rtsp.auth.realm",
                        value: "IP Camera\(text)",
                        weight: 0.6,
                        implies: "hikvision:Hikvision",
                        description: "d"
                    )
                ],
                contradictions: [text]
            ),
            device: ReportDevice(serialNumber: "SN\(text)", mac: text),
            streams: [ReportStream(kind: "video", codec: text, profile: text, width: 1, height: 1)],
            durationMs: 5
        )
        let rtsp = ReportRTSP(
            finalURL: "rtsp://127.0.0.1/",
            redirects: ["rtsp://127.0.0.2/\(text)"],
            peer: "127.0.0.1:554",
            authentication: ReportAuthentication(scheme: "Digest", realm: text, sentInClear: false, accepted: false),
            exchanges: [
                ReportRTSPExchange(
                    method: "DESCRIBE",
                    url: "rtsp://127.0.0.1/",
                    statusCode: 302,
                    roundTripMs: 1,
                    request: "",
                    response: "RTSP/1.0 302 \(text)\r\nLocation: rtsp://127.0.0.2/\(text)\r\n\r\n",
                    responseBytes: 10
                )
            ],
            durationMs: 1
        )
        let deviceInfo = ReportDeviceInfo(
            requests: [
                ReportDeviceInfoRequest(
                    channel: "banner",
                    operation: "GET /",
                    url: "http://127.0.0.1/\(text)",
                    authenticated: false,
                    statusCode: 200,
                    durationMs: 1,
                    outcome: text
                )
            ],
            durationMs: 1
        )
        let outcome = ProbeOutcome(
            index: 0,
            report: ProbeReport(report: report, rtsp: rtsp, deviceInfo: deviceInfo),
            control: nil
        )
        let output = ProbeTextRenderer.render(outcome)
        Self.assertInert(output)
        #expect(output.contains("realm \"x\\x1b[2J\\x1b[H\\x0averdict: other"))
        #expect(output.contains("serial SNx\\x1b[2J"))
        #expect(output.contains("\\x9b2J\\x0d"))
    }

    @Test func jsonEscapesC1ControlsAndStaysJSON() throws {
        let value = "a\u{1B}[2J\u{9B}31m\u{7F}b\u{202E}c"
        let json = try JSONOutput.encode(["v": value], pretty: false)
        Self.assertInert(json + "\nverdict:")
        #expect(json == #"{"v":"a\u001b[2J\u009b31m\u007fb\u202ec"}"#)
        // What the terminal gets is the same text (nothing left to escape), and it decodes back.
        #expect(TerminalText.sanitizedLines(json) == json)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(json.utf8)) == ["v": value])
    }
}
