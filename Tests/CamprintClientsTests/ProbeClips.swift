import CamprintTestSupport
import Foundation

/// Clips for `camprint probe FILE` and the emulator (testsrc, 640x360, 25 fps, GOP 25, no
/// B-frames), made once per test process by ``GeneratedClips``.
enum ProbeClips {
    typealias Clip = GeneratedClips.Clip

    static let width = 640
    static let height = 360
    static let framesPerSecond = 25

    static let ffmpeg = GeneratedClips.ffmpeg

    static let directory = GeneratedClips.folder("camprint-probe-clips")

    static let specs: [GeneratedClips.Spec] = {
        let source = GeneratedClips.input(width: width, height: height, rate: framesPerSecond, seconds: 2)
        let h264 = ["-c:v", "libx264", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-bf", "0"]
        let h265 = [
            "-c:v", "libx265", "-x265-params", "log-level=error:keyint=25:min-keyint=25:scenecut=0:bframes=0",
        ]
        let pixels = ["-pix_fmt", "yuv420p"]
        return [
            ("h264.mp4", "h264", h264), ("h264.mkv", "h264", h264), ("h264.ts", "h264", h264),
            ("h264.ps", "h264", h264 + ["-f", "mpeg"]), ("h264.h264", "h264", h264 + ["-f", "h264"]),
            ("h265.mp4", "h265", h265 + ["-tag:v", "hvc1"]), ("h265.mkv", "h265", h265),
            ("h265.hevc", "h265", h265 + ["-f", "hevc"]),
        ].map { GeneratedClips.Spec(name: $0.0, codec: $0.1, arguments: source + $0.2 + pixels) }
    }()

    static let all = GeneratedClips.make(specs, in: directory)

    static var isAvailable: Bool { (try? all.get()) != nil }

    /// ``isAvailable``, generating the clips (once, ffmpeg runs for seconds) off the cooperative
    /// pool; for `.enabled { await ProbeClips.available() }`.
    static func available() async -> Bool { await OffPool.run { isAvailable } }

    static func clip(_ name: String) throws -> Clip {
        guard let clip = try all.get().first(where: { $0.name == name }) else {
            throw GeneratedClips.Failure("no clip \(name)")
        }
        return clip
    }
}
