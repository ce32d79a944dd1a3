import CamprintAgent
import CamprintClients
import CamprintFFmpeg
import Foundation
import Testing

@Suite("agent.yaml validation")
struct AgentConfigTests {
    static let valid = """
        site: lobby
        collector:
          url: https://collector.example:8443
          token_file: /etc/camprint/token
          ca_file: /etc/camprint/ca.pem
        interval: 5m
        jitter: 30s
        concurrency: 4
        timeout: 8s
        transport: auto
        media: false
        credentials_dir: /run/credentials/camprint-agent.service
        spool:
          path: /var/lib/camprint-agent/spool.sqlite
          max_bytes: 64MiB
          max_age: 7d
        targets:
          - url: rtsp://10.0.0.5/Streaming/Channels/101
            credentials: lobby
          - url: rtsp://10.0.0.6:8554/live
            interval: 1h
            media: true
            timeout: 15s
        """

    @Test func validConfigurationParsesWithDefaultsAndOverrides() throws {
        let config = try AgentConfig.parse(yaml: Self.valid, environment: [:])
        #expect(config.site == "lobby")
        #expect(config.collector.url.absoluteString == "https://collector.example:8443")
        #expect(config.collector.tokenFile == "/etc/camprint/token")
        #expect(config.interval == .seconds(300))
        #expect(config.heartbeat == .seconds(86400))
        #expect(config.concurrency == 4)
        #expect(config.transport == .auto)
        #expect(config.spool.maxBytes == 64 << 20)
        #expect(config.spool.maxAge == .seconds(7 * 86400))
        #expect(config.targets.count == 2)
        #expect(config.targets[0].credentials == "lobby")
        #expect(config.targets[0].interval == .seconds(300))
        #expect(config.targets[0].media == false)
        #expect(config.targets[0].timeout == .seconds(8))
        #expect(config.targets[1].interval == .seconds(3600))
        #expect(config.targets[1].media == true)
        #expect(config.targets[1].timeout == .seconds(15))
        #expect(config.targets[1].url.port == 8554)
    }

    @Test func credentialsDirectoryDefaultsToSystemdVariable() throws {
        let yaml = Self.valid.replacingOccurrences(
            of: "credentials_dir: /run/credentials/camprint-agent.service\n",
            with: ""
        )
        let config = try AgentConfig.parse(yaml: yaml, environment: ["CREDENTIALS_DIRECTORY": "/run/creds"])
        #expect(config.credentialsDirectory == "/run/creds")
        #expect(throws: AgentConfigError.self) { try AgentConfig.parse(yaml: yaml, environment: [:]) }
    }

