import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `scripts/rtsp-test-server.py` (GStreamer's RTSP server, an independent implementation) serving
/// a clip generated with the ffmpeg CLI; `camprint probe` runs as a subprocess.
final class GStreamerServer {
    static let python = "/usr/bin/python3"
    static let script = Corpus.packageRoot.appendingPathComponent("scripts/rtsp-test-server.py").path

    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg")
        else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c",
            "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer",
        ]
        process.standardError = FileHandle.nullDevice
        guard (try? SubprocessLaunch.run(process)) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// A 3 s 640x360 25 fps H.264 clip, GOP 25, made once per test process.
    static let clip: String? = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-probe-e2e-\(ProcessInfo.processInfo.processIdentifier).mp4").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = [
            "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "3", "-c:v",
            "libx264",
            "-g", "25", "-pix_fmt", "yuv420p", path,
        ]
        guard (try? SubprocessLaunch.run(process)) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? path : nil
    }()

    let process = Process()
    let port: Int

    init(arguments: [String] = []) throws {
        struct Failure: Error, CustomStringConvertible { var description: String }
        guard let clip = Self.clip else { throw Failure(description: "ffmpeg could not make the test clip") }
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script] + arguments + [clip]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(process)
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw Failure(description: "rtsp-test-server.py printed \(text.debugDescription)")
        }
        self.port = port
    }

    /// Starts the server on a Dispatch thread: the clip generation and the wait for READY block,
    /// and must not hold a cooperative thread that the other suites' probes need.
    static func start(arguments: [String] = []) async throws -> GStreamerServer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try GStreamerServer(arguments: arguments) })
            }
        }
    }

    var url: String {
        let stem = URL(fileURLWithPath: Self.clip ?? "x").deletingPathExtension().lastPathComponent
        return "rtsp://127.0.0.1:\(port)/\(stem)"
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite(
    "camprint probe against GStreamer's RTSP server",
    .serialized,
    .enabled(if: CamprintBinary.path != nil && GStreamerServer.isAvailable, "needs the camprint binary and GStreamer")
)
struct GStreamerEndToEndTests {
    @Test(arguments: ["tcp", "udp", "auto"])
    func streamFacts(transport: String) async throws {
        let server = try await GStreamerServer.start()
        let run = try await CamprintBinary.run(["probe", "--format", "json", "--transport", transport, server.url])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try #require(try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8)).first)
        #expect(report.report.status == .ok, "\(report.report.error?.message ?? "")")
        #expect(report.report.validationErrors() == [])
        let video = try #require(report.report.streams.first { $0.kind == "video" })
        #expect(video.codec == "h264")
        #expect(video.width == 640 && video.height == 360)
        #expect(video.frameRate.map { abs($0 - 25) < 0.01 } == true, "\(String(describing: video.frameRate))")
        #expect(report.media?.parameterSetComparison == "same", "sprop and in-band SPS agree")
        #expect(report.media?.transport == transport)
        #expect(report.report.identity.evidence.contains { $0.value.contains("GStreamer") })
    }

    @Test func passwordNeverPrintedAcrossBothPlanes() async throws {
        let password = "gst-S3cret-pw"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-gst-\(UUID().uuidString)")
            .path
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try await GStreamerServer.start(arguments: ["--user", "admin", "--password-file", file])
        let run = try await CamprintBinary.run([
            "probe", "--format", "json", "--username", "admin", "--password-file", file, server.url,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        #expect(!run.stdout.contains("admin:"), "no user-info in any URL or log line")
        let report = try #require(try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8)).first)
        #expect(report.report.status == .ok, "\(report.report.error?.message ?? "")")
        #expect(report.rtsp?.authentication?.accepted == true)
        #expect(report.media?.log.isEmpty == false, "FFmpeg's log is captured")
        #expect(report.report.streams.first?.codec == "h264")
    }

    @Test func noMediaStopsAfterTheControlPlane() async throws {
        let server = try await GStreamerServer.start()
        let run = try await CamprintBinary.run(["probe", "--no-media", "--format", "json", server.url])
        let report = try #require(try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8)).first)
        #expect(report.report.status == .ok)
        #expect(report.media == nil && report.report.streams.isEmpty)
        #expect(report.rtsp?.exchanges.map(\.method) == ["OPTIONS", "DESCRIBE"])
    }
}
