import CamprintFFmpeg
import CamprintProbe
import CamprintReport
import Foundation

/// The text `camprint agent --check-config` prints: what the agent will do, without secrets.
public enum AgentConfigSummary {
    public static func render(_ config: AgentConfig) -> String {
        var lines: [String] = []
        lines.append("configuration OK")
        lines.append("site: \(config.site)")
        let token =
            config.collector.tokenFile.map { "token_file \($0)" }
            ?? config.collector.tokenCredential.map { "token_credential \($0)" } ?? "no token"
        let ca = config.collector.caFile.map { ", ca_file \($0)" } ?? ""
        lines.append("collector: \(URLRedaction.redact(config.collector.url.absoluteString)) (\(token)\(ca))")
        lines.append(
            "schedule: every \(AgentDuration.describe(config.interval)) ± \(AgentDuration.describe(config.jitter)), "
                + "heartbeat \(AgentDuration.describe(config.heartbeat)), concurrency \(config.concurrency)"
        )
        lines.append(
            "probe: timeout \(AgentDuration.describe(config.timeout)), transport \(config.transport.rawValue), "
                + "media \(config.media ? "on" : "off")"
        )
        lines.append(
            "spool: \(config.spool.path) (max \(config.spool.maxBytes) bytes, max age "
                + "\(AgentDuration.describe(config.spool.maxAge)))"
        )
        lines.append("credentials_dir: \(config.credentialsDirectory ?? "(none)")")
        if let metrics = config.metricsListen { lines.append("metrics_listen: \(metrics)") }
        lines.append("log_level: \(config.logLevel)")
        lines.append("targets: \(config.targets.count)")
        for target in config.targets {
            var parts = [URLRedaction.redact(target.url.description)]
            if let name = target.credentials { parts.append("credentials \(name)") }
            parts.append("every \(AgentDuration.describe(target.interval))")
            parts.append("timeout \(AgentDuration.describe(target.timeout))")
            parts.append("media \(target.media ? "on" : "off")")
            lines.append("  - " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
