import CamprintTestSupport
import Foundation
import Testing

/// Clips for `camprint probe FILE` and the emulator, generated once per test process with the
/// `ffmpeg` CLI (testsrc, 640x360, 25 fps, GOP 25, no B-frames) into a temporary folder.
enum ProbeClips {
    struct Clip: Sendable, CustomTestStringConvertible {
        var name: String
        /// `h264` or `h265`, as the report names it.
        var codec: String
        var path: String
        var testDescription: String { name }
    }

    static let width = 640
    static let height = 360
    static let framesPerSecond = 25

    static let ffmpeg: String? = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-probe-clips-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let specs: [(name: String, codec: String, arguments: [String])] = {
        let h264 = ["-c:v", "libx264", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-bf", "0"]
        let h265 = [
            "-c:v", "libx265", "-x265-params", "log-level=error:keyint=25:min-keyint=25:scenecut=0:bframes=0",
        ]
        return [
            ("h264.mp4", "h264", h264),
            ("h264.mkv", "h264", h264),
            ("h264.ts", "h264", h264),
            ("h264.ps", "h264", h264 + ["-f", "mpeg"]),
            ("h264.h264", "h264", h264 + ["-f", "h264"]),
            ("h265.mp4", "h265", h265 + ["-tag:v", "hvc1"]),
            ("h265.mkv", "h265", h265),
            ("h265.hevc", "h265", h265 + ["-f", "hevc"]),
        ]
    }()

    static let all: Result<[Clip], ClipError> = {
        guard let ffmpeg else { return .failure(ClipError("ffmpeg is not installed")) }
        var clips: [Clip] = []
        for spec in specs {
            let path = directory.appendingPathComponent(spec.name).path
            let source = ["-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=\(framesPerSecond)", "-t", "2"]
            let outcome = SubprocessLaunch.runToCompletion(
                ffmpeg,
                ["-nostdin", "-v", "error", "-y"] + source + spec.arguments + ["-pix_fmt", "yuv420p", path]
            )
            guard outcome.status == 0 else { return .failure(ClipError("\(spec.name): \(outcome.output)")) }
            clips.append(Clip(name: spec.name, codec: spec.codec, path: path))
        }
        return .success(clips)
    }()

    static var isAvailable: Bool { (try? all.get()) != nil }

    /// ``isAvailable``, generating the clips (once, ffmpeg runs for seconds) off the cooperative
    /// pool; for `.enabled { await ProbeClips.available() }`.
    static func available() async -> Bool { await OffPool.run { isAvailable } }

    static func clip(_ name: String) throws -> Clip {
        guard let clip = try all.get().first(where: { $0.name == name }) else { throw ClipError("no clip \(name)") }
        return clip
    }

    struct ClipError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
