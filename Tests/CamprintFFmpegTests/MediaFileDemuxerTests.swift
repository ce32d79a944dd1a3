import CamprintCodecs
import CamprintFFmpeg
import CamprintTestSupport
import Foundation
import Testing

/// ``MediaFileDemuxer`` reads every generated clip (mp4, mkv, ts, raw) into access units.
@Suite("MediaFileDemuxer")
struct MediaFileDemuxerTests {
    static let names = ["h264.mp4", "h264.mkv", "h264.ts", "h265.mp4", "h265.mkv"]

    @Test(
        "container clips: every picture, keyframes every GOP, decode order, codec record",
        .enabled { await TestClips.available() },
        arguments: names
    )
    func readsClip(_ name: String) throws {
        let clip = try TestClips.clip(name)
        let video = try MediaFileDemuxer.read(path: clip.path)
        #expect(video.codec == (clip.codec == "h264" ? .h264 : .h265), "\(name)")
        #expect(video.width == TestClips.width && video.height == TestClips.height, "\(name)")
        let frames = 3 * TestClips.framesPerSecond
        #expect(video.packets.count == frames, "\(name): \(video.packets.count) packets")
        #expect(video.packets.first?.isKeyframe == true, "\(name): first packet not a keyframe")
        #expect(video.packets.filter(\.isKeyframe).count == frames / TestClips.gop, "\(name)")
        let dts = video.packets.compactMap(\.dts)
        #expect(dts == dts.sorted() && Set(dts).count == dts.count, "\(name): dts not increasing")
        #expect(
            video.frameRate.map { abs($0 - 25) < 0.01 } == true,
            "\(name): frame rate \(String(describing: video.frameRate))"
        )
        if name.hasSuffix(".mp4") || name.hasSuffix(".mkv") {
            #expect(video.extradata.first == 1, "\(name): expected an avcC/hvcC record")
        }
        if name == "h264.mp4" {
            // libx264's default settings use B-frames: presentation order differs from decode order.
            let pts = video.packets.compactMap(\.pts)
            #expect(pts.count == frames && pts != pts.sorted(), "\(name): no reordering seen")
        }
    }

    @Test("a missing file is an FFmpegError naming avformat_open_input")
    func missingFile() {
        #expect {
            _ = try MediaFileDemuxer.read(path: "/nonexistent/camprint-\(getpid()).mp4")
        } throws: { error in
            (error as? FFmpegError)?.function == "avformat_open_input"
        }
    }

    @Test("URLs are refused: local files only")
    func urlRefused() {
        #expect(throws: FFmpegError.self) { _ = try MediaFileDemuxer.read(path: "rtsp://127.0.0.1:9/stream") }
    }

    @Test("the packet limit is enforced", .enabled { await TestClips.available() })
    func packetLimit() throws {
        let clip = try TestClips.clip("h264.mp4")
        #expect(throws: FFmpegError.self) {
            _ = try MediaFileDemuxer.read(path: clip.path, limits: .init(maximumPackets: 10, maximumBytes: 1 << 30))
        }
    }
}
