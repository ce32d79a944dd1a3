public import CamprintClients
public import CamprintCodecs
public import CamprintDiscovery
public import CamprintFFmpeg
import CamprintRTSP
public import CamprintReport
import CamprintWire
import Foundation

// The report's sections from the clients' results (ReportBuilder.swift has the report itself).
extension ReportBuilder {
    // MARK: rtsp (CamprintClients' control plane)

    /// The `rtsp` section: every exchange as text, credentials and user-info removed.
    public static func rtsp(_ control: ControlPlaneResult) -> ReportRTSP {
        ReportRTSP(
            finalURL: URLRedaction.redact(control.finalURL.description),
            redirects: control.redirects.map(URLRedaction.redact),
            peer: control.exchanges.last?.peer,
            authentication: control.authentication.map {
                ReportAuthentication(
                    scheme: $0.scheme,
                    algorithm: $0.algorithm,
                    qop: $0.qop,
                    realm: $0.realm,
                    sentInClear: $0.sentInClear,
                    accepted: $0.accepted
                )
            },
            exchanges: control.exchanges.map(exchange),
            sdp: control.sdpBytes.isEmpty ? nil : URLRedaction.redactAll(in: ASCII.string(control.sdpBytes)),
            tornDown: control.tornDown,
            durationMs: control.duration.milliseconds,
            streamSearch: control.streamSearch.map {
                ReportStreamSearch(
                    path: $0.foundPath,
                    authenticationRequired: $0.foundBehindAuthentication,
                    requests: $0.requests,
                    limit: $0.limit,
                    tried: $0.tried,
                    hintedVendors: $0.hintedVendors
                )
            }
        )
    }

    /// The report's `error` when the control plane failed.
    public static func error(_ control: ControlPlaneResult) -> ReportError? {
        control.failure.map { ReportError(code: $0.code, message: $0.message) }
    }

    static func exchange(_ exchange: RTSPExchange) -> ReportRTSPExchange {
        ReportRTSPExchange(
            method: exchange.request.method,
            url: URLRedaction.redact(exchange.request.uri),
            statusCode: exchange.response?.statusCode,
            roundTripMs: exchange.roundTrip?.milliseconds,
            request: URLRedaction.redactAll(in: ASCII.string(exchange.request.serialize())),
            response: URLRedaction.redactAll(in: String(decoding: exchange.rawResponse, as: UTF8.self)),
            responseBytes: exchange.rawResponse.count
        )
    }

    // MARK: deviceInfo (CamprintClients' HTTP/ISAPI/ONVIF channels)

    /// The `deviceInfo` section: each request, URL redacted.
    public static func deviceInfo(_ result: DeviceInfoResult) -> ReportDeviceInfo {
        ReportDeviceInfo(
            requests: result.exchanges.map { exchange in
                ReportDeviceInfoRequest(
                    channel: exchange.channel.rawValue,
                    operation: exchange.operation,
                    url: URLRedaction.redact(exchange.url),
                    authenticated: exchange.authenticated,
                    statusCode: exchange.statusCode,
                    durationMs: exchange.duration.milliseconds,
                    outcome: exchange.outcome.description
                )
            },
            clockOffsetSeconds: result.clockOffsetSeconds,
            credentialsRejected: result.credentialsRejected,
            durationMs: result.duration.milliseconds
        )
    }

    // MARK: discovery (CamprintDiscovery)

    /// The `discovery` section of a device a sweep found (`found`: how the agent or `discover`
    /// came to it).
    public static func discovery(_ device: DiscoveredDevice, found: String = ReportDiscovery.discovered)
        -> ReportDiscovery
    {
        ReportDiscovery(
            found: found,
            channels: device.channels.map(\.rawValue),
            openPorts: device.openPorts.map(\.number).sorted(),
            answers: device.answers.map {
                ReportDiscoveryAnswer(
                    channel: $0.summary.channel.rawValue,
                    manufacturer: $0.summary.manufacturer,
                    model: $0.summary.model,
                    serialNumber: $0.summary.serialNumber,
                    mac: $0.summary.mac,
                    firmware: $0.summary.firmware,
                    urls: $0.summary.urls.map(URLRedaction.redact)
                )
            },
            firstSeen: timestamp(device.firstSeen),
            neighbourMAC: device.neighbourMAC
        )
    }

    // MARK: streams and media (CamprintFFmpeg's media plane, CamprintCodecs' bitstream scan)

    /// One `streams` entry: FFmpeg's stream description, completed from our parsers' bitstream
    /// summary (size, frame rate) for the video stream.
    public static func stream(_ info: MediaStreamInfo, summary: ElementaryStreamSummary?) -> ReportStream {
        let isVideo = info.mediaType == .video
        return ReportStream(
            kind: info.mediaType.rawValue,
            codec: info.codecName == "hevc" ? "h265" : info.codecName,
            profile: info.profileName,
            level: info.level.map { level in
                info.codecName == "h264"
                    ? String(format: "%.1f", Double(level) / 10)
                    : info.codecName == "hevc" ? String(format: "%.1f", Double(level) / 30) : String(level)
            },
            width: info.width ?? (isVideo ? summary?.width : nil),
            height: info.height ?? (isVideo ? summary?.height : nil),
            frameRate: info.frameRate?.value ?? (isVideo ? summary?.frameRate : nil),
            bitrate: info.bitRateEstimate ?? info.declaredBitRate,
            gopFrames: info.gopFrames,
            sampleRate: info.sampleRate,
            channels: info.channels
        )
    }

    /// The `media` section.
    public static func media(_ outcome: ProbeMediaOutcome, transport: String, comparison: String) -> ReportMedia {
        let result = outcome.result
        let log = result.log.suffix(ReportMedia.logLimit).map { line in
            "[\(line.level.rawValue)]\(line.component.map { " \($0):" } ?? "") \(line.text)"
        }
        return ReportMedia(
            transport: transport,
            fellBackToTCP: result.fellBackToTCP,
            stopReason: result.stopReason.rawValue,
            failure: result.failure?.description,
            packetsRead: result.packetsRead,
            inBandParameterSets: result.inBandParameterSets,
            parameterSetComparison: comparison,
            seiMessages: outcome.summary?.seiMessageCount ?? 0,
            sei: outcome.summary.map(seiList),
            log: log.map(URLRedaction.redactAll(in:)),
            droppedLogLines: result.droppedLogLines + max(0, result.log.count - ReportMedia.logLimit),
            durationMs: result.timings.total
        )
    }

    /// The report's SEI list: the first ``ReportMedia/seiLimit`` messages of the scan.
    static func seiList(_ summary: ElementaryStreamSummary) -> [ReportSEIMessage] {
        summary.seiMessages.prefix(ReportMedia.seiLimit).map { located in
            let message = located.message
            var uuid: String?
            if case .userDataUnregistered(let bytes, _) = message.content { uuid = uuidText(bytes.bytes) }
            return ReportSEIMessage(
                payloadType: message.payloadType,
                payloadSize: message.payloadSize,
                uuid: uuid,
                truncated: message.isTruncated
            )
        }
    }

    /// 16 bytes as lowercase 8-4-4-4-12.
    static func uuidText(_ bytes: [UInt8]) -> String {
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text += "-" }
            text += String(byte, radix: 16).leftPadded(to: 2)
        }
        return text
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
