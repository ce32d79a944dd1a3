import CamprintTestSupport
import Foundation

/// Small clips generated at test time with the `ffmpeg` CLI (testsrc, 1280x720, 25 fps, GOP 25)
/// into a temporary folder, once per test process.
enum TestClips {
    struct Clip: Sendable, CustomStringConvertible {
        var name: String
        var codec: String
        var path: String
        var description: String { name }
    }

    static let width = 1280
    static let height = 720
    static let framesPerSecond = 25
    static let gop = 25

    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-ffmpeg-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Every clip, or the error that prevented generating them.
    static let all: Result<[Clip], TestFailure> = {
        do {
            return .success(try generate())
        } catch {
            return .failure(TestFailure("\(error)"))
        }
    }()

    static var isAvailable: Bool { (try? all.get()) != nil }

    /// ``isAvailable``, generating the clips (once, ffmpeg runs for seconds) off the cooperative
    /// pool; for `.enabled { await TestClips.available() }`.
    static func available() async -> Bool { await OffPool.run { isAvailable } }

    static func clip(_ name: String) throws -> Clip {
        guard let clip = try all.get().first(where: { $0.name == name }) else {
            throw TestFailure("no generated clip named \(name)")
        }
        return clip
    }

    private static func generate() throws -> [Clip] {
        let source = ["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(framesPerSecond)", "-t", "3"]
        let h264 = [
            "-c:v", "libx264", "-g", "\(gop)", "-keyint_min", "\(gop)", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        ]
        let h265 = [
            "-c:v", "libx265", "-pix_fmt", "yuv420p",
            "-x265-params", "log-level=error:keyint=\(gop):min-keyint=\(gop):scenecut=0",
        ]
        let specs: [(name: String, codec: String, arguments: [String])] = [
            ("h264.mp4", "h264", source + h264),
            ("h264.mkv", "h264", source + h264),
            ("h264.ts", "h264", source + h264),
            ("h264.h264", "h264", source + h264),
            ("h265.mp4", "hevc", source + h265 + ["-tag:v", "hvc1"]),
            ("h265.mkv", "hevc", source + h265),
            ("h265.hevc", "hevc", source + h265),
        ]
        var clips: [Clip] = []
        for spec in specs {
            let path = directory.appendingPathComponent(spec.name).path
            if !FileManager.default.fileExists(atPath: path) {
                let outcome = SubprocessLaunch.runToCompletion(
                    "/usr/bin/env",
                    ["ffmpeg", "-v", "error", "-y"] + spec.arguments + [path]
                )
                guard outcome.status == 0 else {
                    throw TestFailure("ffmpeg failed to make \(spec.name): \(outcome.output)")
                }
            }
            clips.append(Clip(name: spec.name, codec: spec.codec, path: path))
        }
        return clips
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
