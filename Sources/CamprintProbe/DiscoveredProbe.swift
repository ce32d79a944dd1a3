public import CamprintClients
public import CamprintDiscovery
import CamprintInspection
public import CamprintReport
public import CamprintSignatures
import Foundation

/// The probe of a device a sweep found: a bare-address probe of its RTSP port (stream search,
/// media plane, device-information channels on the HTTP port the sweep saw open) with the
/// discovery answers added to the evidence; a device without an open RTSP port is identified
/// from its answers and its HTTP channels alone. The report carries the `discovery` section.
public enum DiscoveredProbe {
    public static func run(
        _ device: DiscoveredDevice,
        index: Int = 0,
        found: String = ReportDiscovery.discovered,
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase
    ) async -> ProbeOutcome {
        let settings = adjusted(settings, for: device)
        var outcome: ProbeOutcome
        if let url = device.rtspURL {
            outcome = await DeviceProbe.run(
                index: index,
                url: url,
                credentials: credentials,
                settings: settings,
                database: database,
                evidence: device.evidence,
                macs: device.neighbourMAC.map { [$0] } ?? []
            )
        } else {
            outcome = await answersOnly(device, index: index, settings: settings, database: database)
        }
        let section = ReportBuilder.discovery(device, found: found)
        outcome.report.report.discovery = section
        // The cameras a discovered recorder lists were found through it: found as the recorder was,
        // by no channel of their own.
        for index in outcome.behind.indices {
            outcome.behind[index].report.discovery = ReportDiscovery(
                found: found,
                channels: [],
                openPorts: [],
                answers: [],
                firstSeen: section.firstSeen
            )
        }
        return outcome
    }

    /// The probe's HTTP channels on the port the sweep found open (or the port an answer states
    /// when TCP was not swept), and ONVIF at the address WS-Discovery gave when it is the device's
    /// own; no HTTP channels when no HTTP port is known.
    static func adjusted(_ settings: ProbeSettings, for device: DiscoveredDevice) -> ProbeSettings {
        var settings = settings
        guard var http = settings.http else { return settings }
        guard let port = device.httpPort else {
            settings.http = nil
            return settings
        }
        http.port = port
        let xaddrs = device.answers.filter { $0.summary.channel == .wsd }.flatMap(\.summary.urls)
        if let endpoint = xaddrs.lazy.compactMap(ONVIFEndpoint.init(url:)).first(where: { $0.host == device.address }) {
            http.onvifURL = endpoint
        }
        settings.http = http
        return settings
    }

    /// A device that answered discovery but has no RTSP port: its answers (and HTTP channels,
    /// unauthenticated) are the evidence. Status `ok`: the device answered what was asked.
    static func answersOnly(
        _ device: DiscoveredDevice,
        index: Int,
        settings: ProbeSettings,
        database: SignatureDatabase
    ) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var fetched: DeviceInfoResult?
        if let http = settings.http, http.banner || http.isapi || http.onvif {
            let client = DeviceInfoClient(
                options: http.options(host: device.address, userAgent: "camprint/\(CamprintVersion.current)")
            )
            fetched = await client.run(credentials: nil, credentialsAccepted: false, deadline: start + settings.timeout)
        }
        let deviceInfo = fetched
        let channel = device.channels.first?.rawValue ?? "discovery"
        let host = device.address.contains(":") ? "[\(device.address)]" : device.address
        let name = "\(channel)://\(host)"
        let identityStart = clock.now
        let identified = await DeadlineStage.run(
            until: max(start + settings.timeout, identityStart + .milliseconds(500)),
            name: "camprint-identity"
        ) {
            var evidence = ParsedEvidence(name: name, kind: .unknown, byteCount: 0)
            if let deviceInfo { ProbeDeviceInfo.merge(deviceInfo, into: &evidence) }
            ProbeIdentity.merge(device.evidence, macs: device.neighbourMAC.map { [$0] } ?? [], into: &evidence)
            return ProbeIdentity.identify(evidence, database: database)
        }
        let total = clock.now - start
        let report = ReportBuilder.report(
            source: settings.source,
            target: ReportTarget(url: name, host: device.address, kind: ReportTarget.discoveryKind),
            status: identified == nil ? .timeout : .ok,
            error: identified == nil
                ? ReportError(code: "identity.timeout", message: "reading the discovery answers did not finish in time")
                : nil,
            identity: identified?.identity ?? ReportIdentity(verdict: .unknown, confidence: 0),
            device: identified?.device,
            duration: total
        )
        return ProbeOutcome(
            index: index,
            report: ProbeReport(
                report: report,
                timings: ReportTimings(
                    deviceInfoMs: deviceInfo?.duration.milliseconds,
                    identityMs: (clock.now - identityStart).milliseconds,
                    totalMs: total.milliseconds
                ),
                deviceInfo: deviceInfo.map(ReportBuilder.deviceInfo)
            ),
            control: nil
        )
    }
}
