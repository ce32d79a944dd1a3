import CamprintInspection
import CamprintProbe
import CamprintReport
import CamprintSignatures
import Foundation

/// What one `camprint probe` run asks of each target.
struct ProbeSettings: Sendable {
    var timeout: Duration
    var sample: Duration
    var transport: TransportArgument
    var media: Bool
}

/// One target's result, in the order the targets were given.
struct ProbeOutcome: Sendable {
    var index: Int
    var report: ProbeReport
    var control: ControlPlaneResult
}

/// Runs targets concurrently, at most one connection per host at a time (targets on the same host
/// run one after the other), at most ``maximumConcurrentHosts`` hosts at once.
enum ProbeRunner {
    static let maximumConcurrentHosts = 64

    static func run(
        targets: [RTSPURL],
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase,
        completed: (ProbeOutcome) -> Void
    ) async -> [ProbeOutcome] {
        var order: [String] = []
        var byHost: [String: [(Int, RTSPURL)]] = [:]
        for (index, url) in targets.enumerated() {
            if byHost[url.hostKey] == nil { order.append(url.hostKey) }
            byHost[url.hostKey, default: []].append((index, url))
        }
        let groups = order.map { byHost[$0] ?? [] }
        var outcomes: [ProbeOutcome] = []
        await withTaskGroup(of: [ProbeOutcome].self) { group in
            var next = 0
            func startNext() {
                guard next < groups.count else { return }
                let jobs = groups[next]
                next += 1
                group.addTask {
                    var results: [ProbeOutcome] = []
                    for (index, url) in jobs {
                        results.append(
                            await probe(
                                index: index,
                                url: url,
                                credentials: credentials,
                                settings: settings,
                                database: database
                            )
                        )
                    }
                    return results
                }
            }
            for _ in 0..<min(maximumConcurrentHosts, groups.count) { startNext() }
            for await finished in group {
                for outcome in finished { completed(outcome) }
                outcomes += finished
                startNext()
            }
        }
        return outcomes.sorted { $0.index < $1.index }
    }

    /// Control plane, media plane (unless `--no-media` or the control plane failed), identity.
    static func probe(
        index: Int,
        url: RTSPURL,
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase
    ) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let client = ControlPlaneClient(
            options: .within(total: settings.timeout, userAgent: "camprint/\(CamprintVersion.current)")
        )
        let control = await client.probe(url, credentials: credentials)
        var status = control.status
        var error = control.reportError
        var media: ProbeMediaOutcome?
        let remaining = settings.timeout - (clock.now - start)
        if settings.media, control.status == .ok, remaining > .milliseconds(100) {
            let sprop = ProbeIdentity.evidence(control: control, stream: nil).spropParameterSets
            media = await ProbeMedia.run(
                url: control.finalURL,
                credentials: credentials,
                authenticated: control.authentication?.accepted == true,
                settings: settings,
                deadline: remaining,
                frameRateKnown: ProbeMedia.frameRateKnown(sprop: sprop)
            )
            if let (mediaStatus, mediaError) = media?.failure {
                status = mediaStatus
                error = mediaError
            }
        }
        let identityStart = clock.now
        let evidence = ProbeIdentity.evidence(control: control, stream: media?.summary)
        let (identity, device) = ProbeIdentity.identify(evidence, database: database)
        let identityTime = clock.now - identityStart
        let total = clock.now - start
        let report = Report(
            reportId: UUID().uuidString.lowercased(),
            observedAt: ProbeTimestamp.now(),
            source: ReportSource(kind: "camprint probe", version: CamprintVersion.current),
            target: ReportTarget(
                url: URLRedaction.redact(url.description),
                host: url.host,
                port: url.port,
                path: url.path
            ),
            status: status,
            error: error,
            identity: identity,
            device: device,
            streams: media?.streams ?? [],
            durationMs: Int(total.milliseconds.rounded())
        )
        let mediaSection = media.map {
            ProbeMedia.section(
                $0,
                transport: settings.transport.rawValue,
                comparison: ProbeMedia.comparison(sprop: evidence.spropParameterSets, inBand: $0.summary)
            )
        }
        let timings = ReportTimings(
            controlPlaneMs: control.duration.milliseconds,
            mediaPlaneMs: mediaSection?.durationMs,
            identityMs: identityTime.milliseconds,
            totalMs: total.milliseconds
        )
        return ProbeOutcome(
            index: index,
            report: ProbeReport(report: report, rtsp: control.reportSection, media: mediaSection, timings: timings),
            control: control
        )
    }
}

/// `observedAt`: RFC 3339 UTC with milliseconds.
enum ProbeTimestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
