import CamprintTestSupport
import Foundation

/// Clips made once per test run by ``GeneratedClips`` (nothing committed); nil when ffmpeg is
/// missing or failed.
enum GeneratedMedia {
    static let folder = GeneratedClips.folder("camprint-testcam-media")

    /// testsrc2 640x360 25 fps for `seconds`, encoded with `encoding`.
    static func make(_ name: String, seconds: Int, _ encoding: [String]) -> String? {
        let source = GeneratedClips.input("testsrc2", width: 640, height: 360, rate: 25, seconds: seconds)
        return GeneratedClips.make(name, in: folder, arguments: source + encoding)
    }

    /// H.264 640x360 25 fps, 2 s, GOP 1 s, two B-frames between references, in mp4.
    static let h264BFramesMP4 = make(
        "bframes.mp4",
        seconds: 2,
        [
            "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-keyint_min", "25",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-b:v", "300k",
        ]
    )

    /// H.265 640x360 25 fps, 2 s, GOP 1 s, B-frames, in Matroska.
    static let h265BFramesMKV = make(
        "bframes.mkv",
        seconds: 2,
        [
            "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "bframes=2:keyint=25:min-keyint=25:scenecut=0:log-level=error", "-pix_fmt", "yuv420p",
        ]
    )

    /// H.264 640x360 25 fps, 4 s, GOP 2 s, no B-frames, raw Annex B.
    static let h264Gop2Raw = make(
        "gop2.h264",
        seconds: 4,
        [
            "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "50", "-keyint_min", "50",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-b:v", "300k", "-f", "h264",
        ]
    )
}
