import CamprintClients
import CamprintFFmpeg
import CamprintWire
import Foundation
import Logging
import Yams

/// Walks the YAML node tree of `agent.yaml` so every error carries the key path and the line.
struct AgentConfigParser {
    var environment: [String: String]

    static let topKeys: Set<String> = [
        "site", "collector", "interval", "jitter", "heartbeat", "concurrency", "timeout", "transport", "media", "http",
        "http_port", "allow_basic", "onvif_auth", "camera_ca_file",
        "credentials_dir", "spool", "metrics_listen", "log_level", "targets", "discovery",
    ]
    static let discoveryKeys: Set<String> = [
        "targets", "interval", "channels", "rate", "exclude", "ports", "allow_public", "max_addresses", "credentials",
    ]
    static let discoveryCredentialKeys: Set<String> = ["range", "vendor", "credentials"]
    static let collectorKeys: Set<String> = ["url", "token_file", "token_credential", "ca_file", "allow_insecure_http"]
    static let spoolKeys: Set<String> = ["path", "max_bytes", "max_age"]
    static let targetKeys: Set<String> = [
        "url", "credentials", "interval", "media", "timeout", "http", "http_port", "allow_basic", "onvif_auth",
    ]
    static let logLevels = Set(Logger.Level.allCases.map(\.rawValue))