    /// Each case: a replacement applied to the valid file, the key and the line the error must name.
    @Test(arguments: [
        (
            "  ca_file: /etc/camprint/ca.pem", "  ca_file: /etc/camprint/ca.pem\n  password: hunter2",
            "collector.password", 6
        ),
        ("    credentials: lobby", "    credentials: lobby\n    password: hunter2", "targets[0].password", 20),
        ("interval: 5m", "interval: soon", "interval", 6),
        ("concurrency: 4", "concurrency: 0", "concurrency", 8),
        ("transport: auto", "transport: quic", "transport", 10),
        ("  max_bytes: 64MiB", "  max_bytes: lots", "spool.max_bytes", 15),
        ("jitter: 30s", "jiter: 30s", "jiter", 7),
        ("    interval: 1h", "    interval: -1h", "targets[1].interval", 21),
        ("rtsp://10.0.0.6:8554/live", "rtsp://admin:secret@10.0.0.6:8554/live", "targets[1].url", 20),
        ("https://collector.example:8443", "ftp://collector.example", "collector.url", 3),
        ("    credentials: lobby", "    credentials: ../etc/shadow", "targets[0].credentials", 19),
    ])
    func errorsNameKeyAndLine(find: String, replace: String, key: String, line: Int) throws {
        let yaml = Self.valid.replacingOccurrences(of: find, with: replace)
        #expect(yaml != Self.valid, "test case does not change the file: \(find)")
        do {
            _ = try AgentConfig.parse(yaml: yaml, environment: [:])
            Issue.record("accepted a file with \(replace)")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.line == line, "\(error)")
            #expect(!error.description.contains("hunter2"))
            #expect(!error.description.contains("secret"))
        }
    }

    /// The bearer token never travels in clear without an explicit opt-in (issue 16).
    @Test(arguments: [
        ("http://collector.example:8080", false), ("http://10.0.0.9", false), ("http://127.0.0.1.example:80", false),
        ("http://127.0.0.1:8080", true), ("http://[::1]:8080", true), ("http://localhost:8080", true),
    ])
    func plainHTTPOnlyToLoopback(url: String, accepted: Bool) throws {
        let yaml = Self.valid.replacingOccurrences(of: "https://collector.example:8443", with: url)
            .replacingOccurrences(of: "  ca_file: /etc/camprint/ca.pem\n", with: "")
        if accepted {
            #expect(try AgentConfig.parse(yaml: yaml, environment: [:]).collector.url.absoluteString == url)
        } else {
            #expect {
                try AgentConfig.parse(yaml: yaml, environment: [:])
            } throws: { error in
                "\(error)".contains("collector.url") && "\(error)".contains("allow_insecure_http")
            }
            let allowed = yaml.replacingOccurrences(
                of: "  token_file: /etc/camprint/token",
                with: "  token_file: /etc/camprint/token\n  allow_insecure_http: true"
            )
            let config = try AgentConfig.parse(yaml: allowed, environment: [:])
            #expect(config.collector.allowInsecureHTTP)
            #expect(AgentConfigSummary.securityWarnings(config).contains { $0.contains("allow_insecure_http") })
        }
    }

    /// allow_basic and onvif_auth: off unless set, a top-level default that a target overrides.
    @Test func allowBasicAndONVIFAuthPerTarget() throws {
        let plain = try AgentConfig.parse(yaml: Self.valid, environment: [:])
        #expect(plain.targets.allSatisfy { !$0.allowBasic && !$0.onvifAuthentication })
        #expect(AgentConfigSummary.securityWarnings(plain).isEmpty)
        let yaml = Self.valid.replacingOccurrences(of: "media: false", with: "media: false\nonvif_auth: true")
            .replacingOccurrences(of: "    credentials: lobby", with: "    credentials: lobby\n    allow_basic: true")
            .replacingOccurrences(of: "    interval: 1h", with: "    interval: 1h\n    onvif_auth: false")
        let config = try AgentConfig.parse(yaml: yaml, environment: [:])
        #expect(config.targets.map(\.allowBasic) == [true, false])
        #expect(config.targets.map(\.onvifAuthentication) == [true, false])
        let warnings = AgentConfigSummary.securityWarnings(config)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("allow_basic is on for 1 target(s)") })
    }

    @Test func unreadableCameraCAFileIsNamed() {
        let yaml = Self.valid.replacingOccurrences(
            of: "media: false",
            with: "media: false\ncamera_ca_file: /nonexistent/ca.pem"
        )
        #expect {
            try AgentConfig.parse(yaml: yaml, environment: [:])
        } throws: { error in
            "\(error)".contains("camera_ca_file") && "\(error)".contains("/nonexistent/ca.pem")
        }
    }

    @Test func inlinePasswordErrorSaysWhatToDoInstead() {
        let yaml = Self.valid.replacingOccurrences(of: "    credentials: lobby", with: "    password: hunter2")
        #expect {
            try AgentConfig.parse(yaml: yaml, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("line 19") && text.contains("targets[0].password")
                && text.contains("inline passwords are not accepted") && !text.contains("hunter2")
        }
    }

    @Test(arguments: ["site", "collector", "spool", "targets"])
    func missingRequiredKeyIsNamed(key: String) {
        let lines = Self.valid.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var skipping = false
        for line in lines {
            if line.hasPrefix("\(key):") {
                skipping = true
                continue
            }
            if skipping, line.hasPrefix(" ") { continue }
            skipping = false
            kept.append(line)
        }
        #expect {
            try AgentConfig.parse(yaml: kept.joined(separator: "\n"), environment: [:])
        } throws: { error in
            (error as? AgentConfigError)?.key == key && (error as? AgentConfigError)?.message == "missing (required)"
        }
    }

    @Test func invalidYAMLIsReported() {
        #expect(throws: AgentConfigError.self) { try AgentConfig.parse(yaml: "site: [unclosed", environment: [:]) }
    }

    @Test(arguments: [
        ("500ms", 500), ("30s", 30_000), ("5m", 300_000), ("2h", 7_200_000), ("1d", 86_400_000), ("7", 7000),
    ])
    func durations(text: String, milliseconds: Int64) {
        #expect(AgentDuration.parse(text) == .milliseconds(milliseconds))
    }

    @Test func sampleConfigurationIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("Samples/agent/agent.yaml").path
        let config = try AgentConfig.load(path: path, environment: [:])
        #expect(!config.targets.isEmpty)
        #expect(config.collector.url.scheme == "http")
    }
}
