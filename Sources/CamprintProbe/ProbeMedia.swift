public import CamprintClients
public import CamprintCodecs
public import CamprintFFmpeg
import CamprintInspection
public import CamprintReport
import CamprintWire
import Foundation

/// The media plane of one probe: FFmpeg pulls the stream (after the control plane said it is
/// there), our own parsers read the parameter sets and SEI, and the facts become report streams.
public struct ProbeMediaOutcome: Sendable {
    public var result: MediaProbeResult
    /// The video packets (and Annex B extradata) scanned by CamprintCodecs.
    public var summary: ElementaryStreamSummary?
    public var streams: [ReportStream]
    /// A status that overrides the control plane's `ok`, with its error.
    public var failure: (ProbeStatus, ReportError)?
    /// The transport FFmpeg used: through the relay always TCP, whatever was asked.
    public var transport: MediaTransport?
}

public enum ProbeMedia {
    public static func run(
        url: RTSPURL,
        credentials: ProbeCredentials?,
        authenticated: Bool,
        settings: ProbeSettings,
        deadline: Duration,
        frameRateKnown: Bool
    ) async -> ProbeMediaOutcome {
        var options = MediaProbeOptions(
            transport: settings.transport,
            deadline: deadline,
            sampleWindow: settings.sample
        )
        // No wait for a keyframe: with the parameter sets in the SDP's sprop the first frames (and
        // their SEI) are enough; without them the parameter-set condition waits for the in-band
        // SPS, which comes with the keyframe. When the SDP's SPS carries VUI timing, the frame rate
        // is known without waiting for several frames' timestamps. `--sample` reads on to the
        // second keyframe (GOP length, more SEI).
        options.stopConditions = MediaStopConditions(
            keyframe: false,
            secondKeyframe: settings.sample > .zero,
            frameRate: !frameRateKnown
        )
        // FFmpeg never gets a password nor a connection to the camera: camprint's relay connects
        // (and, with a CA file, verifies the certificate) as the control plane does, authenticates
        // each request itself and refuses redirects and Basic (see MediaRelay); FFmpeg speaks plain
        // RTSP, interleaved over TCP, to its loopback port. Only an unauthenticated plain rtsp://
        // stream asked over UDP (--transport udp|auto) is opened by FFmpeg directly: it has no
        // password to lose, and UDP cannot cross the relay.
        let mediaCredentials = authenticated ? credentials : nil
        let direct = !url.isTLS && mediaCredentials == nil && settings.transport != .tcp
        var target = url
        var relay: MediaRelay?
        if !direct {
            let client = ControlPlaneClient(
                options: .within(total: deadline, caFile: settings.caFile, allowBasic: settings.allowBasic)
            )
            let relayStart = ContinuousClock.now
            do {
                let opened = try await client.openMediaRelay(to: url, credentials: mediaCredentials)
                // The connection came out of the media plane's time.
                options.deadline = max(deadline - (ContinuousClock.now - relayStart), .milliseconds(1))
                relay = opened
                target = try RTSPURL(parsing: opened.localURL(path: url.path))
                options.transport = .tcp
            } catch {
                let failure = FFmpegError(function: "relay", code: 0, message: "media connection: \(error)")
                return outcome(
                    MediaProbeResult.notRun(
                        input: URLRedaction.redact(url.description),
                        transport: settings.transport,
                        failure: .ffmpeg(failure)
                    )
                )
            }
        }
        defer { relay?.close() }
        var result = outcome(await MediaProbe.run(input: target.description, options: options))
        result.transport = options.transport
        if let refusal = relay?.refusal {
            let status: ProbeStatus =
                switch refusal {
                case .basic: .authRequired
                case .credentialsRefused: .authFailed
                case .redirect: .error
                }
            result.failure = (status, ReportError(code: refusal.code, message: "media: \(refusal.description)"))
        }
        return result
    }

    /// What our parsers, the report's streams and the status make of a media-plane result (a stream's
    /// or a file's).
    static func outcome(_ result: MediaProbeResult) -> ProbeMediaOutcome {
        let summary = scan(result)
        return ProbeMediaOutcome(
            result: result,
            summary: summary,
            streams: result.streams.map { ReportBuilder.stream($0, summary: summary) },
            failure: failure(result)
        )
    }

    /// The collected video packets as one Annex B stream (RTSP, MPEG-TS/PS and raw files are
    /// Annex B already); length-prefixed samples of MP4 and Matroska (`avcC`/`hvcC` extradata)
    /// are rewritten as Annex B with the record's parameter sets in front.
    public static func scan(_ result: MediaProbeResult) -> ElementaryStreamSummary? {
        guard let index = result.videoStreamIndex, let stream = result.streams.first(where: { $0.index == index }),
            let codec = videoCodec(stream.codecName)
        else { return nil }
        let packets = result.videoPackets.filter { $0.streamIndex == index }.map(\.data.bytes)
        let bytes: [UInt8]
        if let configuration = AnnexBConversion.configuration(extradata: stream.extradata.bytes, codec: codec) {
            bytes = AnnexBConversion.annexB(packets: packets, configuration: configuration)
        } else {
            bytes = packets.flatMap { $0 }
        }
        guard !bytes.isEmpty else { return nil }
        return ElementaryStream.scan(bytes, codec: codec)
    }

    public static func videoCodec(_ name: String) -> VideoCodec? {
        switch name {
        case "h264": .h264
        case "hevc", "h265": .h265
        default: nil
        }
    }

    public static func failure(_ result: MediaProbeResult) -> (ProbeStatus, ReportError)? {
        if result.stopReason == .noVideoStream {
            return (.noVideo, ReportError(code: "media.no-video", message: "FFmpeg found no video stream"))
        }
        guard let failure = result.failure else { return nil }
        switch failure {
        case .deadlineExceeded(let phase, let milliseconds, _):
            let what = phase == .read ? "no keyframe or parameter sets" : "the stream did not open"
            return (
                .timeout,
                ReportError(
                    code: "media.timeout",
                    message: "media: \(what) within \(milliseconds) ms (during \(phase))"
                )
            )
        case .ffmpeg(let error):
            return (.error, ReportError(code: "media.failed", message: "media: \(error.description)"))
        case .cancelled:
            return (.error, ReportError(code: "media.cancelled", message: "media: cancelled"))
        }
    }

    /// True when a `sprop-*` SPS of the SDP gives the frame rate (VUI timing information).
    public static func frameRateKnown(sprop: [ParsedNALUnit]) -> Bool {
        sprop.contains { unit in
            switch unit {
            case .h264SPS(let sps): sps.frameRate != nil
            case .h265SPS(let sps): sps.frameRate != nil
            default: false
            }
        }
    }

    /// The SDP's parameter sets against those in the stream.
    public static func comparison(sprop: [ParsedNALUnit], inBand summary: ElementaryStreamSummary?) -> String {
        var spropSets: [AnyHashable] = []
        for unit in sprop {
            switch unit {
            case .h264SPS(let sps): spropSets.append(sps)
            case .h265SPS(let sps): spropSets.append(sps)
            default: break
            }
        }
        let inBand: [AnyHashable] =
            (summary?.h264SPS.map(AnyHashable.init) ?? []) + (summary?.h265SPS.map(AnyHashable.init) ?? [])
        switch (spropSets.isEmpty, inBand.isEmpty) {
        case (true, true): return "none"
        case (false, true): return "sdp-only"
        case (true, false): return "in-band-only"
        case (false, false): return Set(spropSets) == Set(inBand) ? "same" : "different"
        }
    }
}
