import CamprintAgent
import Foundation
import Testing

@Suite("agent.yaml discovery section")
struct AgentDiscoveryConfigTests {
    static let valid = """
        site: lobby
        collector:
          url: https://collector.example:8443
          token_file: /etc/camprint/token
        credentials_dir: /etc/camprint/credentials
        spool:
          path: /var/lib/camprint-agent/spool.sqlite
        targets:
          - url: rtsp://10.20.0.5/Streaming/Channels/101
        discovery:
          targets:
            - 10.20.0.0/24
            - 10.20.1.10-10.20.1.60
          interval: 12h
          channels: [sadp, wsd, tcp]
          rate: 40
          exclude:
            - 10.20.0.1
          ports: [554, 10080/http, 8000]
          max_addresses: 1024
          credentials:
            - range: 10.20.0.0/25
              credentials: lobby-cams
            - vendor: Hikvision
              credentials: hik-default
        """

    @Test func validSectionParses() throws {
        let config = try AgentConfig.parse(yaml: Self.valid, environment: [:])
        let discovery = try #require(config.discovery)
        #expect(discovery.targets == ["10.20.0.0/24", "10.20.1.10-10.20.1.60"])
        #expect(discovery.interval == .seconds(12 * 3600))
        #expect(discovery.channels == ["sadp", "wsd", "tcp"])
        #expect(discovery.rate == 40)
        #expect(discovery.exclude == ["10.20.0.1"])
        #expect(discovery.ports == ["554", "10080/http", "8000"])
        #expect(discovery.allowPublic == false)
        #expect(discovery.maxAddresses == 1024)
        #expect(discovery.credentials.map(\.match) == [.range("10.20.0.0/25"), .vendor("Hikvision")])
        #expect(discovery.credentials.map(\.credentials) == ["lobby-cams", "hik-default"])
        #expect(discovery.line == 11)
        #expect(config.targets.count == 1)
    }

    @Test func defaultsAndTargetsOptional() throws {
        let yaml = """
            site: lobby
            collector:
              url: https://collector.example:8443
              token_file: /etc/camprint/token
            spool:
              path: /var/lib/camprint-agent/spool.sqlite
            discovery:
              targets: 192.168.1.0/24
            """
        let config = try AgentConfig.parse(yaml: yaml, environment: [:])
        let discovery = try #require(config.discovery)
        #expect(config.targets.isEmpty)
        #expect(discovery.targets == ["192.168.1.0/24"])
        #expect(discovery.interval == .seconds(6 * 3600))
        #expect(discovery.channels == ["sadp", "wsd", "ssdp", "dhip", "tcp", "arp"])
        #expect(discovery.rate == nil && discovery.ports == nil)
        #expect(discovery.allowPublic == false)
        #expect(discovery.maxAddresses == 4096)
        #expect(discovery.credentials.isEmpty)
        #expect(AgentConfigSummary.render(config).contains("discovery: 192.168.1.0/24 every 6h"))
        // Without discovery, targets stay required.
        #expect {
            try AgentConfig.parse(
                yaml: yaml.replacingOccurrences(of: "discovery:\n  targets: 192.168.1.0/24", with: ""),
                environment: [:]
            )
        } throws: { ($0 as? AgentConfigError)?.key == "targets" }
    }

    /// Each case: a replacement applied to the valid file, the key and the line the error must name.
    @Test(arguments: [
        ("  interval: 12h", "  interval: often", "discovery.interval", 14),
        ("  channels: [sadp, wsd, tcp]", "  channels: [sadp, telnet]", "discovery.channels", 15),
        ("  channels: [sadp, wsd, tcp]", "  channels: []", "discovery.channels", 15),
        ("  rate: 40", "  rate: 0", "discovery.rate", 16),
        ("  ports: [554, 10080/http, 8000]", "  ports: [554, 70000]", "discovery.ports", 19),
        ("  ports: [554, 10080/http, 8000]", "  ports: [10554]", "discovery.ports", 19),
        ("    - 10.20.0.0/24\n", "    - 8.8.8.0/24\n", "discovery.targets", 12),
        ("    - 10.20.0.0/24\n", "    - 10.20.0.0/33\n", "discovery.targets", 12),
        ("  max_addresses: 1024", "  max_addresses: 100", "discovery.targets", 12),
        ("    - 10.20.0.1", "    - 10.20.0.300", "discovery.exclude", 18),
        ("    - range: 10.20.0.0/25", "    - range: 10.20.0.0-x", "discovery.credentials[0].range", 22),
        ("  max_addresses: 1024", "  max_addresses: 1000000", "discovery.max_addresses", 20),
        ("  max_addresses: 1024", "  max_addresses: 1024\n  allow_public: maybe", "discovery.allow_public", 21),
        ("  rate: 40", "  rate: 40\n  speed: 9", "discovery.speed", 17),
        ("      credentials: lobby-cams", "      credentials: ../shadow", "discovery.credentials[0].credentials", 23),
        ("    - vendor: Hikvision", "    - vendor: Hikvision\n      range: 10.0.0.0/8", "discovery.credentials[1]", 24),
        ("    - vendor: Hikvision", "    - model: DS-2CD", "discovery.credentials[1].model", 24),
        ("      credentials: hik-default", "      password: hunter2", "discovery.credentials[1].password", 25),
        ("  targets:\n    - 10.20.0.0/24\n    - 10.20.1.10-10.20.1.60", "  targets: []", "discovery.targets", 11),
        (
            "  credentials:\n    - range: 10.20.0.0/25\n      credentials: lobby-cams\n    - vendor: Hikvision\n"
                + "      credentials: hik-default",
            "  credentials: lobby", "discovery.credentials", 21
        ),
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
        }
    }

    @Test func credentialRulesNeedACredentialsDirectory() {
        let yaml = Self.valid.replacingOccurrences(of: "credentials_dir: /etc/camprint/credentials\n", with: "")
        #expect {
            try AgentConfig.parse(yaml: yaml, environment: [:])
        } throws: { ($0 as? AgentConfigError)?.key == "credentials_dir" }
    }
}
