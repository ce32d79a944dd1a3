import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint discover` against a mixed emulated site on 127.0.88.x (its own block: no other test
/// uses it): each device on its own address, found by the channels its persona answers, identified
/// with the probe's pipeline; a recorder lists the cameras behind it; a silent address is not listed.
@Suite(.serialized) struct DiscoverCommandTests {
    /// Address → (persona, the verdict a client must reach).
    static let site: [(persona: String, extra: String, verdict: Verdict, vendor: String?)] = [
        ("hikvision-ipc", "", .hikvision, "Hikvision"),  // .1: SADP, WS-Discovery, RTSP, HTTP
        ("dahua-ipc", "", .other, "Dahua"),  // .2: DHIP, WS-Discovery, SSDP, RTSP, HTTP
        ("axis", "", .other, "Axis"),  // .3
        // .4: SADP only
        ("hikvision-oem", "    rtsp: false\n    http: false\n    discovery: [sadp]\n", .hikvisionOEM, "Hikvision"),
        // .5: WS-Discovery only
        ("uniview-ipc", "    rtsp: false\n    http: false\n    discovery: [ws-discovery]\n", .other, "Uniview"),
        ("clone-imkh", "", .clone, nil),  // .6
        ("hikvision-nvr", "    user: admin\n    password_file: PASSWORD\n", .hikvision, "Hikvision"),  // .7
    ]

    struct Run {
        var status: Int32
        var reports: [Report]
        var text: String
    }

    static func discover(_ arguments: [String], credentials: Bool = false) async throws -> Run {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-discover-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let secret = "discover-test-secret"
        let password = try PrivateFile.secret(secret, at: work.appendingPathComponent("password.txt"))
        let credentialFile = try PrivateFile.credentials(
            password: secret,
            at: work.appendingPathComponent("credentials")
        )
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet = "hosts: 127.0.88.1\nbase_port: 10554\nhttp_base_port: 10080\n"
        fleet += "personas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
        for device in site {
            fleet += "  - persona: \(device.persona)\n    media: \(media)\n"
            fleet += device.extra.replacingOccurrences(of: "PASSWORD", with: password.path)
        }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try fleet.write(to: fleetFile, atomically: true, encoding: .utf8)
        let server = try await TestcamProcess.start(["--fleet", fleetFile.path], cameras: site.count, in: work)
        defer { server.stop() }
        var all = ["discover", "--ports", "10554/rtsp,10080/http", "--no-media", "--timeout", "8s"] + arguments
        if credentials { all += ["--credentials", credentialFile.path] }
        let run = try await BuiltBinary.run(all)
        let text = String(decoding: run.output, as: UTF8.self)
        #expect(!text.contains(secret), "the password reached the output")
        let reports = text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Report.self, from: Data($0.utf8))
        }
        return Run(status: run.status, reports: reports, text: text)
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func everyDeviceOfTheSiteWithItsVerdict() async throws {
        // .9 is left silent: a gap in the site; .8 (no device either) too.
        let run = try await Self.discover(["--format", "jsonl", "127.0.88.0/28"], credentials: true)
        let own = run.reports.filter { $0.behind == nil }
        try #require(own.count == Self.site.count, "\(run.text)")
        for (index, expected) in Self.site.enumerated() {
            let address = "127.0.88.\(index + 1)"
            let report = try #require(own.first { $0.target.host == address }, "\(address) missing")
            #expect(report.identity.verdict == expected.verdict, "\(address) \(expected.persona): \(report.identity)")
            if let vendor = expected.vendor { #expect(report.identity.vendor == vendor, "\(address)") }
            #expect(report.discovery?.found == "discovered")
        }
        let byHost = Dictionary(own.map { ($0.target.host, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byHost["127.0.88.1"]?.discovery?.channels.contains("sadp") == true)
        #expect(byHost["127.0.88.1"]?.discovery?.openPorts == [10080, 10554])
        #expect(byHost["127.0.88.2"]?.discovery?.channels.contains("dhip") == true)
        #expect(byHost["127.0.88.4"]?.discovery?.channels == ["sadp"])
        #expect(byHost["127.0.88.4"]?.target.kind == "discovery")
        #expect(byHost["127.0.88.4"]?.target.url == "sadp://127.0.88.4")
        #expect(byHost["127.0.88.5"]?.discovery?.channels == ["wsd"])
        // The recorder accepted the credentials: the cameras behind it are reported too.
        let behind = run.reports.filter { $0.behind != nil }
        #expect(behind.count == 4, "\(run.text)")
        #expect(behind.allSatisfy { $0.behind?.recorder.hasPrefix("127.0.88.7") == true })
        #expect(behind.contains { $0.identity.verdict == .hikvision })
        #expect(run.status == 0 || run.status == 4, "\(run.text)")
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func theTableAndFailOn() async throws {
        let run = try await Self.discover(["--fail-on", "hikvision", "127.0.88.1-10"])
        #expect(run.status == 1, "\(run.text)")
        #expect(run.text.contains("127.0.88.4"))
        #expect(run.text.contains("hikvision-oem"))
        #expect(run.text.contains("device(s) in 10 address(es)"), "\(run.text)")
        #expect(!run.text.contains("127.0.88.9 "))
    }

    @Test(
        .enabled(
            if: BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil,
            "camprint and camprint-testcam not built (swift build)"
        )
    )
    func noProbeListsWhatAnswered() async throws {
        let run = try await Self.discover(["--no-probe", "--format", "jsonl", "127.0.88.1-8"])
        #expect(run.reports.count == Self.site.count, "\(run.text)")
        #expect(run.reports.allSatisfy { $0.identity.verdict == .unknown && $0.discovery != nil })
        let sadp = run.reports.first { $0.target.host == "127.0.88.4" }?.discovery?.answers.first
        #expect(sadp?.channel == "sadp")
        #expect(sadp?.model != nil && sadp?.serialNumber != nil && sadp?.mac != nil)
    }

    @Test(.enabled(if: BuiltBinary.isAvailable, "camprint not built (swift build)"))
    func refusesPublicAndOversizedTargetsBeforeSendingAnything() async throws {
        let public1 = try await BuiltBinary.run(["discover", "8.8.8.0/30"])
        #expect(public1.status == 2)
        #expect(public1.output.isEmpty)
        let large = try await BuiltBinary.run(["discover", "10.0.0.0/16"])
        #expect(large.status == 2)
        let bad = try await BuiltBinary.run(["discover", "--ports", "10080", "127.0.0.1"])
        #expect(bad.status == 2)
    }
}
