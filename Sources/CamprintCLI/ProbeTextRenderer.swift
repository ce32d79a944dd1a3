import CamprintClients
import CamprintProbe
import CamprintReport
import CamprintWire
import Foundation

/// `--format table` for `camprint probe`: one block per target, verdict first, then device facts,
/// streams, evidence, the RTSP exchanges and timings.
enum ProbeTextRenderer {
    static func render(_ outcome: ProbeOutcome) -> String {
        let report = outcome.report.report
        var lines = ["== \(report.target.url)"]
        lines.append(verdictLine(report))
        if let error = report.error { lines.append("status: \(report.status.rawValue): \(error.message)") }
        lines += deviceLines(report)
        for stream in report.streams { lines.append("stream: " + streamLine(stream)) }
        if !report.identity.evidence.isEmpty {
            lines.append("evidence:")
            for item in report.identity.evidence {
                lines.append(
                    "  \(item.field) = \(item.value)  → \(item.implies) (\(String(format: "%.2f", item.weight)), \(item.rule))"
                )
            }
        }
        for contradiction in report.identity.contradictions { lines.append("contradiction: \(contradiction)") }
        if let rtsp = outcome.report.rtsp { lines += rtspLines(rtsp) }
        if let deviceInfo = outcome.report.deviceInfo { lines += deviceInfoLines(deviceInfo) }
        if let timings = outcome.report.timings { lines.append("timings: " + timingLine(timings)) }
        if !outcome.behind.isEmpty {
            lines.append("behind this recorder: \(outcome.behind.count) camera(s)")
            for behind in outcome.behind { lines += behindLines(behind.report) }
        }
        // Each line escaped on its own: a camera's value cannot add a line or a control sequence.
        return lines.map(TerminalText.sanitized).joined(separator: "\n")
    }

    /// One camera behind a recorder: `  [behind ch 3, 10.0.0.7] rtsp://nvr/Streaming/Channels/301`,
    /// then its verdict line and the rules that decided it.
    static func behindLines(_ report: Report) -> [String] {
        var head = "  [behind"
        if let behind = report.behind {
            head += " ch \(behind.channel)"
            if let address = behind.address { head += ", \(address)" }
        }
        var lines = [head + "] \(report.target.url)", "    " + verdictLine(report)]
        if let error = report.error { lines.append("    status: \(report.status.rawValue): \(error.message)") }
        lines += deviceLines(report).map { "    " + $0 }
        for item in report.identity.evidence {
            lines.append("    \(item.field) = \(item.value)  → \(item.implies) (\(item.rule))")
        }
        return lines
    }

    static func verdictLine(_ report: Report) -> String {
        let identity = report.identity
        var line = "verdict: \(identity.verdict.rawValue)"
        if identity.verdict != .unknown || identity.confidence > 0 {
            line += " (confidence \(String(format: "%.2f", identity.confidence)))"
        }
        let facts = [
            identity.vendor.map { "vendor \($0)" }, identity.brand.map { "brand \($0)" },
            identity.model.map { "model \($0)" }, identity.firmware.map { "firmware \($0)" },
        ].compactMap { $0 }
        if !facts.isEmpty { line += "  " + facts.joined(separator: ", ") }
        if report.status == .ok { line += "  [ok]" }
        return line
    }

    static func deviceLines(_ report: Report) -> [String] {
        guard let device = report.device else { return [] }
        let facts = [device.serialNumber.map { "serial \($0)" }, device.mac.map { "MAC \($0)" }].compactMap { $0 }
        return facts.isEmpty ? [] : ["device: " + facts.joined(separator: ", ")]
    }

    static func streamLine(_ stream: ReportStream) -> String {
        var parts = [stream.kind, stream.codec]
        if let profile = stream.profile { parts.append(profile) }
        if let level = stream.level { parts.append("level \(level)") }
        if let width = stream.width, let height = stream.height { parts.append("\(width)x\(height)") }
        if let rate = stream.frameRate { parts.append(String(format: "%.2f fps", rate)) }
        if let gop = stream.gopFrames { parts.append("GOP \(gop)") }
        if let bitrate = stream.bitrate { parts.append("\(bitrate / 1000) kbit/s") }
        if let rate = stream.sampleRate { parts.append("\(rate) Hz") }
        if let channels = stream.channels { parts.append("\(channels) ch") }
        return parts.joined(separator: " ")
    }

    static func rtspLines(_ rtsp: ReportRTSP) -> [String] {
        var lines: [String] = []
        if let peer = rtsp.peer { lines.append("rtsp: \(peer)") }
        if let search = rtsp.streamSearch { lines.append(searchLine(search)) }
        for redirect in rtsp.redirects { lines.append("  redirected to \(redirect)") }
        for exchange in rtsp.exchanges {
            let status =
                exchange.response.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? "(no answer)"
            let time = exchange.roundTripMs.map { String(format: "%.1f ms", $0) } ?? "-"
            lines.append(
                "  \(exchange.method) → \(exchange.statusCode == nil ? "(no complete answer)" : status)  \(time)"
            )
        }
        if let auth = rtsp.authentication {
            var line = "  auth: \(auth.scheme)"
            if let algorithm = auth.algorithm { line += " \(algorithm)" }
            if let qop = auth.qop { line += " qop=\(qop)" }
            if let realm = auth.realm { line += " realm \"\(realm)\"" }
            line += auth.accepted ? ", accepted" : ", refused"
            if auth.sentInClear { line += " (WARNING: Basic sent the password in clear, allowed by --allow-basic)" }
            lines.append(line)
        }
        if rtsp.tornDown { lines.append("  TEARDOWN sent") }
        return lines
    }

    /// `path: /Streaming/Channels/101 (found: 3 of 8 requests)` for a bare address.
    static func searchLine(_ search: ReportStreamSearch) -> String {
        let cost = "\(search.requests) of \(search.limit) requests"
        guard let path = search.path else {
            return "path: not found (\(search.tried.count) paths tried, \(cost))"
        }
        let how = search.authenticationRequired ? "found, needs credentials" : "found"
        return "path: \(path) (\(how): \(cost))"
    }

    static func deviceInfoLines(_ deviceInfo: ReportDeviceInfo) -> [String] {
        guard !deviceInfo.requests.isEmpty else { return [] }
        var lines = ["http:"]
        for request in deviceInfo.requests {
            let status = request.statusCode.map { " \($0)" } ?? ""
            let auth = request.authenticated ? " (authenticated)" : ""
            lines.append(
                "  \(request.channel) \(request.operation) \(request.url)\(auth) →\(status) \(request.outcome)  "
                    + String(format: "%.1f ms", request.durationMs)
            )
        }
        if let offset = deviceInfo.clockOffsetSeconds { lines.append("  camera clock offset: \(offset) s") }
        if deviceInfo.credentialsRejected { lines.append("  credentials rejected: no further authenticated request") }
        return lines
    }

    static func timingLine(_ timings: ReportTimings) -> String {
        var parts: [String] = []
        if let control = timings.controlPlaneMs { parts.append(String(format: "control %.1f ms", control)) }
        if let media = timings.mediaPlaneMs { parts.append(String(format: "media %.1f ms", media)) }
        if let http = timings.deviceInfoMs { parts.append(String(format: "http %.1f ms", http)) }
        parts.append(String(format: "total %.1f ms", timings.totalMs))
        return parts.joined(separator: ", ")
    }
}
