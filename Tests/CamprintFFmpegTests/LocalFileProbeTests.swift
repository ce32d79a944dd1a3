import CamprintFFmpeg
import CamprintTestSupport
import CamprintWire
import Foundation
import Testing

@Suite(.enabled("ffmpeg CLI with libx264/libx265 needed to generate clips") { await TestClips.available() })
struct LocalFileProbeTests {
    static let clipNames = ["h264.mp4", "h264.mkv", "h264.ts", "h264.h264", "h265.mp4", "h265.mkv", "h265.hevc"]

    @Test(arguments: clipNames)
    func probesGeneratedClip(name: String) async throws {
        let clip = try TestClips.clip(name)
        var options = MediaProbeOptions(deadline: .seconds(10))
        options.stopConditions.secondKeyframe = true
        let result = await MediaProbe.run(input: clip.path, options: options)
        #expect(result.failure == nil, "\(name): \(String(describing: result.failure))")
        #expect(result.stopReason == .conditionsMet, "\(name)")
        let videoIndex = try #require(result.videoStreamIndex, "\(name): no video stream")
        let video = try #require(result.streams.first { $0.index == videoIndex })
        #expect(video.mediaType == .video)
        #expect(video.codecName == clip.codec, "\(name)")
        #expect(video.width == TestClips.width && video.height == TestClips.height, "\(name): \(video)")
        let rate = try #require(video.frameRate, "\(name): no frame rate")
        #expect(abs(rate.value - Double(TestClips.framesPerSecond)) < 0.01, "\(name): \(rate)")
        #expect(!video.extradata.bytes.isEmpty || result.inBandParameterSets, "\(name): no parameter sets")
        #expect(video.profile != nil && video.level != nil, "\(name): profile/level missing")
        #expect(video.keyframesRead == 2, "\(name)")
        #expect(result.videoPackets.first?.isKeyframe == true, "\(name): first packet not a keyframe")
        #expect(result.videoPackets.last?.isKeyframe == true, "\(name): stopped after a non-keyframe")
        if name.hasSuffix(".h264") || name.hasSuffix(".hevc") {
            // Raw Annex B has no timestamps: no GOP duration, no bit rate; GOP in decode order.
            #expect(video.gopSeconds == nil && video.bitRateEstimate == nil, "\(name)")
        } else {
            #expect(video.gopFrames == TestClips.gop, "\(name): GOP \(String(describing: video.gopFrames))")
            #expect(abs((video.gopSeconds ?? 0) - 1.0) < 0.05, "\(name): GOP seconds")
            #expect((video.bitRateEstimate ?? 0) > 10_000, "\(name): bit rate estimate")
        }
        #expect(result.timings.firstKeyframe != nil && result.timings.open != nil)
    }

    @Test func annexBFilesCarryInBandParameterSets() async throws {
        for name in ["h264.ts", "h264.h264", "h265.hevc"] {
            let result = await MediaProbe.run(input: try TestClips.clip(name).path)
            #expect(result.inBandParameterSets, "\(name)")
            #expect(result.timings.streamInfo != nil, "\(name): expected the bounded find_stream_info for local raw/TS")
        }
        let mp4 = await MediaProbe.run(input: try TestClips.clip("h264.mp4").path)
        #expect(mp4.timings.streamInfo == nil, "h264.mp4 must not need find_stream_info")
    }

    @Test func packetLimitsAreHonoured() async throws {
        var options = MediaProbeOptions()
        options.stopConditions.secondKeyframe = true
        options.limits.maximumCollectedPackets = 3
        let result = await MediaProbe.run(input: try TestClips.clip("h264.mp4").path, options: options)
        #expect(result.videoPackets.count == 3)
        options.limits.maximumPacketsRead = 5
        let limited = await MediaProbe.run(input: try TestClips.clip("h264.mp4").path, options: options)
        #expect(limited.stopReason == .packetLimit)
        #expect(limited.packetsRead == 5)
    }

    @Test func sampleWindowExtendsTheRead() async throws {
        var options = MediaProbeOptions()
        options.sampleWindow = .milliseconds(2000)
        let result = await MediaProbe.run(input: try TestClips.clip("h264.mkv").path, options: options)
        let video = try #require(result.streams.first)
        #expect(result.stopReason == .conditionsMet)
        #expect((video.sampledSeconds ?? 0) >= 2.0, "\(String(describing: video.sampledSeconds))")
        #expect((video.sampledSeconds ?? 0) < 2.2)
    }

    @Test func missingFileIsAPreciseError() async {
        let result = await MediaProbe.run(input: "/nonexistent/camprint/clip.mp4")
        guard case .ffmpeg(let error) = result.failure else {
            Issue.record("expected an FFmpeg error, got \(String(describing: result.failure))")
            return
        }
        #expect(error.function == "avformat_open_input")
        #expect(error.code == -2, "\(error)")  // AVERROR(ENOENT)
    }

    /// The ONVIF media-signing sample carries user-data-unregistered SEIs with multi-byte
    /// payload sizes and no emulation prevention (FFmpeg's own SEI parser misreads them); the
    /// packet bytes handed to us must hold every SEI NAL unit whole. Oracle: the `ffmpeg` CLI's
    /// stream copy of the same packets, unchanged (`-f rawvideo`, length-prefixed).
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func seiNALUnitsAreIntactInCollectedPackets() async throws {
        let path = "sei/onvif_media_signing_test_signed_h264.mp4"
        let input = Corpus.root.appendingPathComponent(path).path
        // Read the whole file: its signing SEIs sit after the first GOP.
        var options = MediaProbeOptions(sampleWindow: .seconds(3600))
        options.limits.maximumCollectedPackets = 1000
        let result = await MediaProbe.run(input: input, options: options)
        #expect(result.failure == nil, "\(path): \(String(describing: result.failure))")
        #expect(result.stopReason == .endOfInput, "\(path)")
        var ours: [[UInt8]] = []
        for packet in result.videoPackets {
            let units = NALUnits.splitLengthPrefixed(packet.data.bytes)
            #expect(units.reduce(0) { $0 + $1.count + 4 } == packet.data.count, "\(path): packet not a whole NAL chain")
            ours += units.filter { ($0.first ?? 0) & 0x1F == 6 }.map { Array($0) }
        }
        let dump = TestClips.directory.appendingPathComponent("onvif-signed.bin").path
        let ffmpeg = SubprocessLaunch.runToCompletion(
            "/usr/bin/env",
            ["ffmpeg", "-v", "quiet", "-y", "-i", input, "-map", "0:v", "-c", "copy", "-f", "rawvideo", dump]
        )
        #expect(ffmpeg.status == 0, "ffmpeg dump of \(path): \(ffmpeg.output)")
        let reference = NALUnits.splitLengthPrefixed(Array(try Data(contentsOf: URL(fileURLWithPath: dump))))
            .filter { ($0.first ?? 0) & 0x1F == 6 }.map { Array($0) }
        let sizes = (ours: ours.map(\.count), reference: reference.map(\.count))
        #expect(!reference.isEmpty, "\(path): no SEI in the ffmpeg dump")
        let identical = ours == reference
        #expect(identical, "\(path): SEI NAL units differ, sizes \(sizes.ours) vs \(sizes.reference)")
        #expect((sizes.ours.max() ?? 0) > 255, "\(path): expected an SEI with a multi-byte payload size")
    }
}
