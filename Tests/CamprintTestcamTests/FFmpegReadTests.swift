import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

/// FFmpeg's RTSP client reads every persona's H.264 and H.265 stream over TCP and UDP with no
/// errors (stderr at `-v error` must be empty). Skipped when ffmpeg/ffprobe are not installed.
@Suite("FFmpeg reads the personas' streams")
struct FFmpegReadTests {
    static func tool(_ name: String) -> String? { GeneratedClips.tool(name) }

    static let available = tool("ffprobe") != nil && tool("ffmpeg") != nil

    /// An H.265 clip without B-frames, made once per run (Samples/h265 has B-frames, whose
    /// decode-order RTP timestamps FFmpeg's muxer rejects).
    static let h265Clip: String =
        GeneratedClips.make(
            "720p.h265",
            in: GeneratedMedia.folder,
            arguments: GeneratedClips.input("testsrc2", width: 1280, height: 720, rate: 25, seconds: 2) + [
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=25:log-level=error",
                "-f", "hevc",
            ]
        ) ?? GeneratedMedia.folder.appendingPathComponent("720p.h265").path
    /// The clip for `testCase`. The H.265 one is encoded on first use (libx265, seconds on a
    /// loaded machine) off the cooperative pool: ten parallel cases waiting on its lazy
    /// initialisation would otherwise hold both pool threads and delay every other suite's timers.
    static func media(_ testCase: Case) async -> String {
        testCase.h265 ? await OffPool.run { h265Clip } : Harness.h264_720p
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Double = 20) async throws -> (
        Int32, String, String
    ) {
        try await Harness.blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try SubprocessLaunch.run(process)
            let pid = process.processIdentifier
            let killer = DispatchWorkItem { if process.isRunning { kill(pid, SIGKILL) } }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            killer.cancel()
            return (
                process.terminationStatus, String(decoding: stdout, as: UTF8.self),
                String(decoding: stderr, as: UTF8.self)
            )
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var persona: String
        var h265: Bool
        var testDescription: String { "\(persona) \(h265 ? "H.265" : "H.264")" }
    }

    static let cases: [Case] = Harness.personaNames.flatMap {
        [Case(persona: $0, h265: false), Case(persona: $0, h265: true)]
    }

    func url(_ port: Int, _ persona: String) throws -> String {
        let path = try Harness.persona(persona).path
        return "rtsp://127.0.0.1:\(port)\(path)"
    }

    @Test("ffprobe over TCP", .enabled(if: available, "ffprobe not installed"), arguments: cases)
    func ffprobeTCP(_ testCase: Case) async throws {
        let media = await Self.media(testCase)
        let camera = try Harness.camera(testCase.persona, media: media, fast: true)
        let url = try url(0, testCase.persona)
        try await Harness.withServer([camera]) { port in
            let target = url.replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(port)")
            let (status, out, err) = try await Self.run(
                Self.tool("ffprobe") ?? "ffprobe",
                ["-v", "error", "-rtsp_transport", "tcp", "-show_streams", target]
            )
            #expect(status == 0, "\(testCase.testDescription): ffprobe exit \(status): \(err)")
            #expect(err.isEmpty, "\(testCase.testDescription): ffprobe stderr: \(err)")
            #expect(out.contains(testCase.h265 ? "codec_name=hevc" : "codec_name=h264"))
            #expect(out.contains("width=1280") && out.contains("height=720"))
        }
    }

    /// One at a time, with a 4 MB socket buffer: UDP on a loaded 2-core machine otherwise loses
    /// packets in the kernel, which is not what this test is about.
    @Test("ffmpeg -t 2 over UDP", .enabled(if: available, "ffmpeg not installed"), .serialized, arguments: cases)
    func ffmpegUDP(_ testCase: Case) async throws {
        let media = await Self.media(testCase)
        let camera = try Harness.camera(testCase.persona, media: media)
        let url = try url(0, testCase.persona)
        try await Harness.withServer([camera]) { port in
            let target = url.replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(port)")
            let (status, _, err) = try await Self.run(
                Self.tool("ffmpeg") ?? "ffmpeg",
                [
                    "-nostdin", "-v", "error", "-rtsp_transport", "udp", "-buffer_size", "4194304", "-i", target,
                    "-t", "2", "-f", "null", "-",
                ]
            )
            #expect(status == 0, "\(testCase.testDescription): ffmpeg exit \(status): \(err)")
            #expect(err.isEmpty, "\(testCase.testDescription): ffmpeg stderr: \(err)")
        }
    }
}
