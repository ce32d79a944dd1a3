public import CamprintReport
import CoreMetrics
import Prometheus
import Synchronization

/// The agent's Prometheus metrics (README, "Deploying the agent on a gateway"), recorded through swift-metrics into a
/// swift-prometheus registry this instance owns (no process-global bootstrap, so tests can run
/// several agents side by side). Served at `GET /metrics` by ``AgentMetricsServer``.
///
/// Labels are closed enumerations only (probe status, verdict, upload outcome): no URL, target
/// address, credential or token ever becomes a label or a value.
public final class AgentMetrics: Sendable {
    /// Upload outcome of one batch.
    public enum UploadOutcome: String, Sendable, CaseIterable {
        /// The collector acknowledged the batch.
        case delivered
        /// The collector refused the batch with a 4xx (it stays spooled).
        case refused
        /// No answer or a retryable one (5xx, 408, 429, connection failure).
        case failed
    }

    /// Probe duration histogram buckets, 50 ms … 30 s.
    public static let probeDurationBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10), .seconds(20), .seconds(30),
    ]

    /// Status label of a target the agent could not probe at all (its credentials could not be loaded).
    public static let notProbedStatus = "not_probed"

    static let prefix = "camprint_agent_"

    private let registry: PrometheusCollectorRegistry
    private let probes: [String: CoreMetrics.Counter]
    private let devices: [Verdict: CoreMetrics.Gauge]
    private let probeDuration: CoreMetrics.Timer
    private let uploads: [UploadOutcome: CoreMetrics.Counter]
    private let uploadedReports: CoreMetrics.Counter
    private let refusedReports: CoreMetrics.Counter
    private let spoolReports: CoreMetrics.Gauge
    private let spoolBytes: CoreMetrics.Gauge
    private let spoolDropped: CoreMetrics.Gauge
    /// Last verdict per target key (never exposed: only the per-verdict counts are).
    private let lastVerdicts = Mutex<[String: Verdict]>([:])

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let durationName = Self.prefix + "probe_duration_seconds"
        factory.durationHistogramBuckets[durationName] = Self.probeDurationBuckets
        self.registry = registry
        var probes: [String: CoreMetrics.Counter] = [:]
        for status in ProbeStatus.allCases.map(\.rawValue) + [Self.notProbedStatus] {
            probes[status] = CoreMetrics.Counter(
                label: Self.prefix + "probes_total",
                dimensions: [("status", status)],
                factory: factory
            )
        }
        self.probes = probes
        var devices: [Verdict: CoreMetrics.Gauge] = [:]
        for verdict in Verdict.allCases {
            let gauge = CoreMetrics.Gauge(
                label: Self.prefix + "devices",
                dimensions: [("verdict", verdict.rawValue)],
                factory: factory
            )
            gauge.record(0)
            devices[verdict] = gauge
        }
        self.devices = devices
        probeDuration = CoreMetrics.Timer(label: durationName, factory: factory)
        var uploads: [UploadOutcome: CoreMetrics.Counter] = [:]
        for outcome in UploadOutcome.allCases {
            uploads[outcome] = CoreMetrics.Counter(
                label: Self.prefix + "upload_batches_total",
                dimensions: [("outcome", outcome.rawValue)],
                factory: factory
            )
        }
        self.uploads = uploads
        uploadedReports = CoreMetrics.Counter(label: Self.prefix + "uploaded_reports_total", factory: factory)
        refusedReports = CoreMetrics.Counter(label: Self.prefix + "refused_reports_total", factory: factory)
        spoolReports = CoreMetrics.Gauge(label: Self.prefix + "spool_reports", factory: factory)
        spoolBytes = CoreMetrics.Gauge(label: Self.prefix + "spool_bytes", factory: factory)
        spoolDropped = CoreMetrics.Gauge(label: Self.prefix + "spool_dropped_reports", factory: factory)
        for gauge in [spoolReports, spoolBytes, spoolDropped] { gauge.record(0) }
    }

    /// One probe of the target keyed `target` (any stable per-target key; it is never exposed).
    /// `report == nil` means the target could not be probed (counted as ``notProbedStatus``).
    public func recordProbe(target: String, report: Report?, duration: Duration?) {
        guard let report else {
            probes[Self.notProbedStatus]?.increment()
            return
        }
        probes[report.status.rawValue]?.increment()
        if let duration { probeDuration.recordNanoseconds(Self.nanoseconds(duration)) }
        let verdict = report.identity.verdict
        let counts = lastVerdicts.withLock { last -> [Verdict: Int] in
            last[target] = verdict
            var counts: [Verdict: Int] = [:]
            for value in last.values { counts[value, default: 0] += 1 }
            return counts
        }
        for (verdict, gauge) in devices { gauge.record(counts[verdict] ?? 0) }
    }

    /// Forgets targets no longer configured (after a reload), so the verdict gauges count only live ones.
    public func retainTargets(_ keys: Set<String>) {
        let counts = lastVerdicts.withLock { last -> [Verdict: Int] in
            last = last.filter { keys.contains($0.key) }
            var counts: [Verdict: Int] = [:]
            for value in last.values { counts[value, default: 0] += 1 }
            return counts
        }
        for (verdict, gauge) in devices { gauge.record(counts[verdict] ?? 0) }
    }

    /// One upload attempt of a batch of `reports` reports.
    public func recordUpload(_ outcome: UploadOutcome, reports: Int) {
        uploads[outcome]?.increment()
        switch outcome {
        case .delivered: uploadedReports.increment(by: reports)
        case .refused: refusedReports.increment(by: reports)
        case .failed: break
        }
    }

    /// The spool's depth, size and persisted dropped counter.
    public func recordSpool(reports: Int, bytes: Int, dropped: Int) {
        spoolReports.record(reports)
        spoolBytes.record(bytes)
        spoolDropped.record(dropped)
    }

    /// Reads the spool's gauges from `spool` (when given), then renders the Prometheus text
    /// exposition format 0.0.4.
    public func exposition(spool: ReportSpool? = nil) async -> String {
        if let spool {
            do {
                recordSpool(
                    reports: try await spool.count(),
                    bytes: try await spool.totalBytes(),
                    dropped: try await spool.dropped()
                )
            } catch {
                // Keep the last values: a scrape must not fail because the spool is busy or closed.
            }
        }
        return registry.emitToString() + CamprintBuild.current.prometheusText
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }
}
