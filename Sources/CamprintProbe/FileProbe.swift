import CamprintClients
import CamprintCodecs
import CamprintFFmpeg
import CamprintInspection
import CamprintReport
public import CamprintSignatures
import CamprintWire
import Foundation

/// `camprint probe FILE`: a local recording (MP4, Matroska, MPEG-TS/PS, raw H.264/H.265, an
/// NVR export) read through the same FFmpeg media plane as a stream, without a control plane;
/// identity runs on what the file shows (parameter sets, SEI, an IMKH header).
public enum FileProbe {
    /// Bytes read from the start of the file to look for a Hikvision IMKH media header.
    public static let headerBytes = 64 << 10
    /// Media time read at least (`--sample` may ask for more).
    public static let sampleWindow: Duration = .seconds(10)
    /// Video packets kept for our parsers (their bytes stay bounded by
    /// ``MediaProbeLimits/maximumCollectedBytes``).
    public static let maximumCollectedPackets = 1024

    /// Probes the file at `path` (made absolute). A file FFmpeg cannot read ends with status
    /// `error` (`media.failed`) or `no_video`, like a stream.
    public static func run(
        index: Int = 0,
        path: String,
        settings: ProbeSettings,
        database: SignatureDatabase
    ) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        // A file costs only reads: go on to the second keyframe (GOP length) and through the
        // sample window, where signing and vendor SEIs sit (often once per GOP, after it).
        var options = MediaProbeOptions(deadline: settings.timeout, sampleWindow: max(settings.sample, sampleWindow))
        options.stopConditions = MediaStopConditions(secondKeyframe: true)
        options.limits.maximumCollectedPackets = maximumCollectedPackets
        let media = ProbeMedia.outcome(await MediaProbe.run(input: absolute, options: options))
        let identityStart = clock.now
        let evidence = evidence(path: absolute, result: media.result, summary: media.summary)
        let (identity, device) = ProbeIdentity.identify(evidence, database: database)
        let identityTime = clock.now - identityStart
        let total = clock.now - start
        let report = ReportBuilder.report(
            source: settings.source,
            target: ReportTarget(url: absolute, host: "localhost", path: absolute, kind: ReportTarget.fileKind),
            status: media.failure?.0 ?? .ok,
            error: media.failure?.1,
            identity: identity,
            device: device,
            streams: media.streams,
            duration: total
        )
        let section = ReportBuilder.media(
            media,
            transport: ReportTarget.fileKind,
            comparison: ProbeMedia.comparison(sprop: [], inBand: media.summary)
        )
        let timings = ReportTimings(
            mediaPlaneMs: section.durationMs,
            identityMs: identityTime.milliseconds,
            totalMs: total.milliseconds
        )
        return ProbeOutcome(
            index: index,
            report: ProbeReport(report: report, media: section, timings: timings),
            control: nil
        )
    }

    /// The bitstream summary, the decoder configuration record, and an IMKH header when the
    /// file starts with one (FFmpeg skips it as junk before the program stream).
    static func evidence(path: String, result: MediaProbeResult, summary: ElementaryStreamSummary?) -> ParsedEvidence {
        let head = Self.head(of: path)
        var evidence = ParsedEvidence(name: path, kind: .mediaContainer, byteCount: head.count)
        if head.starts(with: Array("IMKH".utf8)) {
            let read = EvidenceReader.read(name: path, bytes: head)
            evidence.imkh = read.imkh
            evidence.stream = read.stream
            evidence.notes += read.notes
            evidence.errors += read.errors
        }
        if let summary { evidence.stream = summary }
        if let index = result.videoStreamIndex, let stream = result.streams.first(where: { $0.index == index }),
            let codec = ProbeMedia.videoCodec(stream.codecName),
            let configuration = AnnexBConversion.configuration(extradata: stream.extradata.bytes, codec: codec)
        {
            evidence.avcC = configuration.avcC
            evidence.hvcC = configuration.hvcC
        }
        return evidence
    }

    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: headerBytes)) ?? Data())
    }
}
