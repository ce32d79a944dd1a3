import CamprintReport
import CamprintTestSupport
import Foundation
import Testing

/// `camprint probe FILE`: local recordings through the same FFmpeg path, no control plane.
@Suite(
    "camprint probe FILE (subprocess)",
    .enabled(if: CamprintBinary.path != nil, "build the camprint binary first (swift build)")
)
struct FileProbeCommandTests {
    static func probe(_ arguments: [String]) async throws -> (CamprintBinary.Run, [ProbeReport]) {
        let run = try await CamprintBinary.run(["probe", "--format", "json"] + arguments)
        let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8))
        return (run, reports)
    }

    @Test(
        .enabled("ffmpeg with libx264/libx265 needed") { await ProbeClips.available() },
        arguments: ProbeClips.specs.map(\.name)
    )
    func generatedClip(name: String) async throws {
        let clip = try ProbeClips.clip(name)
        let (run, reports) = try await Self.probe([clip.path])
        #expect(run.status == 0, "\(name): exit \(run.status), stderr \(run.stderr)")
        let probe = try #require(reports.first, "\(name): no report")
        let report = probe.report
        #expect(report.status == .ok, "\(name): \(String(describing: report.error))")
        #expect(report.validationErrors() == [], "\(name)")
        #expect(report.target.kind == ReportTarget.fileKind, "\(name)")
        #expect(report.target.path == clip.path && report.target.url == clip.path, "\(name): \(report.target)")
        #expect(probe.rtsp == nil, "\(name): a file has no rtsp section")
        #expect(probe.deviceInfo == nil, "\(name): a file has no HTTP channels")
        let media = try #require(probe.media, "\(name): no media section")
        #expect(media.transport == "file", "\(name)")
        let video = try #require(report.streams.first { $0.kind == "video" }, "\(name): no video stream")
        #expect(video.codec == clip.codec, "\(name)")
        #expect(video.width == ProbeClips.width && video.height == ProbeClips.height, "\(name): \(video)")
        #expect(abs((video.frameRate ?? 0) - Double(ProbeClips.framesPerSecond)) < 0.01, "\(name): \(video)")
        // Our own parsers read the parameter sets and the encoder's user-data SEI (x264 and x265
        // write their version there) out of every container, length-prefixed or Annex B.
        #expect(media.inBandParameterSets || media.parameterSetComparison == "in-band-only", "\(name): \(media)")
        let userData = (media.sei ?? []).filter { $0.payloadType == 5 }
        #expect(!userData.isEmpty, "\(name): no user-data SEI in \(String(describing: media.sei))")
        #expect(userData.allSatisfy { !$0.truncated && $0.uuid != nil }, "\(name): \(userData)")
        // Identity ran on the bitstream: the H.264/H.265 SPS observations give it something.
        #expect(run.stderr.isEmpty, "\(name): stderr \(run.stderr)")
    }

    @Test(.enabled("ffmpeg with libx264/libx265 needed") { await ProbeClips.available() })
    func tableNamesTheFile() async throws {
        let clip = try ProbeClips.clip("h264.mkv")
        let run = try await CamprintBinary.run(["probe", clip.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("== \(clip.path)"))
        #expect(run.stdout.contains("stream: video h264"), "\(run.stdout)")
        #expect(!run.stdout.contains("rtsp:"), "\(run.stdout)")
    }

    /// FFmpeg is opened on first use: when its libraries cannot be loaded (here a corrupt
    /// libavutil placed first on the loader's path), a media probe fails with one precise error
    /// naming the libraries, and the process does not crash.
    @Test(.enabled("ffmpeg with libx264/libx265 needed") { await ProbeClips.available() })
    func unloadableFFmpegIsAPreciseError() async throws {
        let clip = try ProbeClips.clip("h264.mp4")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-no-ffmpeg-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not an ELF file".utf8).write(to: directory.appendingPathComponent("libavutil.so.57"))
        let run = try await CamprintBinary.run(
            ["probe", "--format", "json", clip.path],
            environment: ["LD_LIBRARY_PATH": directory.path]
        )
        #expect(run.status != 0 && run.status < 128, "exit \(run.status) (a signal?): \(run.stderr)")
        let reports = try JSONDecoder().decode([ProbeReport].self, from: Data(run.stdout.utf8))
        let report = try #require(reports.first).report
        #expect(report.status != .ok)
        let message = report.error?.message ?? ""
        #expect(message.contains("FFmpeg libraries unavailable"), "\(String(describing: report.error))")
        #expect(message.contains("libavutil.so."), "\(message)")
    }

    @Test func missingFileIsAUsageError() async throws {
        let path = "/nonexistent/camprint/\(UUID().uuidString).mp4"
        let run = try await CamprintBinary.run(["probe", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("target 1: no such file: \(path)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let directory = try await CamprintBinary.run(["probe", NSTemporaryDirectory()])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"), "\(directory.stderr)")
    }

    @Test func unreadableMediaIsAnErrorStatus() async throws {
        let path = try ProbeCommandTests.temporaryFile("not a recording at all\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (run, reports) = try await Self.probe([path])
        #expect(run.status == 3, "stderr: \(run.stderr)")
        let report = try #require(reports.first).report
        #expect(report.status == .error)
        #expect(report.error?.code == "media.failed", "\(String(describing: report.error))")
        #expect(report.target.kind == ReportTarget.fileKind)
    }

    /// The ONVIF media-signing samples carry user-data-unregistered SEIs far larger than 255
    /// bytes (multi-byte payloadSize). Oracle: the `ffmpeg` CLI's stream copy of the same file.
    @Test(
        .enabled(if: Corpus.isAvailable && ProbeClips.ffmpeg != nil, "corpus and ffmpeg needed"),
        arguments: ["sei/onvif_media_signing_test_signed_h264.mp4", "sei/onvif_media_signing_test_signed_h265.mp4"]
    )
    func mediaSigningSEIIsIntact(path: String) async throws {
        let input = Corpus.root.appendingPathComponent(path).path
        // The files last about 10 s; the last signing SEI comes with the last frames.
        let (run, reports) = try await Self.probe(["--sample", "60s", input])
        #expect(run.status == 0, "\(path): stderr \(run.stderr)")
        let probe = try #require(reports.first, "\(path)")
        #expect(probe.report.status == .ok, "\(path): \(String(describing: probe.report.error))")
        let sei = try #require(probe.media?.sei, "\(path): no SEI list")
        let userData = sei.filter { $0.payloadType == 5 }
        let largest = try #require(userData.map(\.payloadSize).max(), "\(path): no user-data SEI in \(sei)")
        #expect(largest > 255, "\(path): largest user-data SEI \(largest) bytes")
        // The SEI NAL units of the whole file as the ffmpeg CLI copies it out.
        let h265 = path.hasSuffix("h265.mp4")
        let dump = ProbeClips.directory.appendingPathComponent(h265 ? "signed.hevc" : "signed.h264").path
        let copy = SubprocessLaunch.runToCompletion(
            ProbeClips.ffmpeg ?? "ffmpeg",
            ["-nostdin", "-v", "quiet", "-y", "-i", input, "-map", "0:v", "-c", "copy", dump]
        )
        #expect(copy.status == 0, "\(path): \(copy.output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dump)))
        let seiSizes = Self.annexBUnits(bytes).filter { unit in
            guard let first = unit.first else { return false }
            return h265 ? (first >> 1) & 0x3F == 39 || (first >> 1) & 0x3F == 40 : first & 0x1F == 6
        }.map(\.count)
        // Every SEI NAL unit of the file is there, in order. A whole one's payload is the NAL unit
        // minus its header, type/size bytes, trailing bits and emulation prevention bytes: within
        // a small margin below the NAL unit's size. (Some of these signing SEIs declare more
        // bytes than their NAL unit holds, or carry unescaped 00 00 03: `truncated`, which is
        // the bitstream's doing, not the transport's.)
        #expect(userData.count == seiSizes.count, "\(path): \(userData.count) user-data SEIs, NAL sizes \(seiSizes)")
        for (message, reference) in zip(userData, seiSizes) where !message.truncated {
            #expect(
                message.payloadSize < reference && message.payloadSize > reference - reference / 50 - 16,
                "\(path): SEI payload \(message.payloadSize) bytes in a \(reference)-byte NAL unit"
            )
        }
        #expect(userData.filter { !$0.truncated }.map(\.payloadSize).contains { $0 > 255 }, "\(path): \(userData)")
    }

    /// A Hikvision recording head (IMKH media header, then an MPEG program stream with H.265):
    /// FFmpeg reads the program stream, and identity gets the IMKH header and the HiSilicon SEI.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func hikvisionIMKHProgramStream() async throws {
        let path = "no-license/hikvision_imkh_ps_h265_head_480B.bin"
        let (run, reports) = try await Self.probe([Corpus.root.appendingPathComponent(path).path])
        #expect(run.status == 0, "\(path): stderr \(run.stderr)")
        let report = try #require(reports.first, "\(path)").report
        #expect(report.status == .ok, "\(path): \(String(describing: report.error))")
        #expect(report.streams.first?.codec == "h265", "\(path): \(report.streams)")
        let rules = report.identity.evidence.map(\.rule)
        #expect(rules.contains { $0.hasPrefix("hikvision.sdp.imkh.") }, "\(path): \(rules)")
        #expect(rules.contains("hisilicon.sei.payload-type-229"), "\(path): \(rules)")
        #expect(report.identity.verdict == .hikvision, "\(path): \(report.identity.verdict)")
    }

    /// NAL units of an Annex B byte stream (3- or 4-byte start codes).
    static func annexBUnits(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var starts: [(code: Int, payload: Int)] = []
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                let code = index > 0 && bytes[index - 1] == 0 ? index - 1 : index
                starts.append((code, index + 3))
                index += 3
            } else {
                index += 1
            }
        }
        return starts.indices.map { position in
            let end = position + 1 < starts.count ? starts[position + 1].code : bytes.count
            return bytes[starts[position].payload..<end]
        }
    }
}
