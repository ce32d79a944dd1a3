import CamprintReport
public import CamprintStorage
import Foundation
import Synchronization

/// Counters since start, exposed at `/metrics` in the Prometheus text format with the inventory gauges.
public final class CollectorMetrics: Sendable {
    private struct Counters {
        var accepted = 0
        var duplicate = 0
        var rejectedReports = 0
        var refused = 0
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

    /// Reports of accepted batches that were refused one by one (future `observedAt`).
    func recordRefused(_ count: Int) {
        guard count > 0 else { return }
        counters.withLock { $0.refused += count }
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
    public func render(
        summary: [SummaryRow],
        lifecycle: [LifecycleCount] = [],
        covered: [(policy: String, counts: [LifecycleCount])] = []
    ) -> String {
        let snapshot = counters.withLock { $0 }
        var lines: [String] = [
            "# HELP camprint_collector_reports_total Reports received since start, by outcome.",
            "# TYPE camprint_collector_reports_total counter",
            "camprint_collector_reports_total{outcome=\"accepted\"} \(snapshot.accepted)",
            "camprint_collector_reports_total{outcome=\"duplicate\"} \(snapshot.duplicate)",
            "camprint_collector_reports_total{outcome=\"rejected\"} \(snapshot.rejectedReports)",
            "camprint_collector_reports_total{outcome=\"refused_future\"} \(snapshot.refused)",
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
        lines += [
            "# HELP camprint_collector_devices_lifecycle Devices per site and removal state.",
            "# TYPE camprint_collector_devices_lifecycle gauge",
        ]
        for row in lifecycle {
            lines.append(
                "camprint_collector_devices_lifecycle{site=\"\(Self.label(row.site))\",state=\"\(row.state.rawValue)\"} \(row.devices)"
            )
        }
        lines += [
            "# HELP camprint_collector_covered_devices Devices a policy covers, per site and removal state.",
            "# TYPE camprint_collector_covered_devices gauge",
        ]
        for (policy, counts) in covered {
            for row in counts {
                lines.append(
                    "camprint_collector_covered_devices{site=\"\(Self.label(row.site))\",policy=\"\(Self.label(policy))\","
                        + "state=\"\(row.state.rawValue)\"} \(row.devices)"
                )
            }
        }
        lines += [
            "# HELP camprint_collector_reappeared_devices Devices seen again after they were marked removed, per site.",
            "# TYPE camprint_collector_reappeared_devices gauge",
        ]
        let sites = Set(lifecycle.map(\.site)).sorted()
        for site in sites {
            let count = lifecycle.filter { $0.site == site && $0.state == .reappeared }.reduce(0) { $0 + $1.devices }
            lines.append("camprint_collector_reappeared_devices{site=\"\(Self.label(site))\"} \(count)")
        }
        return lines.joined(separator: "\n") + "\n" + CamprintBuild.current.prometheusText
    }

    /// A label value in the text exposition format: backslash, double quote and line feed escaped.
    static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
