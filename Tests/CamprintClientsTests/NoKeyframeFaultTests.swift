import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// A camera that never sends a keyframe (the emulator's `no-keyframe-seconds` fault, run as a
/// process): with the SDP's parameter sets the probe does not need one; without any parameter sets
/// it ends with status `timeout` (`media.timeout`) within its deadline + 1 s.
@Suite(
    "No-keyframe fault (camprint-testcam subprocess)",
    .enabled(
        if: CamprintBinary.path != nil && BuiltProducts.url(named: "camprint-testcam") != nil,
        "build camprint and camprint-testcam first (swift build)"
    ),
    .enabled("ffmpeg with libx264 needed for the emulator's clip") { await ProbeClips.available() }
)
struct NoKeyframeFaultTests {
    /// Starts the emulator with `faults`.
    static func startCamera(faults: [String]) async throws -> TestcamProcess {
        let clip = try ProbeClips.clip("h264.h264")
        return try await TestcamProcess.start(
            [
                "--persona", "gstreamer-generic", "--media", clip.path, "--listen", "127.0.0.1:0", "--no-auth",
                "--personas", Samples.root.appendingPathComponent("personas").path,
            ] + faults.flatMap { ["--fault", $0] }
        )
    }

    /// With the parameter sets in the SDP the probe needs no keyframe (README, `camprint probe`,
    /// `--sample`: wait for one only when the parameter sets come in band only): it ends `ok` on the first frames, long before
    /// the deadline, with the stream's facts from the SDP's SPS.
    @Test func sdpParameterSetsNeedNoKeyframe() async throws {
        let camera = try await Self.startCamera(faults: ["no-keyframe-seconds=3600"])
        defer { camera.stop() }
        let url = camera.cameras[0].url
        let deadline = 4000
        let run = try await CamprintBinary.run([
            "probe", "--no-http", "--timeout", "\(deadline)ms", "--format", "jsonl", url,
        ])
        #expect(run.status == 0, "exit \(run.status), stderr \(run.stderr)")
        let probe = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(probe.report.status == .ok, "\(probe.report.status) \(String(describing: probe.report.error))")
        #expect(probe.media?.stopReason == "conditionsMet", "\(String(describing: probe.media))")
        let video = probe.report.streams.first { $0.kind == "video" }
        #expect(video?.width != nil && video?.height != nil, "\(probe.report.streams)")
        let total = try #require(probe.report.durationMs)
        #expect(total < deadline, "\(total) ms: it waited for the deadline")
    }

    /// No parameter sets anywhere and no keyframe: `timeout` (`media.timeout`) within deadline + 1 s.
    @Test func neverAKeyframeWithoutParameterSetsEndsWithTimeout() async throws {
        let faults = ["no-keyframe-seconds=3600", "no-parameter-sets"]
        let camera = try await Self.startCamera(faults: faults)
        defer { camera.stop() }
        let url = camera.cameras[0].url
        let deadline = 2000
        let run = try await CamprintBinary.run([
            "probe", "--no-http", "--timeout", "\(deadline)ms", "--format", "jsonl", url,
        ])
        #expect(run.status == 3, "exit \(run.status), stderr \(run.stderr)")
        let probe = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        let report = probe.report
        #expect(report.status == .timeout, "\(report.status) \(String(describing: report.error))")
        #expect(report.error?.code == "media.timeout", "\(String(describing: report.error))")
        #expect(probe.rtsp != nil, "the control plane succeeded first")
        #expect(probe.media?.stopReason == "failed", "\(String(describing: probe.media))")
        // The media plane did receive packets, just no keyframe (and so no parameter sets).
        #expect((probe.media?.packetsRead ?? 0) > 0, "no packet read at all")
        // Durations the probe measured itself.
        let total = try #require(report.durationMs)
        #expect(total <= deadline + 1000, "\(total) ms against a \(deadline) ms deadline")
        #expect(total >= deadline - 200, "ended early, \(total) ms")
    }
}
