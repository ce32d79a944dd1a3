import CamprintFFmpeg
import CamprintTestSupport
import CamprintWire
import Foundation
import Testing

@Suite(
    .serialized,
    .enabled(if: RTSPTestServer.isAvailable, RTSPTestServer.skipReason),
    .enabled("ffmpeg CLI with libx264/libx265 needed to generate clips") { await TestClips.available() }
)
struct RTSPProbeTests {
    @Test(arguments: ["h264.mp4", "h265.mkv"], [MediaTransport.tcp, .udp, .auto])
    func probesGStreamerStream(name: String, transport: MediaTransport) async throws {
        let clip = try TestClips.clip(name)
        let server = try RTSPTestServer(files: [clip.path])
        let stem = (name as NSString).deletingPathExtension
        var options = MediaProbeOptions(transport: transport, deadline: .seconds(8))
        options.stopConditions.secondKeyframe = true
        let result = await MediaProbe.run(input: server.url(stem), options: options)
        let where_ = "\(name) over \(transport)"
        #expect(
            result.failure == nil,
            "\(where_): \(String(describing: result.failure)) \(result.log.suffix(12).map(\.text))"
        )
        #expect(result.stopReason == .conditionsMet, "\(where_)")
        #expect(result.formatName == "rtsp")
        let video = try #require(result.streams.first { $0.index == result.videoStreamIndex }, "\(where_)")
        #expect(video.codecName == clip.codec, "\(where_)")
        #expect(video.width == TestClips.width && video.height == TestClips.height, "\(where_): \(video)")
        let rate = try #require(video.frameRate, "\(where_): no frame rate")
        #expect(abs(rate.value - Double(TestClips.framesPerSecond)) < 0.01, "\(where_): \(rate)")
        #expect(!video.extradata.bytes.isEmpty || result.inBandParameterSets, "\(where_)")
        #expect(video.gopFrames == TestClips.gop, "\(where_): GOP \(String(describing: video.gopFrames))")
        let sdp = try #require(result.sdp, "\(where_): no SDP captured")
        #expect(sdp.contains("m=video"), "\(where_): \(sdp)")
        #expect(sdp.contains(clip.codec == "hevc" ? "H265/90000" : "H264/90000"), "\(where_)")
        // The packets are Annex B over RTSP; the keyframe carries parameter sets or SEI.
        let keyframe = try #require(result.videoPackets.first { $0.isKeyframe }, "\(where_): no keyframe kept")
        let types = NALUnits.list(keyframe.data.bytes, codec: clip.codec, lengthPrefixed: false).map(\.type)
        let irap = clip.codec == "hevc" ? Set(16...21) : [5]
        #expect(types.contains(where: irap.contains), "\(where_): keyframe NAL types \(types)")
        #expect(!result.log.isEmpty, "\(where_): no FFmpeg log captured")
        #expect(!result.log.contains { $0.text.hasPrefix("ret=") }, "\(where_): TRACE lines captured")
        #expect(result.ignoredOptions.isEmpty, "\(where_): FFmpeg ignored \(result.ignoredOptions)")
    }

    @Test func digestCredentialsWorkAndNeverLeak() async throws {
        let clip = try TestClips.clip("h264.mp4")
        let secret = "s3cr3t-Pa55"
        let passwordFile = TestClips.directory.appendingPathComponent("password")
        try Data((secret + "\n").utf8).write(to: passwordFile)
        let server = try RTSPTestServer(
            files: [clip.path],
            extraArguments: ["--user", "admin", "--password-file", passwordFile.path]
        )
        let good = await MediaProbe.run(input: server.url("h264", credentials: "admin:\(secret)"))
        #expect(good.failure == nil, "\(String(describing: good.failure)) \(good.log.suffix(12).map(\.text))")
        #expect(good.streams.first?.codecName == "h264")
        let wrong = "wrong-Pa55"
        let bad = await MediaProbe.run(input: server.url("h264", credentials: "admin:\(wrong)"))
        guard case .ffmpeg(let error) = bad.failure else {
            Issue.record("expected a 401 failure, got \(String(describing: bad.failure))")
            return
        }
        #expect(error.message.contains("401") || error.message.contains("authorization"), "\(error)")
        for result in [good, bad] {
            let everything = try String(decoding: JSONEncoder().encode(result), as: UTF8.self)
            #expect(!everything.contains(secret) && !everything.contains(wrong), "password in result")
            #expect(result.input.contains("rtsp://***@127.0.0.1"), "\(result.input)")
        }
    }
}
