import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint probe` against every emulator persona: the built
/// `camprint-testcam` serves a fleet on 127.0.0.1, the built `camprint` probes it (control plane
/// only, no credentials: a camera that asks for them still shows its 401), and each persona must
/// get the verdict of the vendor it was written from.
@Suite(.serialized) struct PersonaVerdictTests {
    /// Persona, whether it asks for credentials, expected verdict, expected vendor (nil: any).
    static let expectations: [(persona: String, auth: Bool, verdict: String, vendor: String?)] = [
        ("hikvision-ipc", true, "hikvision", "Hikvision"),
        ("hikvision-nvr", true, "hikvision", "Hikvision"),
        ("hikvision-oem", true, "hikvision-oem", "Hikvision"),
        ("clone-imkh", false, "clone", nil),
        ("dahua-ipc", true, "other", "Dahua"),
        ("uniview-ipc", false, "other", "Uniview"),
        ("axis", false, "other", "Axis"),
        ("reolink", false, "other", "Reolink"),
        ("live555-generic", false, "other", nil),
        ("gstreamer-generic", false, "other", nil),
    ]

    static var testcam: URL? {
        BuiltBinary.url.map { $0.deletingLastPathComponent().appendingPathComponent("camprint-testcam") }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }
    }

    @Test(
        .enabled(if: BuiltBinary.isAvailable && testcam != nil, "camprint and camprint-testcam not built (swift build)")
    )
    func everyPersonaGetsItsVendorsVerdict() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-personas-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let password = try PrivateFile.secret("persona-test-secret", at: work.appendingPathComponent("password.txt"))
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet =
            "host: 127.0.0.1\nbase_port: 0\npersonas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
        for camera in Self.expectations {
            fleet += "  - persona: \(camera.persona)\n    media: \(media)\n"
            if camera.auth { fleet += "    user: admin\n    password_file: \(password.path)\n" }
        }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try fleet.write(to: fleetFile, atomically: true, encoding: .utf8)

        let server = try await TestcamProcess.start(
            ["--fleet", fleetFile.path],
            cameras: Self.expectations.count,
            in: work
        )
        defer { server.stop() }
        let urls = server.cameras.map { (persona: $0.persona, url: $0.url) }

        let run = try await BuiltBinary.run(
            ["probe", "--no-media", "--timeout", "5s", "--format", "jsonl"] + urls.map(\.url)
        )
        let reports = try String(decoding: run.output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Report.self, from: Data($0.utf8))
        }
        #expect(reports.count == Self.expectations.count)
        for camera in Self.expectations {
            guard let url = urls.first(where: { $0.persona == camera.persona })?.url,
                let report = reports.first(where: { $0.target.url == url })
            else {
                Issue.record("\(camera.persona): no report")
                continue
            }
            #expect(report.identity.verdict.rawValue == camera.verdict, "\(camera.persona): \(report.identity)")
            if let vendor = camera.vendor {
                #expect(report.identity.vendor == vendor, "\(camera.persona): \(report.identity)")
            }
            #expect(report.status == (camera.auth ? .authRequired : .ok), "\(camera.persona): \(report.status)")
        }
    }
}
