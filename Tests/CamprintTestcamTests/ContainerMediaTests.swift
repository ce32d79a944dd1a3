import CamprintCodecs
import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

/// mp4/mkv input through CamprintFFmpeg, and B-frames: RTP timestamps in presentation order,
/// packets in decode order.
@Suite("Container media and B-frames")
struct ContainerMediaTests {
    static let available = FFmpegReadTests.available

    @Test(
        "an mp4 with B-frames is read into access units with parameter sets and pts order",
        .enabled(if: available, "ffmpeg not installed")
    )
    func mp4AccessUnits() async throws {
        let path = try #require(await OffPool.run { GeneratedMedia.h264BFramesMP4 }, "ffmpeg could not make the mp4")
        let media = try MediaSource(path: path)
        #expect(media.codec == .h264)
        #expect(media.width == 640 && media.height == 360, "\(path): \(media.width)x\(media.height)")
        #expect(media.accessUnits.count == 50, "\(path): \(media.accessUnits.count) access units")
        #expect(media.frameRate == 25)
        #expect(media.hasReordering, "\(path): B-frames expected")
        #expect(Set(media.accessUnits.map(\.presentationIndex)) == Set(0..<media.accessUnits.count))
        // Keyframes carry SPS and PPS in band (converted from the avcC record).
        let keyframes = media.accessUnits.filter(\.isKeyframe)
        #expect(keyframes.count == 2)
        for unit in keyframes {
            let types = unit.nalUnits.map { $0[0] & 0x1f }
            #expect(types.contains(7) && types.contains(8) && types.contains(5), "keyframe NAL types \(types)")
        }
        #expect(media.sps?.first.map { $0 & 0x1f } == 7)
    }

    @Test("an mkv with H.265 B-frames is read (hvcC → VPS/SPS/PPS)", .enabled(if: available, "ffmpeg not installed"))
    func mkvH265() async throws {
        let path = try #require(await OffPool.run { GeneratedMedia.h265BFramesMKV }, "ffmpeg could not make the mkv")
        let media = try MediaSource(path: path)
        #expect(media.codec == .h265)
        #expect(media.vps != nil && media.sps != nil && media.pps != nil)
        #expect(media.width == 640 && media.height == 360)
        #expect(media.hasReordering)
    }

    /// RTP timestamps (marker packets, one per picture) read by a plain socket client.
    @Test(
        "RTP timestamps follow pts: out of order in decode order, one frame period apart once sorted",
        .enabled(if: available, "ffmpeg not installed")
    )
    func timestampsFollowPresentationOrder() async throws {
        let path = try #require(await OffPool.run { GeneratedMedia.h264BFramesMP4 })
        let camera = CameraConfig(
            persona: try Harness.persona("hikvision-ipc"),
            media: try MediaSource(path: path),
            fast: true
        )
        let stamps = try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                try SocketCamera.play(client)
                let (frames, _) = try client.interleaved(for: 3)
                var stamps: [UInt32] = []
                for (channel, packet) in frames where channel == 0 && packet.count > 12 && packet[1] & 0x80 != 0 {
                    stamps.append(
                        UInt32(packet[4]) << 24 | UInt32(packet[5]) << 16 | UInt32(packet[6]) << 8 | UInt32(packet[7])
                    )
                    if stamps.count == 50 { break }
                }
                return stamps
            }
        }
        try #require(stamps.count == 50, "got \(stamps.count) pictures")
        let relative = stamps.map { Int64($0 &- stamps[0]) }
        #expect(relative != relative.sorted(), "timestamps are in decode order: \(relative)")
        let sorted = relative.sorted()
        let steps = Set(zip(sorted, sorted.dropFirst()).map { $1 - $0 })
        #expect(steps == [3600], "steps between presented pictures: \(steps), \(relative)")
    }

    @Test(
        "ffprobe reads a persona served from an mp4 like one served from raw",
        .enabled(if: available, "ffmpeg not installed")
    )
    func ffprobeReadsMP4Persona() async throws {
        let path = try #require(await OffPool.run { GeneratedMedia.h264BFramesMP4 })
        let camera = CameraConfig(
            persona: try Harness.persona("hikvision-ipc"),
            media: try MediaSource(path: path),
            fast: true
        )
        let personaPath = camera.path
        try await Harness.withServer([camera]) { port in
            let (status, out, err) = try await FFmpegReadTests.run(
                FFmpegReadTests.tool("ffprobe") ?? "ffprobe",
                ["-v", "error", "-rtsp_transport", "tcp", "-show_streams", "rtsp://127.0.0.1:\(port)\(personaPath)"]
            )
            #expect(status == 0, "ffprobe exit \(status): \(err)")
            #expect(err.isEmpty, "ffprobe stderr: \(err)")
            #expect(out.contains("codec_name=h264") && out.contains("width=640") && out.contains("height=360"))
        }
    }

    @Test(
        "ffmpeg reads B-frame streams over TCP without decoder errors or non-monotonic DTS",
        .enabled(if: available, "ffmpeg not installed"),
        arguments: ["mp4-h264", "mkv-h265"]
    )
    func ffmpegReadsBFrames(_ kind: String) async throws {
        let path = try #require(
            await OffPool.run { kind == "mp4-h264" ? GeneratedMedia.h264BFramesMP4 : GeneratedMedia.h265BFramesMKV }
        )
        let camera = CameraConfig(persona: try Harness.persona("hikvision-ipc"), media: try MediaSource(path: path))
        let personaPath = camera.path
        try await Harness.withServer([camera]) { port in
            let (status, _, err) = try await FFmpegReadTests.run(
                FFmpegReadTests.tool("ffmpeg") ?? "ffmpeg",
                [
                    "-nostdin", "-v", "warning", "-rtsp_transport", "tcp", "-i",
                    "rtsp://127.0.0.1:\(port)\(personaPath)", "-t", "3", "-f", "null", "-",
                ]
            )
            #expect(status == 0, "\(kind): ffmpeg exit \(status): \(err)")
            #expect(err.isEmpty, "\(kind): ffmpeg warnings: \(err)")
        }
    }
}
