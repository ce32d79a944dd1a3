import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

@Suite("Fleet mode")
struct FleetTests {
    static func fleetYAML(count: Int) -> String {
        let personas = ["hikvision-ipc", "dahua-ipc", "axis", "reolink", "uniview-ipc"]
        var text = "host: 127.0.0.1\nbase_port: 0\ncameras:\n"
        for persona in personas {
            text += "  - persona: \(persona)\n    media: \(Harness.h264_720p)\n    count: \(count / personas.count)\n"
        }
        return text
    }

    /// The fleet runs in a `camprint-testcam` child process, the 500 clients here: 1,500 sockets in
    /// one process push `/proc/self/fd` past the size where Foundation's `Process.run()` (Swift
    /// 6.3.1) over-reads glibc's readdir buffer and crashes other suites' subprocess launches
    /// (swift-corelibs-foundation PR #5472).
    @Test(
        "500 cameras start, then answer 500 concurrent OPTIONS clients (timings printed)",
        .enabled(if: BuiltProducts.url(named: "camprint-testcam") != nil, "camprint-testcam not built (swift build)")
    )
    func fiveHundredCameras() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-fleet500-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try ("personas: \(Harness.personaDirectory)\n" + Self.fleetYAML(count: 500))
            .write(to: fleetFile, atomically: true, encoding: .utf8)
        let server = Process()
        guard let binary = BuiltProducts.url(named: "camprint-testcam") else { return }
        server.executableURL = binary
        server.arguments = ["--fleet", fleetFile.path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        let started = Date()
        try SubprocessLaunch.run(server)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let ready = try await Harness.blocking {
            try BuiltProducts.readyLines(from: output.fileHandleForReading, count: 500, timeout: 60)
        }
        let startSeconds = Date().timeIntervalSince(started)
        // READY 127.0.0.1:PORT persona /path
        let ports = ready.compactMap { $0.split(separator: " ").dropFirst().first?.split(separator: ":").last }
            .compactMap { Int($0) }
        #expect(ports.count == 500)
        let (answered, clientSeconds) = try await Harness.blocking {
            let begin = Date()
            // Connect every client first, then send every OPTIONS, then read every answer: 500
            // connections with a request outstanding at the same time.
            let clients = try ports.map { try SocketClient(port: $0) }
            for (index, client) in clients.enumerated() {
                client.send("OPTIONS rtsp://127.0.0.1:\(ports[index])/ RTSP/1.0\r\nCSeq: \(index + 1)\r\n\r\n")
            }
            var answered = 0
            for (index, client) in clients.enumerated() {
                let response = try client.response(timeout: 10)
                if response.statusCode == 200, response.headers.value("CSeq") == String(index + 1) { answered += 1 }
            }
            return (answered, Date().timeIntervalSince(begin))
        }
        print(
            "fleet: 500 cameras ready in \(String(format: "%.2f", startSeconds)) s (process start included); 500 concurrent OPTIONS answered in \(String(format: "%.2f", clientSeconds)) s"
        )
        // Start time is a benchmark figure (printed above; target < 10 s), not a pass/fail check: on a
        // loaded 2-core machine it varied from 8 s to 55 s. The 60 s READY timeout bounds it.
        #expect(answered == 500)
    }

    @Test("one port, several paths: each path answers with its own persona")
    func pathsOnOnePort() async throws {
        let hik = try Harness.camera("hikvision-ipc")
        let dahua = try Harness.camera("dahua-ipc")
        let axis = try Harness.camera("axis")
        let statuses = try await Harness.withServer([hik, dahua, axis]) { port in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                let base = "rtsp://127.0.0.1:\(port)"
                let one = try client.request("DESCRIBE", base + "/Streaming/Channels/101", cseq: 1).bodyText
                let two = try client.request("DESCRIBE", base + "/cam/realmonitor?channel=1&subtype=0", cseq: 2)
                    .bodyText
                let three = try client.request("DESCRIBE", base + "/axis-media/media.amp", cseq: 3).bodyText
                let missing = try client.request("DESCRIBE", base + "/nothing/here", cseq: 4).statusCode
                return [
                    one.contains("s=Media Presentation"), two.contains("s=Media Server"),
                    three.contains("s=Session streamed with GStreamer"), missing == 404,
                ]
            }
        }
        #expect(statuses == [true, true, true, true])
    }

    @Test("Samples/fleets/demo.yaml loads (media generated or not)")
    func demoFleetParses() throws {
        let path = Samples.root.appendingPathComponent("fleets/demo.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fleet = try FleetFile(yaml: text)
        #expect(fleet.entries.count >= 10)
        let personas = Set(fleet.entries.map(\.persona))
        for required in PersonaTests.required {
            #expect(personas.contains(required), "demo fleet lacks \(required)")
        }
        for entry in fleet.entries { _ = try Harness.persona(entry.persona) }
    }

    @Test func tooManyCamerasIsRefused() throws {
        #expect(throws: PersonaError.self) { try FleetFile(yaml: Self.fleetYAML(count: 1005)) }
        let replays = (0..<1000).map { _ in "  - {capture: x.pcap}" }.joined(separator: "\n")
        #expect(throws: PersonaError.self) {
            try FleetFile(yaml: Self.fleetYAML(count: 1) + "replays:\n" + replays + "\n")
        }
    }

    @Test func replayEntriesResolveAgainstTheFleet() throws {
        let fleet = try FleetFile(
            yaml: """
                host: 127.0.0.5
                replays:
                  - {capture: captures/a.pcap, port: 18620}
                  - {capture: /abs/b.pcapng, host: 127.0.0.9}
                """
        )
        #expect(fleet.entries.isEmpty)
        let replays = fleet.replayListeners(baseDirectory: "/base")
        #expect(replays.map(\.capture) == ["/base/captures/a.pcap", "/abs/b.pcapng"])
        #expect(replays.map(\.host) == ["127.0.0.5", "127.0.0.9"])
        #expect(replays.map(\.port) == [18620, 0])
        #expect(throws: PersonaError.self) { try FleetFile(yaml: "replays:\n  - {capture: a.pcap, port: 70000}\n") }
        #expect(throws: PersonaError.self) { try FleetFile(yaml: "host: 127.0.0.1\n") }
    }

    /// A fleet mixing an emulated camera with a recorded real session: both announced, and the
    /// replay answers with the recorded camera's bytes (its Digest realm is the Uniview's MAC).
    @Test(
        .enabled(if: Corpus.isAvailable, Corpus.skipReason),
        .enabled(if: BuiltProducts.url(named: "camprint-testcam") != nil, "camprint-testcam not built")
    )
    func fleetServesReplaysBesideCameras() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-fleet-replay-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try """
        base_port: 0
        personas: \(Harness.personaDirectory)
        cameras:
          - {persona: axis, media: \(Harness.h264_720p)}
        replays:
          - capture: \(Corpus.root.appendingPathComponent(ReplayTests.uniview).path)
        """.write(to: fleetFile, atomically: true, encoding: .utf8)
        let server = try await TestcamProcess.start(["--fleet", fleetFile.path], cameras: 2)
        defer { server.stop() }
        #expect(server.cameras.map(\.persona) == ["axis", "replay"])
        let replay = try #require(server.cameras.last)
        let port = try #require(Int(replay.address.split(separator: ":").last ?? ""))
        let challenge = try await Harness.blocking {
            let client = try SocketClient(port: port)
            return try client.request("DESCRIBE", replay.url, cseq: 1)
        }
        #expect(challenge.statusCode == 401)
        #expect(challenge.headers.value("WWW-Authenticate")?.contains("48ea6362b25c") == true, "\(challenge)")
    }
}
