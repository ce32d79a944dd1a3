import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import CamprintWire
import Foundation
import Testing

/// Live mode: the stream runs on a clock shared since the camera started, so a client joining
/// later starts mid-GOP, on P-frames, like a real camera.
@Suite("Live mode")
struct LiveModeTests {
    /// H.264 NAL types of the first picture (up to the first marker bit) and whether an IDR
    /// follows later in `frames`.
    static func firstPicture(_ frames: [(UInt8, [UInt8])]) -> (first: Set<UInt8>, laterIDR: Bool) {
        var firstEnd = frames.count
        for (index, (channel, packet)) in frames.enumerated()
        where channel == 0 && packet.count > 12 && packet[1] & 0x80 != 0 {
            firstEnd = index + 1
            break
        }
        let first = SocketCamera.h264NALTypes(Array(frames.prefix(firstEnd)))
        let later = SocketCamera.h264NALTypes(Array(frames.dropFirst(firstEnd)))
        return (first, later.contains(5))
    }

    static func join(live: Bool, after delay: Double) async throws -> (first: Set<UInt8>, laterIDR: Bool) {
        let media = try #require(await OffPool.run { GeneratedMedia.h264Gop2Raw }, "ffmpeg could not make the clip")
        let camera = CameraConfig(
            persona: try Harness.persona("hikvision-ipc"),
            media: try MediaSource(path: media),
            live: live
        )
        return try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                // GOP 2 s at 25 fps: 0.7 s after start the live stream is at frame ~17 of 50.
                Thread.sleep(forTimeInterval: delay)
                let client = try SocketClient(port: port)
                try SocketCamera.play(client)
                let (frames, _) = try client.interleaved(for: 2.5)
                return Self.firstPicture(frames)
            }
        }
    }

    @Test(
        "a client joining a live camera mid-GOP sees a non-keyframe first, then a keyframe",
        .enabled(if: FFmpegReadTests.available, "ffmpeg not installed")
    )
    func liveJoinsMidGOP() async throws {
        // The join lands where the shared clock is when the client's PLAY arrives: on a loaded
        // machine that can be the GOP's first frame by chance (1 in 50 per join, more when the
        // scheduler stalls the client). Up to three joins at different offsets; one mid-GOP is
        // proof, since a camera without --live never starts there (defaultStartsOnKeyframe).
        var firsts: [Set<UInt8>] = []
        for delay in [0.7, 1.3, 0.4] {
            let (first, laterIDR) = try await Self.join(live: true, after: delay)
            #expect(laterIDR, "no keyframe within 2.5 s of joining")
            firsts.append(first)
            if first == [1] { break }
        }
        #expect(firsts.last == [1], "first pictures' NAL types: \(firsts)")
    }

    @Test(
        "without --live every session starts on a keyframe with its parameter sets",
        .enabled(if: FFmpegReadTests.available, "ffmpeg not installed")
    )
    func defaultStartsOnKeyframe() async throws {
        let (first, _) = try await Self.join(live: false, after: 0.7)
        #expect(first.isSuperset(of: [5, 7, 8]), "first picture's NAL types: \(first)")
    }

    @Test("no_sdp_parameter_sets leaves sprop-parameter-sets out of the SDP only")
    func noSDPParameterSets() async throws {
        var faults = FaultConfig()
        faults.no_sdp_parameter_sets = true
        let camera = try Harness.camera("hikvision-ipc", faults: faults)
        let sdp = try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                return String(
                    decoding: try client.request("DESCRIBE", SocketCamera.url, cseq: 1).body.bytes,
                    as: UTF8.self
                )
            }
        }
        #expect(sdp.contains("m=video"), "SDP: \(sdp)")
        #expect(!sdp.contains("sprop-parameter-sets"), "SDP: \(sdp)")
    }
}
