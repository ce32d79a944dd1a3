import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint probe rtsp://HOST:PORT` without a path (issue 17, item 3): the built
/// `camprint-testcam` serves the Hikvision, Dahua and Axis personas on 127.0.0.1, each answering
/// only on its own path (fault `own_path_only`: 404 elsewhere), and the built `camprint` must find
/// each stream's path within the request limit, and never send more than one authenticated
/// request when the password is wrong.
@Suite(.serialized) struct BareAddressProbeTests {
    static let personas: [(name: String, auth: Bool, path: String, vendor: String)] = [
        ("hikvision-ipc", true, "/Streaming/Channels/101", "Hikvision"),
        ("dahua-ipc", true, "/cam/realmonitor?channel=1&subtype=0", "Dahua"),
        ("axis", false, "/axis-media/media.amp", "Axis"),
    ]

    struct Fixture {
        var work: URL
        var server: TestcamProcess
        var password: String
        var wrongPassword: String

        /// `rtsp://127.0.0.1:PORT` of the persona: no path.
        func bareURL(_ persona: String) throws -> String {
            let camera = try #require(server.cameras.first { $0.persona == persona })
            return "rtsp://\(camera.address)"
        }

        func stop() {
            server.stop()
            try? FileManager.default.removeItem(at: work)
        }
    }

    static func start() async throws -> Fixture {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let secret = try PrivateFile.secret("bare-probe-secret", at: work.appendingPathComponent("camera-password.txt"))
        let password = try PrivateFile.secret("bare-probe-secret", at: work.appendingPathComponent("password.txt")).path
        let wrong = try PrivateFile.secret("not-the-password", at: work.appendingPathComponent("wrong.txt")).path
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet =
            "host: 127.0.0.1\nbase_port: 0\npersonas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
        for persona in personas {
            fleet += "  - persona: \(persona.name)\n    media: \(media)\n    http: false\n"
            fleet += "    faults: {own_path_only: true}\n"
            if persona.auth { fleet += "    user: admin\n    password_file: \(secret.path)\n" }
        }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try fleet.write(to: fleetFile, atomically: true, encoding: .utf8)
        let server = try await TestcamProcess.start(["--fleet", fleetFile.path], cameras: personas.count, in: work)
        return Fixture(work: work, server: server, password: password, wrongPassword: wrong)
    }

