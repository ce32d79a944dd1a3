import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint probe` with credentials and the HTTP channels against the emulator personas that have
/// an HTTP side: each prints the verdict of its vendor and the brand, model
/// and serial that its ISAPI/ONVIF answers reveal.
@Suite(.serialized) struct PersonaDeviceInfoTests {
    struct Expectation: Sendable {
        var persona: String
        var auth: Bool
        var verdict: String
        var vendor: String?
        var brand: String?
        var model: String?
        var serial: String?
    }

    /// Values are those of Samples/personas/*.yaml (`identity` and `http` sections).
    static let expectations: [Expectation] = [
        .init(
            persona: "hikvision-ipc",
            auth: true,
            verdict: "hikvision",
            vendor: "Hikvision",
            brand: nil,
            model: "DS-2CD2146G2-ISU",
            serial: "DS-2CD2146G2-ISU20230115AAWRJ12345678"
        ),
        .init(
            persona: "hikvision-nvr",
            auth: true,
            verdict: "hikvision",
            vendor: "Hikvision",
            brand: nil,
            model: "DS-7608NI-K2",
            serial: "DS-7608NI-K20820220315CCRRJ28022417WCVU"
        ),
        .init(
            persona: "hikvision-oem",
            auth: true,
            verdict: "hikvision-oem",
            vendor: "Hikvision",
            brand: "LTS",
            model: "CMIP8242",
            serial: "CMIP824220200718CCWRE49061234"
        ),
        .init(persona: "clone-imkh", auth: false, verdict: "clone", vendor: nil, brand: nil, model: nil, serial: nil),
        .init(
            persona: "dahua-ipc",
            auth: true,
            verdict: "other",
            vendor: "Dahua",
            brand: nil,
            model: nil,
            serial: "4H01D66PAJ2FA64"
        ),
        .init(persona: "axis", auth: false, verdict: "other", vendor: "Axis", brand: nil, model: nil, serial: nil),
    ]

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func httpPersonasRevealTheirDevice() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-devinfo-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let secret = "devinfo-test-secret"
        let password = try PrivateFile.secret(secret, at: work.appendingPathComponent("password.txt"))
        let credentials = try PrivateFile.credentials(password: secret, at: work.appendingPathComponent("credentials"))
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet = "host: 127.0.0.1\nbase_port: 0\nhttp_base_port: 0\n"
        fleet += "personas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
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
        for announced in server.cameras {
            guard let camera = Self.expectations.first(where: { $0.persona == announced.persona }),
                let httpPort = announced.http?.split(separator: ":").last.map(String.init)
            else {
                Issue.record("unexpected camera: \(announced)")
                continue
            }
            let run = try await BuiltBinary.run(
                [
                    "probe", "--no-media", "--timeout", "5s", "--format", "jsonl", "--credentials", credentials.path,
                    "--onvif-auth", "--http-port", httpPort, announced.url,
                ]
            )
            let text = String(decoding: run.output, as: UTF8.self)
            #expect(!text.contains(secret), "\(camera.persona): the password reached the output")
            guard let line = text.split(separator: "\n").first,
                let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8))
            else {
                Issue.record("\(camera.persona): no report in \(text)")
                continue
            }
            #expect(report.status == .ok, "\(camera.persona): \(report.status) \(String(describing: report.error))")
            #expect(report.identity.verdict.rawValue == camera.verdict, "\(camera.persona): \(report.identity)")
            if let vendor = camera.vendor { #expect(report.identity.vendor == vendor, "\(camera.persona)") }
            if let brand = camera.brand { #expect(report.identity.brand == brand, "\(camera.persona)") }
            if let model = camera.model { #expect(report.identity.model == model, "\(camera.persona)") }
            if let serial = camera.serial { #expect(report.device?.serialNumber == serial, "\(camera.persona)") }
        }
    }
}
