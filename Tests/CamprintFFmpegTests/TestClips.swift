import CamprintTestSupport
import Foundation

/// Small clips (testsrc, 1280x720, 25 fps, GOP 25), made once per test process by
/// ``GeneratedClips``.
enum TestClips {
    typealias Clip = GeneratedClips.Clip

    static let width = 1280
    static let height = 720
    static let framesPerSecond = 25
    static let gop = 25

    static let directory = GeneratedClips.folder("camprint-ffmpeg-tests")

    /// Every clip, or the error that prevented generating them.
    static let all: Result<[Clip], GeneratedClips.Failure> = {
        let source = GeneratedClips.input(width: width, height: height, rate: framesPerSecond, seconds: 3)
        let h264 = [
            "-c:v", "libx264", "-g", "\(gop)", "-keyint_min", "\(gop)", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        ]
        let h265 = [
            "-c:v", "libx265", "-pix_fmt", "yuv420p",
            "-x265-params", "log-level=error:keyint=\(gop):min-keyint=\(gop):scenecut=0",
        ]
        let specs = [
            ("h264.mp4", "h264", h264), ("h264.mkv", "h264", h264), ("h264.ts", "h264", h264),
            ("h264.h264", "h264", h264), ("h265.mp4", "hevc", h265 + ["-tag:v", "hvc1"]),
            ("h265.mkv", "hevc", h265), ("h265.hevc", "hevc", h265),
        ].map { GeneratedClips.Spec(name: $0.0, codec: $0.1, arguments: source + $0.2) }
        return GeneratedClips.make(specs, in: directory)
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
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
