import CamprintTestSupport
import Foundation
import Testing

/// The built `camprint` probes the built `camprint-testcam --replay` of both corpus captures and
/// reports the vendor evidence ../shared/corpus/real/MANIFEST.md lists for them.
@Suite("camprint probe against replays", .serialized)
struct ReplayProbeTests {
    static let camprint = BuiltProducts.url(named: "camprint")
    static let testcam = BuiltProducts.url(named: "camprint-testcam")

    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var realm: String
        var vendor: String
        /// Rule ids the evidence must contain.
        var rules: [String]
        /// Text the verbatim SDP of the report must contain.
        var sdp: [String]
        var codec: String
        var testDescription: String { path }
    }

    static let cases = [
        Case(
            path: ReplayTests.dahua,
            realm: "Login to 4H01D66PAJ2FA64",
            vendor: "Dahua",
            rules: ["dahua.rtsp.realm.login-to", "dahua.sdp.attribute.packetization-supported"],
            sdp: ["s=Media Server", "a=packetization-supported:DH", "a=rtppayload-supported:DH"],
            codec: "h264"
        ),
        Case(
            path: ReplayTests.uniview,
            realm: "48ea6362b25c",
            vendor: "Uniview",
            rules: ["uniview.rtsp.realm.mac-hex"],
            sdp: [
                "s=ONVIF RTSP Server", "profile-level-id=010101", "a=framerate:0",
                "sprop-parameter-sets=B\u{1}\u{1}\u{1}`",
            ],
            codec: "h265"
        ),
    ]

    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: camprint != nil && testcam != nil, "camprint and camprint-testcam not built"),
        arguments: cases
    )
    func probeReportsTheVendorEvidence(_ testCase: Case) async throws {
        guard let camprint = Self.camprint else { return }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-replay-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let password = work.appendingPathComponent("password.txt")
        try PrivateFile.write(Data("replay-accepts-any\n".utf8), to: password)

        let server = try await TestcamProcess.start([
            "--replay", Corpus.root.appendingPathComponent(testCase.path).path, "--listen", "127.0.0.1:0",
        ])
        defer { server.stop() }
        let url = server.cameras[0].url

        let probe = Process()
        probe.executableURL = camprint
        probe.arguments = [
            "probe", "--username", "admin", "--password-file", password.path, "--no-http", "--no-onvif",
            "--timeout", "15s", "--format", "json", url,
        ]
        let probeOutput = Pipe()
        probe.standardOutput = probeOutput
        probe.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(probe)
        let data = probeOutput.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        #expect(probe.terminationStatus == 0, "\(testCase.path): camprint probe exit \(probe.terminationStatus)")
        let reports = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let report = try #require(reports.first, "\(testCase.path): no report")
        let identity = report["identity"] as? [String: Any] ?? [:]
        let rtsp = report["rtsp"] as? [String: Any] ?? [:]
        let authentication = rtsp["authentication"] as? [String: Any] ?? [:]
        #expect(authentication["realm"] as? String == testCase.realm, "\(testCase.path): \(authentication)")
        #expect(authentication["accepted"] as? Bool == true, "\(testCase.path): \(authentication)")
        #expect(identity["vendor"] as? String == testCase.vendor, "\(testCase.path): \(identity)")
        let rules = (identity["evidence"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        for rule in testCase.rules { #expect(rules.contains(rule), "\(testCase.path): evidence \(rules)") }
        let sdp = rtsp["sdp"] as? String ?? ""
        for text in testCase.sdp { #expect(sdp.contains(text), "\(testCase.path): SDP lacks \(text)") }
        let streams = report["streams"] as? [[String: Any]] ?? []
        #expect(
            streams.contains { $0["codec"] as? String == testCase.codec && $0["width"] as? Int == 1920 },
            "\(testCase.path): streams \(streams)"
        )
    }
}