    func parse(_ text: String) throws(AgentConfigError) -> AgentConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw AgentConfigError(key: nil, line: nil, message: "the file is empty")
            }
            root = node
        } catch let error as AgentConfigError {
            throw error
        } catch {
            throw AgentConfigError(key: nil, line: nil, message: "not valid YAML: \(error)")
        }
        let top = try mapping(root, key: "(top level)", allowed: Self.topKeys)
        guard let siteNode = top["site"] else { throw missing("site", in: root) }
        let site = try string(siteNode, key: "site")
        guard !site.isEmpty, site.count <= 128 else {
            throw AgentConfigError(key: "site", line: line(siteNode), message: "must be 1 to 128 characters")
        }
        guard let collectorNode = top["collector"] else { throw missing("collector", in: root) }
        let collector = try parseCollector(collectorNode)
        let interval = try duration(top["interval"], key: "interval", default: AgentConfig.Defaults.interval)
        let timeout = try duration(top["timeout"], key: "timeout", default: AgentConfig.Defaults.timeout)
        let media = try bool(top["media"], key: "media", default: true)
        let http = try bool(top["http"], key: "http", default: true)
        let httpPort = try integer(top["http_port"], key: "http_port", default: 80, range: 1...65535)
        let credentialsDirectory = try optionalString(top["credentials_dir"], key: "credentials_dir")
        let allowBasic = try bool(top["allow_basic"], key: "allow_basic", default: false)
        let onvifAuthentication = try bool(top["onvif_auth"], key: "onvif_auth", default: false)
        let cameraCAFile = try optionalString(top["camera_ca_file"], key: "camera_ca_file")
        if let cameraCAFile, cameraCAFile != ControlPlaneOptions.systemTrustStore,
            !FileManager.default.isReadableFile(atPath: cameraCAFile)
        {
            throw AgentConfigError(
                key: "camera_ca_file",
                line: line(top["camera_ca_file"]),
                message: "cannot read \(cameraCAFile)"
            )
        }
        let discovery = try top["discovery"].map { node throws(AgentConfigError) in try parseDiscovery(node) }
        // With a discovery section, `targets:` may be left out: the sweep finds them.
        let targetsNode = top["targets"]
        if targetsNode == nil, discovery == nil { throw missing("targets", in: root) }
        var sequence: [Node] = []
        if let targetsNode {
            guard let list = targetsNode.sequence else {
                throw AgentConfigError(key: "targets", line: line(targetsNode), message: "must be a list of targets")
            }
            sequence = Array(list)
        }
        guard sequence.count <= AgentConfig.Limits.maxTargets else {
            throw AgentConfigError(
                key: "targets",
                line: line(targetsNode),
                message: "at most \(AgentConfig.Limits.maxTargets) targets"
            )
        }
        var targets: [AgentConfig.Target] = []
        for (index, node) in sequence.enumerated() {
            targets.append(
                try parseTarget(
                    node,
                    index: index,
                    interval: interval,
                    media: media,
                    timeout: timeout,
                    http: http,
                    httpPort: httpPort,
                    allowBasic: allowBasic,
                    onvifAuthentication: onvifAuthentication
                )
            )
        }
        guard let spoolNode = top["spool"] else { throw missing("spool", in: root) }
        let spool = try parseSpool(spoolNode)
        let concurrency = try integer(
            top["concurrency"],
            key: "concurrency",
            default: AgentConfig.Defaults.concurrency,
            range: 1...AgentConfig.Limits.maxConcurrency
        )
        let transportText = try optionalString(top["transport"], key: "transport") ?? "tcp"
        guard let transport = MediaTransport(rawValue: transportText) else {
            throw AgentConfigError(key: "transport", line: line(top["transport"]), message: "must be tcp, udp or auto")
        }
        let logLevel = try optionalString(top["log_level"], key: "log_level") ?? AgentConfig.Defaults.logLevel
        guard Self.logLevels.contains(logLevel) else {
            throw AgentConfigError(
                key: "log_level",
                line: line(top["log_level"]),
                message: "must be one of \(Self.logLevels.sorted().joined(separator: ", "))"
            )
        }
        let config = AgentConfig(
            site: site,
            collector: collector,
            interval: interval,
            jitter: try duration(top["jitter"], key: "jitter", default: AgentConfig.Defaults.jitter, allowZero: true),
            heartbeat: try duration(top["heartbeat"], key: "heartbeat", default: AgentConfig.Defaults.heartbeat),
            concurrency: concurrency,
            timeout: timeout,
            transport: transport,
            media: media,
            http: http,
            httpPort: httpPort,
            credentialsDirectory: credentialsDirectory ?? environment["CREDENTIALS_DIRECTORY"],
            cameraCAFile: cameraCAFile,
            spool: spool,
            metricsListen: try listenAddress(top["metrics_listen"], key: "metrics_listen"),
            logLevel: logLevel,
            targets: targets,
            discovery: discovery
        )
        let needsDirectory =
            config.targets.contains { $0.credentials != nil } || collector.tokenCredential != nil
            || !(discovery?.credentials.isEmpty ?? true)
        if needsDirectory, config.credentialsDirectory == nil {
            throw AgentConfigError(
                key: "credentials_dir",
                line: nil,
                message: "credentials are named but there is no credentials_dir and no $CREDENTIALS_DIRECTORY"
            )
        }
        return config
    }

    private func parseCollector(_ node: Node) throws(AgentConfigError) -> AgentConfig.Collector {
        let map = try mapping(node, key: "collector", allowed: Self.collectorKeys)
        guard let urlNode = map["url"] else { throw missing("collector.url", in: node) }
        let text = try string(urlNode, key: "collector.url")
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw AgentConfigError(
                key: "collector.url",
                line: line(urlNode),
                message: "must be an http:// or https:// URL, e.g. https://collector.example:8443"
            )
        }
        if url.user != nil || url.password != nil {
            throw AgentConfigError(
                key: "collector.url",
                line: line(urlNode),
                message: "must not carry a user name or password; use token_file or token_credential"
            )
        }
        let tokenFile = try optionalString(map["token_file"], key: "collector.token_file")
        let tokenCredential = try optionalString(map["token_credential"], key: "collector.token_credential")
        if tokenFile == nil, tokenCredential == nil {
            throw AgentConfigError(
                key: "collector",
                line: line(node),
                message: "needs token_file or token_credential (a token from `camprint-collector token create`)"
            )
        }
        if tokenFile != nil, tokenCredential != nil {
            throw AgentConfigError(
                key: "collector.token_credential",
                line: line(map["token_credential"]),
                message: "give token_file or token_credential, not both"
            )
        }
        let caFile = try optionalString(map["ca_file"], key: "collector.ca_file")
        if caFile != nil, scheme != "https" {
            throw AgentConfigError(
                key: "collector.ca_file",
                line: line(map["ca_file"]),
                message: "needs an https:// url"
            )
        }
        let allowInsecureHTTP = try bool(
            map["allow_insecure_http"],
            key: "collector.allow_insecure_http",
            default: false
        )
        if scheme == "http", !allowInsecureHTTP, !Self.isLoopback(url.host ?? "") {
            throw AgentConfigError(
                key: "collector.url",
                line: line(urlNode),
                message: "http:// to a host that is not loopback would send the token in clear; use https:// "
                    + "(or set collector.allow_insecure_http: true)"
            )
        }
        var collector = AgentConfig.Collector(
            url: url,
            tokenFile: tokenFile,
            tokenCredential: tokenCredential,
            caFile: caFile
        )
        collector.allowInsecureHTTP = allowInsecureHTTP
        return collector
    }

    private func parseSpool(_ node: Node) throws(AgentConfigError) -> AgentConfig.Spool {
        let map = try mapping(node, key: "spool", allowed: Self.spoolKeys)
        guard let pathNode = map["path"] else { throw missing("spool.path", in: node) }
        let path = try string(pathNode, key: "spool.path")
        let maxBytes = try byteSize(
            map["max_bytes"],
            key: "spool.max_bytes",
            default: AgentConfig.Defaults.spoolMaxBytes
        )
        let maxAge = try duration(map["max_age"], key: "spool.max_age", default: AgentConfig.Defaults.spoolMaxAge)
        return AgentConfig.Spool(path: path, maxBytes: maxBytes, maxAge: maxAge)
    }

    private func parseTarget(
        _ node: Node,
        index: Int,
        interval: Duration,
        media: Bool,
        timeout: Duration,
        http: Bool,
        httpPort: Int,
        allowBasic: Bool,
        onvifAuthentication: Bool
    ) throws(AgentConfigError) -> AgentConfig.Target {
        let prefix = "targets[\(index)]"
        let map = try mapping(node, key: prefix, allowed: Self.targetKeys)
        guard let urlNode = map["url"] else { throw missing("\(prefix).url", in: node) }
        let text = try string(urlNode, key: "\(prefix).url")
        let url: RTSPURL
        do {
            url = try RTSPURL(parsing: text)
        } catch {
            throw AgentConfigError(
                key: "\(prefix).url",
                line: line(urlNode),
                message: "invalid URL: \(error.description)"
            )
        }
        if url.hadUserInfo {
            throw AgentConfigError(
                key: "\(prefix).url",
                line: line(urlNode),
                message: "must not carry user:password@; name a credentials file with `credentials: NAME`"
            )
        }
        let credentials = try optionalString(map["credentials"], key: "\(prefix).credentials")
        if let credentials, !AgentCredentials.isValidName(credentials) {
            throw AgentConfigError(
                key: "\(prefix).credentials",
                line: line(map["credentials"]),
                message: "must be a file name in the credentials directory (letters, digits, . _ -; no /)"
            )
        }
        return AgentConfig.Target(
            url: url,
            credentials: credentials,
            interval: try duration(map["interval"], key: "\(prefix).interval", default: interval),
            media: try bool(map["media"], key: "\(prefix).media", default: media),
            timeout: try duration(map["timeout"], key: "\(prefix).timeout", default: timeout),
            httpPort: try bool(map["http"], key: "\(prefix).http", default: http)
                ? try integer(map["http_port"], key: "\(prefix).http_port", default: httpPort, range: 1...65535) : nil,
            allowBasic: try bool(map["allow_basic"], key: "\(prefix).allow_basic", default: allowBasic),
            onvifAuthentication: try bool(
                map["onvif_auth"],
                key: "\(prefix).onvif_auth",
                default: onvifAuthentication
            ),
            line: line(node) ?? 0
        )
    }

    private func parseDiscovery(_ node: Node) throws(AgentConfigError) -> AgentConfig.Discovery {
        let map = try mapping(node, key: "discovery", allowed: Self.discoveryKeys)
        guard let targetsNode = map["targets"] else { throw missing("discovery.targets", in: node) }
        let targets = try stringList(targetsNode, key: "discovery.targets")
        guard !targets.isEmpty else {
            throw AgentConfigError(
                key: "discovery.targets",
                line: line(targetsNode),
                message: "must name at least one CIDR block, range or address"
            )
        }
        let exclude =
            try map["exclude"].map { node throws(AgentConfigError) in
                try stringList(node, key: "discovery.exclude")
            } ?? []
        var channels = AgentConfig.Discovery.allChannels
        if let channelsNode = map["channels"] {
            channels = try stringList(channelsNode, key: "discovery.channels").map { $0.lowercased() }
            let unknown = channels.filter { !AgentConfig.Discovery.allChannels.contains($0) }
            guard unknown.isEmpty, !channels.isEmpty else {
                throw AgentConfigError(
                    key: "discovery.channels",
                    line: line(channelsNode),
                    message: (unknown.isEmpty
                        ? "must name at least one channel" : "unknown \(unknown.joined(separator: ", "))")
                        + "; use \(AgentConfig.Discovery.allChannels.joined(separator: ", "))"
                )
            }
        }
        // `554`, `10554/rtsp`: checked with the other address settings below (DiscoveryPort.parseList).
        let ports = try map["ports"].map { node throws(AgentConfigError) in try stringList(node, key: "discovery.ports")
        }
        let rate: Int? =
            map["rate"] == nil
            ? nil : try integer(map["rate"], key: "discovery.rate", default: 0, range: 1...10_000)
        let allowPublic = try bool(map["allow_public"], key: "discovery.allow_public", default: false)
        let maxAddresses = try integer(
            map["max_addresses"],
            key: "discovery.max_addresses",
            default: AgentConfig.Discovery.defaultMaxAddresses,
            range: 1...AgentConfig.Discovery.maxMaxAddresses
        )
        var rules: [AgentConfig.Discovery.CredentialRule] = []
        if let credentialsNode = map["credentials"] {
            guard let sequence = credentialsNode.sequence else {
                throw AgentConfigError(
                    key: "discovery.credentials",
                    line: line(credentialsNode),
                    message: "must be a list of `- range: CIDR` or `- vendor: NAME` entries with `credentials: NAME`"
                )
            }
            for (index, item) in sequence.enumerated() {
                rules.append(try parseCredentialRule(item, key: "discovery.credentials[\(index)]"))
            }
        }
        let discovery = AgentConfig.Discovery(
            targets: targets,
            exclude: exclude,
            interval: try duration(
                map["interval"],
                key: "discovery.interval",
                default: AgentConfig.Discovery.defaultInterval
            ),
            channels: AgentConfig.Discovery.allChannels.filter(channels.contains),
            rate: rate,
            ports: ports,
            allowPublic: allowPublic,
            maxAddresses: maxAddresses,
            credentials: rules,
            line: line(node) ?? 0
        )
        do {
            try AgentDiscovery.validate(discovery)
        } catch {
            throw AgentConfigError(
                key: error.key.map { "discovery.\($0)" } ?? "discovery",
                line: line(error.key.flatMap { map[$0] } ?? node),
                message: error.message
            )
        }
        return discovery
    }

    private func parseCredentialRule(
        _ node: Node,
        key: String
    ) throws(AgentConfigError) -> AgentConfig.Discovery.CredentialRule {
        let map = try mapping(node, key: key, allowed: Self.discoveryCredentialKeys)
        guard let nameNode = map["credentials"] else { throw missing("\(key).credentials", in: node) }
        let name = try string(nameNode, key: "\(key).credentials")
        guard AgentCredentials.isValidName(name) else {
            throw AgentConfigError(
                key: "\(key).credentials",
                line: line(nameNode),
                message: "must be a file name in the credentials directory (letters, digits, . _ -; no /)"
            )
        }
        let range = try optionalString(map["range"], key: "\(key).range")
        let vendor = try optionalString(map["vendor"], key: "\(key).vendor")
        let match: AgentConfig.Discovery.CredentialRule.Match
        switch (range, vendor) {
        case (let range?, nil):
            do {
                try AgentDiscovery.validateRange(range)
            } catch {
                throw AgentConfigError(key: "\(key).range", line: line(map["range"]), message: error.message)
            }
            match = .range(range)
        case (nil, let vendor?) where !vendor.trimmingCharacters(in: .whitespaces).isEmpty:
            match = .vendor(vendor.trimmingCharacters(in: .whitespaces))
        default:
            throw AgentConfigError(
                key: key,
                line: line(node),
                message: "give exactly one of `range: CIDR|RANGE|ADDRESS` and `vendor: NAME`"
            )
        }
        return AgentConfig.Discovery.CredentialRule(match: match, credentials: name, line: line(node) ?? 0)
    }

    /// A list of single values, or one value.
    private func stringList(_ node: Node, key: String) throws(AgentConfigError) -> [String] {
        if node.scalar != nil { return [try string(node, key: key)] }
        guard let sequence = node.sequence else {
            throw AgentConfigError(key: key, line: line(node), message: "must be a list of values")
        }
        var values: [String] = []
        for item in sequence {
            values.append(try string(item, key: key))
        }
        return values
    }

    /// An IP address of the loopback networks (127.0.0.0/8, ::1), parsed, or the name `localhost`
    /// (RFC 6761 §6.3).
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" { return true }
        if let v4 = IPv4Text.octets(bare) { return v4[0] == 127 }
        return bare == "::1" || bare.lowercased() == "0:0:0:0:0:0:0:1"
    }

    // MARK: Node helpers

    private func line(_ node: Node?) -> Int? { node?.mark?.line }

    private func missing(_ key: String, in node: Node) -> AgentConfigError {
        AgentConfigError(key: key, line: line(node), message: "missing (required)")
    }

    /// A mapping whose keys are all in `allowed`; `password` keys get their own error.
    private func mapping(_ node: Node, key: String, allowed: Set<String>) throws(AgentConfigError) -> [String: Node] {
        guard let map = node.mapping else {
            throw AgentConfigError(key: key, line: line(node), message: "must be a mapping of keys to values")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in map {
            let name = keyNode.string ?? ""
            let path = key == "(top level)" ? name : "\(key).\(name)"
            if name.lowercased().contains("password") {
                throw AgentConfigError(
                    key: path,
                    line: line(keyNode),
                    message: "inline passwords are not accepted; put `username:password` in a file in the "
                        + "credentials directory and name it with `credentials: NAME`"
                )
            }
            guard allowed.contains(name) else {
                throw AgentConfigError(
                    key: path,
                    line: line(keyNode),
                    message: "unknown key (known: \(allowed.sorted().joined(separator: ", ")))"
                )
            }
            if result[name] != nil {
                throw AgentConfigError(key: path, line: line(keyNode), message: "given twice")
            }
            result[name] = value
        }
        return result
    }

    private func string(_ node: Node, key: String) throws(AgentConfigError) -> String {
        guard let scalar = node.scalar else {
            throw AgentConfigError(key: key, line: line(node), message: "must be a single value")
        }
        return scalar.string
    }

    /// `host:port` or `[v6-address]:port` (the metrics endpoint's address).
    private func listenAddress(_ node: Node?, key: String) throws(AgentConfigError) -> String? {
        guard let node else { return nil }
        let text = try string(node, key: key)
        guard HostPort(text, ports: 0...65535)?.port != nil else {
            throw AgentConfigError(
                key: key,
                line: line(node),
                message: "\(text): expected host:port or [v6-address]:port, e.g. 127.0.0.1:9465"
            )
        }
        return text
    }

    private func optionalString(_ node: Node?, key: String) throws(AgentConfigError) -> String? {
        guard let node else { return nil }
        return try string(node, key: key)
    }

    private func bool(_ node: Node?, key: String, default value: Bool) throws(AgentConfigError) -> Bool {
        guard let node else { return value }
        switch try string(node, key: key).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw AgentConfigError(key: key, line: line(node), message: "must be true or false")
        }
    }

    private func integer(
        _ node: Node?,
        key: String,
        default value: Int,
        range: ClosedRange<Int>
    ) throws(AgentConfigError) -> Int {
        guard let node else { return value }
        guard let number = Int(try string(node, key: key)), range.contains(number) else {
            throw AgentConfigError(
                key: key,
                line: line(node),
                message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return number
    }

    private func duration(
        _ node: Node?,
        key: String,
        default value: Duration,
        allowZero: Bool = false
    ) throws(AgentConfigError) -> Duration {
        guard let node else { return value }
        guard let parsed = AgentDuration.parse(try string(node, key: key)), allowZero || parsed > .zero else {
            throw AgentConfigError(
                key: key,
                line: line(node),
                message: "must be a duration like 30s, 5m, 2h, 7d or 500ms\(allowZero ? "" : ", above zero")"
            )
        }
        return parsed
    }

    private func byteSize(_ node: Node?, key: String, default value: Int) throws(AgentConfigError) -> Int {
        guard let node else { return value }
        guard let parsed = AgentByteSize.parse(try string(node, key: key)), parsed >= 64 << 10 else {
            throw AgentConfigError(
                key: key,
                line: line(node),
                message: "must be a size like 64MiB, 512KiB or 1GiB (at least 64KiB)"
            )
        }
        return parsed
    }
}

/// Dotted-quad IPv4 text, parsed strictly (four decimal octets, no leading `+`, no other form).
enum IPv4Text {
    static func octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                let value = Int(part), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets
    }
}