    static func reports(_ output: Data) throws -> [ProbeReport] {
        try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(ProbeReport.self, from: Data($0.utf8))
        }
    }

    static var available: Bool { BuiltBinary.isAvailable && PersonaVerdictTests.testcam != nil }

    @Test(.enabled(if: available, "camprint and camprint-testcam not built (swift build)"))
    func findsEachPersonasPathWithCredentials() async throws {
        let fixture = try await Self.start()
        defer { fixture.stop() }
        for persona in Self.personas {
            let run = try await BuiltBinary.run([
                "probe", "--no-media", "--no-http", "--timeout", "5s", "--format", "jsonl",
                "--username", "admin", "--password-file", fixture.password, try fixture.bareURL(persona.name),
            ])
            let report = try #require(try Self.reports(run.output).first, "\(persona.name): no report")
            let search = try #require(report.rtsp?.streamSearch, "\(persona.name): no streamSearch")
            #expect(report.report.status == .ok, "\(persona.name): \(report.report.status) \(search)")
            #expect(search.path == persona.path, "\(persona.name): \(search)")
            #expect(!search.authenticationRequired)
            #expect(search.requests <= search.limit && search.limit == 8, "\(persona.name): \(search)")
            // Every request the search sent is in the report, none beyond the limit.
            #expect((report.rtsp?.exchanges.count ?? 0) <= search.limit)
            #expect(report.report.target.path == "/")
            #expect(report.rtsp?.finalURL.hasSuffix(persona.path) == true, "\(persona.name)")
            #expect(report.report.identity.vendor == persona.vendor, "\(persona.name): \(report.report.identity)")
        }
    }

    @Test(.enabled(if: available, "camprint and camprint-testcam not built (swift build)"))
    func withoutCredentialsAPathThatAsksForThemIsReported() async throws {
        let fixture = try await Self.start()
        defer { fixture.stop() }
        for persona in Self.personas {
            let run = try await BuiltBinary.run([
                "probe", "--no-media", "--no-http", "--timeout", "5s", "--format", "jsonl",
                try fixture.bareURL(persona.name),
            ])
            let report = try #require(try Self.reports(run.output).first, "\(persona.name): no report")
            let search = try #require(report.rtsp?.streamSearch, "\(persona.name): no streamSearch")
            #expect(search.path == persona.path, "\(persona.name): \(search)")
            #expect(search.authenticationRequired == persona.auth, "\(persona.name): \(search)")
            #expect(report.report.status == (persona.auth ? .authRequired : .ok), "\(persona.name)")
            #expect(search.requests <= search.limit)
            // No credentials were given: no request carries any.
            #expect(report.rtsp?.exchanges.contains { $0.request.contains("Authorization") } == false)
        }
    }

    @Test(.enabled(if: available, "camprint and camprint-testcam not built (swift build)"))
    func wrongPasswordSendsExactlyOneAuthenticatedRequest() async throws {
        let fixture = try await Self.start()
        defer { fixture.stop() }
        for persona in Self.personas where persona.auth {
            let run = try await BuiltBinary.run([
                "probe", "--no-media", "--no-http", "--timeout", "5s", "--format", "jsonl",
                "--username", "admin", "--password-file", fixture.wrongPassword, try fixture.bareURL(persona.name),
            ])
            let report = try #require(try Self.reports(run.output).first, "\(persona.name): no report")
            #expect(report.report.status == .authFailed, "\(persona.name): \(report.report.status)")
            #expect(run.status == 4)
            let authenticated = report.rtsp?.exchanges.filter { $0.request.contains("Authorization:") } ?? []
            #expect(authenticated.count == 1, "\(persona.name): \(authenticated.map(\.url))")
            #expect(report.rtsp?.streamSearch?.path == nil)
        }
    }

    @Test(.enabled(if: available, "camprint and camprint-testcam not built (swift build)"))
    func mediaPlaneRunsOnTheFoundPathAndTheTableSaysWhichPath() async throws {
        let fixture = try await Self.start()
        defer { fixture.stop() }
        let url = try fixture.bareURL("axis")
        let json = try await BuiltBinary.run([
            "probe", "--no-http", "--timeout", "8s", "--format", "jsonl", url,
        ])
        let report = try #require(try Self.reports(json.output).first)
        #expect(report.report.status == .ok, "\(report.report.status) \(String(describing: report.report.error))")
        #expect(report.report.streams.contains { $0.kind == "video" }, "\(report.report.streams)")
        let table = try await BuiltBinary.run(["probe", "--no-media", "--no-http", "--timeout", "5s", url])
        let text = String(decoding: table.output, as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("path: ") }, "\(text)")
        let requests = try #require(report.rtsp?.streamSearch?.requests)
        #expect(line == "path: /axis-media/media.amp (found: \(requests) of 8 requests)", "\(line)")
    }

    @Test(.enabled(if: available, "camprint and camprint-testcam not built (swift build)"))
    func aStreamOnNoKnownPathCostsTheLimitAndNoMore() async throws {
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        let server = try await TestcamProcess.start([
            "--persona", "axis", "--media", media, "--listen", "127.0.0.1:0", "--path", "/not/a/known/path",
            "--no-auth", "--fault", "own-path-only", "--personas", Samples.root.appendingPathComponent("personas").path,
        ])
        defer { server.stop() }
        let address = try #require(server.cameras.first?.address)
        let run = try await BuiltBinary.run([
            "probe", "--no-media", "--no-http", "--timeout", "5s", "--format", "jsonl", "rtsp://\(address)",
        ])
        let report = try #require(try Self.reports(run.output).first)
        let search = try #require(report.rtsp?.streamSearch)
        #expect(report.report.status == .notFound)
        #expect(report.report.error?.code == "rtsp.stream.not-found")
        #expect(search.path == nil)
        #expect(search.requests == search.limit, "\(search)")
        #expect(report.rtsp?.exchanges.count == search.limit, "every request sent is in the report")
        #expect(search.tried.first == "/")
    }
}
