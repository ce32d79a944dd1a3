public import CamprintReport

/// Reports built for the storage and collector tests (no captured data): realistic field shapes,
/// a few evidence items each.
public enum TestReports {
    public static func make(
        id: String,
        observedAt: String = "2026-11-26T15:04:05Z",
        host: String = "10.0.0.5",
        port: Int? = 554,
        serial: String? = nil,
        mac: String? = nil,
        status: ProbeStatus = .ok,
        verdict: Verdict = .hikvision,
        vendor: String? = "Hikvision",
        model: String? = "DS-2CD2143G2-I",
        firmware: String? = "V5.7.3 build 220112",
        site: String? = nil
    ) -> Report {
        Report(
            reportId: id,
            observedAt: observedAt,
            source: ReportSource(kind: "camprint agent", version: "0.1.0", site: site, agent: "agent-1"),
            target: ReportTarget(
                url: "rtsp://\(host):\(port ?? 554)/Streaming/Channels/101",
                host: host,
                port: port,
                path: "/Streaming/Channels/101"
            ),
            status: status,
            error: status == .ok ? nil : ReportError(code: status.rawValue, message: "probe failed"),
            identity: ReportIdentity(
                verdict: verdict,
                vendor: vendor,
                model: model,
                firmware: firmware,
                confidence: 0.93,
                evidence: [
                    ReportEvidence(
                        rule: "rtsp.server.hikvision",
                        field: "rtsp.header.server",
                        value: "Hikvision-Webs",
                        weight: 0.4,
                        implies: "hikvision",
                        description: "Server header names Hikvision"
                    ),
                    ReportEvidence(
                        rule: "imkh.magic",
                        field: "media.imkh",
                        value: "494d4b48",
                        weight: 0.9,
                        implies: "hikvision",
                        description: "IMKH media header"
                    ),
                ]
            ),
            device: (serial != nil || mac != nil) ? ReportDevice(serialNumber: serial, mac: mac) : nil,
            streams: [ReportStream(kind: "video", codec: "H.264", profile: "Main", width: 2560, height: 1440)],
            durationMs: 812
        )
    }
}
