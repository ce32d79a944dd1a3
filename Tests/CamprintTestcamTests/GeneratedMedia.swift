import CamprintTestSupport
import Foundation

/// Clips made with ffmpeg once per test run into the temporary folder (nothing committed).
enum GeneratedMedia {
    static let ffmpeg = FFmpegReadTests.tool("ffmpeg")

    /// Runs ffmpeg with `arguments` writing `name`; returns the path, or nil when ffmpeg is missing
    /// or failed.
    static func make(_ name: String, _ arguments: [String]) -> String? {
        guard let ffmpeg else { return nil }
        let path = NSTemporaryDirectory() + "camprint-testcam-\(getpid())-\(name)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i"] + arguments + [path]
        process.standardError = FileHandle.nullDevice
        guard (try? SubprocessLaunch.run(process)) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? path : nil
    }

    /// H.264 640x360 25 fps, 2 s, GOP 1 s, two B-frames between references, in mp4.
    static let h264BFramesMP4 = make(
        "bframes.mp4",
        [
            "testsrc2=size=640x360:rate=25", "-t", "2", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2",
            "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-b:v", "300k",
        ]
    )

    /// H.265 640x360 25 fps, 2 s, GOP 1 s, B-frames, in Matroska.
    static let h265BFramesMKV = make(
        "bframes.mkv",
        [
            "testsrc2=size=640x360:rate=25", "-t", "2", "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "bframes=2:keyint=25:min-keyint=25:scenecut=0:log-level=error",
            "-pix_fmt", "yuv420p",
        ]
    )

    /// H.264 640x360 25 fps, 4 s, GOP 2 s, no B-frames, raw Annex B.
    static let h264Gop2Raw = make(
        "gop2.h264",
        [
            "testsrc2=size=640x360:rate=25", "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-bf", "0",
            "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-b:v", "300k", "-f", "h264",
        ]
    )
}
