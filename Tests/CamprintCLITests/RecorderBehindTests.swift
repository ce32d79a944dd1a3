import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint probe` of the emulated Hikvision NVR (Samples/personas/hikvision-nvr.yaml,
/// `http.isapi.input_proxy`): with accepted credentials, one report per camera behind it, each
/// with `behind` and the verdict of its maker; without credentials, none, and no request for the
/// channel list.
@Suite(.serialized) struct RecorderBehindTests {
    struct Run {
        var reports: [Report]
        var text: String
    }

    static func probeNVR(credentials: Bool, format: String = "jsonl") async throws -> Run {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-behind-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let secret = "behind-test-secret"
        let password = try PrivateFile.secret(secret, at: work.appendingPathComponent("password.txt"))
        let credentialFile = try PrivateFile.credentials(
            password: secret,
            at: work.appendingPathComponent("credentials")
        )
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet = "host: 127.0.0.1\nbase_port: 0\nhttp_base_port: 0\n"
        fleet += "personas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
        fleet += "  - persona: hikvision-nvr\n    media: \(media)\n"
        fleet += "    user: admin\n    password_file: \(password.path)\n"
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try fleet.write(to: fleetFile, atomically: true, encoding: .utf8)
        let server = try await TestcamProcess.start(["--fleet", fleetFile.path], cameras: 1, in: work)
        defer { server.stop() }
        let camera = try #require(server.cameras.first)
        let httpPort = try #require(camera.http?.split(separator: ":").last.map(String.init))
        var arguments = ["probe", "--no-media", "--timeout", "8s", "--format", format, "--http-port", httpPort]
        if credentials { arguments += ["--credentials", credentialFile.path] }
        let run = try await BuiltBinary.run(arguments + [camera.url])
        let text = String(decoding: run.output, as: UTF8.self)
        #expect(!text.contains(secret), "the password reached the output")
        let reports =
            format == "jsonl"
            ? text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Report.self, from: Data($0.utf8)) }
            : []
        return Run(reports: reports, text: text)
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func withCredentialsEachCameraBehindGetsItsReport() async throws {
        let run = try await Self.probeNVR(credentials: true)
        try #require(run.reports.count == 5, "\(run.text)")
        let recorder = run.reports[0]
        #expect(recorder.behind == nil)
        #expect(recorder.identity.verdict == .hikvision)
        #expect(recorder.identity.model == "DS-7608NI-K2", "the cameras' models must not leak into the recorder's")
        let behind = Array(run.reports.dropFirst())
        #expect(behind.map { $0.behind?.channel } == [1, 2, 3, 4])
        #expect(
            behind.map { $0.behind?.address } == ["192.168.254.2", "192.168.254.3", "192.168.254.4", "192.168.254.5"]
        )
        #expect(behind.allSatisfy { $0.behind?.recorder.hasPrefix(recorder.target.host) == true })
        #expect(behind.allSatisfy { $0.target.host == recorder.target.host })
        #expect(behind[0].target.path == "/Streaming/Channels/101")
        #expect(behind[3].target.path == "/Streaming/Channels/401")
        #expect(behind[0].identity.verdict == .hikvision)
        #expect(behind[0].identity.model == "DS-2CD2143G2-I")
        #expect(behind[0].device?.serialNumber == "DS-2CD2143G2-I20230314AAWRK12345678")
        #expect(behind[1].identity.verdict == .other && behind[1].identity.vendor == "Dahua")
        #expect(behind[2].identity.verdict == .other && behind[2].identity.vendor == "Axis")
        #expect(behind[3].identity.verdict == .unknown)
        #expect(behind[3].status == .unreachable && behind[3].error?.code == "behind.offline")
        #expect(Set(run.reports.map(\.reportId)).count == 5)
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func withoutCredentialsNothingIsListed() async throws {
        let run = try await Self.probeNVR(credentials: false)
        #expect(run.reports.count == 1, "\(run.text)")
        #expect(!run.text.contains("inputProxy"), "no request for the channel list without credentials")
        #expect(!run.text.contains("192.168.254."))
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func theTableMarksCamerasBehindTheRecorder() async throws {
        let run = try await Self.probeNVR(credentials: true, format: "table")
        #expect(run.text.contains("behind this recorder: 4 camera(s)"), "\(run.text)")
        #expect(run.text.contains("[behind ch 2, 192.168.254.3]"))
        #expect(run.text.contains("isapi inputProxyChannels"))
    }
}
