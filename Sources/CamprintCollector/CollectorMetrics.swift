import CamprintReport
public import CamprintStorage
import Synchronization

/// Counters since start, exposed at `/metrics` in the Prometheus text format with the inventory gauges.
public final class CollectorMetrics: Sendable {
    private struct Counters {
        var accepted = 0
        var duplicate = 0
        var rejectedReports = 0
        var rejectedRequests: [String: Int] = [:]
    }

    private let counters = Mutex(Counters())

    public init() {}

    func recordIngest(_ outcome: IngestOutcome) {
        counters.withLock {
            $0.accepted += outcome.accepted
            $0.duplicate += outcome.duplicate
        }
    }

    /// `reason`: a fixed label (`invalid`, `too_large`, `unauthorized`, …); `reports`: how many were in the batch, when known.
    func recordRejection(reason: String, reports: Int) {
        counters.withLock {
            $0.rejectedRequests[reason, default: 0] += 1
            $0.rejectedReports += reports
        }
    }

    public var acceptedReports: Int { counters.withLock { $0.accepted } }
    public var duplicateReports: Int { counters.withLock { $0.duplicate } }

    /// Prometheus text exposition format 0.0.4.
    public func render(summary: [SummaryRow]) -> String {
        let snapshot = counters.withLock { $0 }
        var lines: [String] = [
            "# HELP camprint_collector_reports_total Reports received since start, by outcome.",
            "# TYPE camprint_collector_reports_total counter",
            "camprint_collector_reports_total{outcome=\"accepted\"} \(snapshot.accepted)",
            "camprint_collector_reports_total{outcome=\"duplicate\"} \(snapshot.duplicate)",
            "camprint_collector_reports_total{outcome=\"rejected\"} \(snapshot.rejectedReports)",
            "# HELP camprint_collector_rejected_requests_total Upload requests refused since start, by reason.",
            "# TYPE camprint_collector_rejected_requests_total counter",
        ]
        for reason in snapshot.rejectedRequests.keys.sorted() {
            lines.append(
                "camprint_collector_rejected_requests_total{reason=\"\(reason)\"} \(snapshot.rejectedRequests[reason] ?? 0)"
            )
        }
        lines += [
            "# HELP camprint_collector_devices Devices in the inventory, by verdict.",
            "# TYPE camprint_collector_devices gauge",
        ]
        for verdict in Verdict.allCases {
            let count = summary.filter { $0.verdict == verdict }.reduce(0) { $0 + $1.devices }
            lines.append("camprint_collector_devices{verdict=\"\(verdict.rawValue)\"} \(count)")
        }
        lines += [
            "# HELP camprint_collector_devices_stale Devices not seen within the stale period, by verdict.",
            "# TYPE camprint_collector_devices_stale gauge",
        ]
        for verdict in Verdict.allCases {
            let count = summary.filter { $0.verdict == verdict }.reduce(0) { $0 + $1.stale }
            lines.append("camprint_collector_devices_stale{verdict=\"\(verdict.rawValue)\"} \(count)")
        }
        return lines.joined(separator: "\n") + "\n" + CamprintBuild.current.prometheusText
    }
}
