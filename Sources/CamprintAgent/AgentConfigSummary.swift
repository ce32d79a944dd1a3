import CamprintClients
import CamprintFFmpeg
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
        if let ca = config.cameraCAFile { lines.append("camera_ca_file: \(ca)") }
        lines += securityWarnings(config)
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
        if let discovery = config.discovery {
            var parts = [
                "discovery: \(discovery.targets.joined(separator: ", ")) every \(AgentDuration.describe(discovery.interval))",
                "channels \(discovery.channels.joined(separator: " "))",
                "at most \(discovery.maxAddresses) addresses",
            ]
            if !discovery.exclude.isEmpty { parts.append("excluding \(discovery.exclude.joined(separator: ", "))") }
            if let rate = discovery.rate { parts.append("\(rate) connections/s") }
            if let ports = discovery.ports { parts.append("ports \(ports.joined(separator: " "))") }
            if discovery.allowPublic { parts.append("public addresses allowed") }
            lines.append(parts.joined(separator: ", "))
            for rule in discovery.credentials {
                switch rule.match {
                case .range(let range): lines.append("  - credentials \(rule.credentials) for addresses in \(range)")
                case .vendor(let vendor):
                    lines.append("  - credentials \(rule.credentials) for devices identified as \(vendor)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per setting that weakens what the agent protects, for the log at start and
    /// `--check-config`: Basic allowed over clear text, authenticated ONVIF, token over plain HTTP.
    public static func securityWarnings(_ config: AgentConfig) -> [String] {
        var lines: [String] = []
        let basic = config.targets.filter(\.allowBasic)
        if !basic.isEmpty {
            lines.append(
                "warning: allow_basic is on for \(basic.count) target(s) (\(lineList(basic))): a camera that "
                    + "offers only Basic gets the password in clear"
            )
        }
        let onvif = config.targets.filter(\.onvifAuthentication)
        if !onvif.isEmpty {
            lines.append(
                "warning: onvif_auth is on for \(onvif.count) target(s) (\(lineList(onvif))): a hostile camera "
                    + "can replay the WS-Security token against a device with the same password"
            )
        }
        if config.collector.allowInsecureHTTP, config.collector.url.scheme?.lowercased() == "http" {
            lines.append("warning: allow_insecure_http: the collector token travels in clear")
        }
        return lines
    }

    private static func lineList(_ targets: [AgentConfig.Target]) -> String {
        let lines = targets.prefix(10).map { "line \($0.line)" }
        return lines.joined(separator: ", ") + (targets.count > 10 ? ", …" : "")
    }
}
