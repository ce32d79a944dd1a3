import CamprintCodecs
import CamprintInspection
import CamprintRTSP
import CamprintSDP
import CamprintWire

/// `--format table` for `camprint inspect`: what the parsers saw, one block per file.
enum EvidenceTextRenderer {
    static func render(_ evidence: ParsedEvidence) -> String {
        var lines = ["== \(evidence.name)", "kind: \(evidence.kind.rawValue) (\(evidence.byteCount) bytes)"]
        if let conversation = evidence.rtsp { lines += rtsp(conversation) }
        for description in evidence.sdp { lines += sdp(description) }
        for header in evidence.imkh { lines.append("IMKH media header: " + imkh(header)) }
        for unit in evidence.spropParameterSets { lines.append("sprop parameter set: " + nalUnit(unit)) }
        if let unit = evidence.nalUnit { lines.append("NAL unit: " + nalUnit(unit)) }
        if let record = evidence.avcC {
            lines.append("avcC: NAL length size \(record.nalUnitLengthSize)")
            for sps in record.sequenceParameterSets { lines.append("  SPS: " + h264(sps)) }
        }
        if let record = evidence.hvcC {
            for sps in record.sequenceParameterSets { lines.append("hvcC SPS: " + h265(sps)) }
        }
        if let stream = evidence.stream { lines += self.stream(stream) }
        lines += evidence.notes.map { "note: \($0)" }
        lines += evidence.errors.map { "error: \($0)" }
        // Each line escaped on its own: a file's value cannot add a line or a control sequence.
        return lines.map(TerminalText.sanitized).joined(separator: "\n")
    }

    private static func rtsp(_ conversation: RTSPConversation) -> [String] {
        var lines = ["RTSP: \(conversation.entries.count) message(s)"]
        for entry in conversation.entries {
            switch entry.message {
            case .request(let request):
                lines.append("  > \(request.method) \(request.uri)  @\(entry.offset)")
                lines += headers(request.headers)
                lines += quirks(request.quirks, indent: "    ")
            case .response(let response):
                lines.append(
                    "  < \(response.version) \(response.statusCode) \(response.reasonPhrase)  @\(entry.offset)"
                )
                lines += headers(response.headers)
                if !response.body.bytes.isEmpty { lines.append("    (body: \(response.body.count) bytes)") }
                lines += quirks(response.quirks, indent: "    ")
            }
        }
        lines += quirks(conversation.quirks, indent: "  ")
        return lines
    }

    private static func headers(_ headers: RTSPHeaders) -> [String] {
        headers.map { "    \($0.name):\(Excerpt.make($0.rawValue))" }
    }

    private static func sdp(_ description: SessionDescription) -> [String] {
        var lines = ["SDP: s=\(quoted(description.sessionName)) i=\(quoted(description.information))"]
        if let origin = description.origin { lines.append("  o=\(origin.raw)") }
        for media in description.media {
            lines.append("  m=\(media.media.raw)")
            for attribute in media.attributes.all {
                lines.append("    a=\(attribute.name)\(attribute.value.map { ":" + Excerpt.make($0) } ?? "")")
            }
        }
        lines += quirks(description.quirks, indent: "  ")
        return lines
    }

    private static func imkh(_ header: IMKHMediaHeader) -> String {
        let version = "0x" + String(header.mediaVersion, radix: 16, uppercase: false).leftPadded(to: 4)
        return "version \(version), system \(header.systemFormatName ?? String(header.systemFormat)), "
            + "video \(header.videoFormatName ?? String(header.videoFormat)), "
            + "audio \(header.audioFormatName ?? String(header.audioFormat))"
            + (header.quirks.isEmpty ? "" : " [\(header.quirks.map(\.code).joined(separator: ", "))]")
    }

    static func nalUnit(_ unit: ParsedNALUnit) -> String {
        switch unit {
        case .h264SPS(let sps): "H.264 SPS " + h264(sps)
        case .h264PPS(let pps): "H.264 PPS id \(pps.picParameterSetId)"
        case .h265VPS(let vps): "H.265 VPS id \(vps.vpsVideoParameterSetId)"
        case .h265SPS(let sps): "H.265 SPS " + h265(sps)
        case .h265PPS(let pps): "H.265 PPS id \(pps.ppsPicParameterSetId)"
        case .sei(let sei): "SEI " + sei.messages.map(seiMessage).joined(separator: "; ")
        case .h264Other(let header): "H.264 NAL type \(header.nalUnitType.rawValue) (\(header.nalUnitType.name))"
        case .h265Other(let header): "H.265 NAL type \(header.nalUnitType.rawValue) (\(header.nalUnitType.name))"
        }
    }

    private static func h264(_ sps: H264.SPS) -> String {
        "\(sps.profileName) \(sps.levelName) \(sps.width)x\(sps.height)" + frameRate(sps.frameRate)
            + quirkSuffix(sps.quirks)
    }

    private static func h265(_ sps: H265.SPS) -> String {
        let ptl = sps.profileTierLevel
        return "\(ptl.profileName) \(ptl.tierName) \(ptl.levelName) \(sps.width)x\(sps.height)"
            + frameRate(sps.frameRate)
            + quirkSuffix(sps.quirks)
    }

    private static func seiMessage(_ message: SEIMessage) -> String {
        var text = "type \(message.payloadType)"
        if let name = message.payloadTypeName { text += " (\(name))" }
        text += " \(message.payloadSize) bytes"
        if case .userDataUnregistered(let uuid, _) = message.content { text += " uuid \(uuid)" }
        if message.payloadSize <= 8, !message.payload.bytes.isEmpty { text += " payload \(message.payload)" }
        if message.isTruncated { text += " (truncated)" }
        return text
    }

    private static func stream(_ summary: ElementaryStreamSummary) -> [String] {
        var lines = [
            "stream: \(summary.codec.rawValue), \(summary.nalUnitCount) NAL units, \(summary.keyframeCount) keyframes"
                + (summary.width.map { ", \($0)x\(summary.height ?? 0)" } ?? "") + frameRate(summary.frameRate)
        ]
        lines.append(
            "  NAL types: "
                + summary.typeCounts.map { "\($0.nalUnitType) \($0.name) ×\($0.count)" }.joined(separator: ", ")
        )
        for sps in summary.h264SPS { lines.append("  SPS: " + h264(sps)) }
        for sps in summary.h265SPS { lines.append("  SPS: " + h265(sps)) }
        var seen: [String: Int] = [:]
        var order: [String] = []
        for located in summary.seiMessages {
            let text = seiMessage(located.message)
            if seen[text] == nil { order.append(text) }
            seen[text, default: 0] += 1
        }
        for text in order.prefix(20) { lines.append("  SEI \(text) ×\(seen[text] ?? 0)") }
        if order.count > 20 { lines.append("  … \(order.count - 20) more distinct SEI messages") }
        lines += quirks(summary.quirks, indent: "  ")
        return lines
    }

    private static func quirks(_ quirks: [Quirk], indent: String) -> [String] {
        quirks.map { "\(indent)quirk \($0)" }
    }

    private static func quirkSuffix(_ quirks: [Quirk]) -> String {
        quirks.isEmpty ? "" : " [\(quirks.map(\.code).joined(separator: ", "))]"
    }

    private static func frameRate(_ rate: Double?) -> String {
        guard let rate else { return "" }
        let rounded = (rate * 100).rounded() / 100
        return rounded == rounded.rounded() ? " \(Int(rounded)) fps" : " \(rounded) fps"
    }

    private static func quoted(_ text: String?) -> String {
        text.map { "\"\(Excerpt.make($0))\"" } ?? "-"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
