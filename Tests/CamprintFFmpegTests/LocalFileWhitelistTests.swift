import CamprintFFmpeg
import CamprintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A local file is read as a local file (issue 16): a playlist named `.mp4` must not make
/// libavformat open the URLs it lists.
@Suite struct LocalFileWhitelistTests {
    static func playlist(_ segment: String) -> String {
        """
        #EXTM3U
        #EXT-X-VERSION:3
        #EXT-X-TARGETDURATION:2
        #EXT-X-MEDIA-SEQUENCE:0
        #EXTINF:2.0,
        \(segment)
        #EXT-X-ENDLIST

        """
    }

    static func probe(_ text: String) async throws -> MediaProbeResult {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "camprint-hls-\(UUID().uuidString).mp4"
        )
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var options = MediaProbeOptions()
        options.deadline = .seconds(3)
        return await MediaProbe.run(input: path.path, options: options)
    }

    /// An ffconcat list is recognised by its content whatever the file's name, and libavformat's
    /// concat demuxer opens every file it names (relative names count as safe): with the
    /// whitelists nothing but the file itself is read.
    @Test func concatListNamedMP4OpensNothingItLists() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-concat-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = Corpus.packageRoot.appendingPathComponent("Samples/h264/testsrc_1280x720_25fps_baseline.h264")
        try FileManager.default.copyItem(at: sample, to: directory.appendingPathComponent("segment.h264"))
        let list = directory.appendingPathComponent("clip.mp4")
        try Data("ffconcat version 1.0\nfile 'segment.h264'\n".utf8).write(to: list)
        var options = MediaProbeOptions()
        options.deadline = .seconds(3)
        let result = await MediaProbe.run(input: list.path, options: options)
        #expect(result.failure != nil, "the list is not a media file camprint reads")
        #expect(result.videoPackets.count == 0, "libavformat read the file the list names")
        #expect(result.formatName != "concat")
    }

    @Test func hlsPlaylistNamedMP4FetchesNoURL() async throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let result = try await Self.probe(Self.playlist("http://127.0.0.1:\(listener.port)/segment0.ts"))
        #expect(result.failure != nil)
        // A connection attempt would wait in the listener's backlog: readable means pending.
        var descriptor = pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 0) == 0, "libavformat connected to the URL in the playlist")
    }
}
