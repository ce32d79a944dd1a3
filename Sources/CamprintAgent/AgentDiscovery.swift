import CamprintClients
public import CamprintDiscovery
import CamprintProbe
public import CamprintReport
import Foundation

/// The agent's side of discovery: the `discovery:` section as sweep options, the merge of what a
/// sweep found into the probe schedule, and which credentials a found device may get. The sweep
/// itself is CamprintDiscovery's (``Discovery/run(_:progress:)``).
public enum AgentDiscovery {
    /// A problem with the section; `key` is relative to `discovery` (`targets`, `exclude`, `ports`).
    public struct ScopeError: Error, Sendable {
        public var key: String?
        public var message: String
    }

    /// Sweeps that may miss a device before it leaves the schedule (a device off for a while, a lost
    /// UDP answer): it is probed until then, its failures reported.
    public static let forgetAfterSweeps = 3

    /// The sweep options of the section (scope checked: private addresses unless `allow_public`, at most
    /// `max_addresses`, exclusions removed).
    public static func options(_ discovery: AgentConfig.Discovery) throws(ScopeError) -> DiscoveryOptions {
        let scope: DiscoveryScope
        do {
            scope = try DiscoveryScope.parse(
                discovery.targets,
                allowPublic: discovery.allowPublic,
                maxAddresses: discovery.maxAddresses,
                excluding: []
            )
        } catch {
            throw ScopeError(key: "targets", message: error.description)
        }
        let excluded: DiscoveryScope
        do {
            excluded =
                discovery.exclude.isEmpty
                ? DiscoveryScope(addresses: [])
                : try DiscoveryScope.parse(discovery.exclude, allowPublic: true, maxAddresses: 1 << 20)
        } catch {
            throw ScopeError(key: "exclude", message: error.description)
        }
        var ports = DiscoveryPort.defaults
        if let texts = discovery.ports {
            do {
                ports = try DiscoveryPort.parseList(texts.joined(separator: ","))
            } catch {
                throw ScopeError(key: "ports", message: error.description)
            }
        }
        var options = DiscoveryOptions(
            scope: DiscoveryScope(addresses: scope.addresses.filter { !excluded.contains($0) }),
            channels: Set(discovery.channels.compactMap(DiscoveryChannel.init(rawValue:))),
            ports: ports
        )
        if let rate = discovery.rate {
            options.connectionsPerSecond = rate
            options.packetsPerSecond = max(rate, 1)
        }
        return options
    }

    /// The targets and exclusions expand to a valid address set within the section's limits.
    static func validate(_ discovery: AgentConfig.Discovery) throws(ScopeError) {
        _ = try options(discovery)
    }

    /// Largest range a credential rule may name.
    static let maxCredentialRange = 1 << 16

    /// One CIDR block, range or address.
    static func validateRange(_ text: String) throws(ScopeError) {
        do {
            _ = try DiscoveryScope.parse([text], allowPublic: true, maxAddresses: maxCredentialRange)
        } catch {
            throw ScopeError(key: nil, message: error.description)
        }
    }

    /// The name of the credentials file of the first `range` rule that holds `address`.
    public static func rangeCredentials(for address: String, rules: [AgentConfig.Discovery.CredentialRule])
        -> String?
    {
        for rule in rules {
            guard case .range(let range) = rule.match,
                let scope = try? DiscoveryScope.parse([range], allowPublic: true, maxAddresses: maxCredentialRange)
            else { continue }
            if scope.contains(address) { return rule.credentials }
        }
        return nil
    }

    /// The name of the credentials file of the first `vendor` rule naming the vendor or brand the
    /// unauthenticated probe identified (compared case-insensitively); none for an unknown identity.
    public static func vendorCredentials(for identity: ReportIdentity, rules: [AgentConfig.Discovery.CredentialRule])
        -> String?
    {
        guard identity.verdict != .unknown else { return nil }
        let names = [identity.vendor, identity.brand].compactMap { $0?.lowercased() }
        for rule in rules {
            guard case .vendor(let vendor) = rule.match else { continue }
            if names.contains(vendor.lowercased()) { return rule.credentials }
        }
        return nil
    }

    /// The probe schedule: the configured targets (those a sweep found again carry its `discovery`
    /// section with `found: configured`), then one target per found device at no configured target's
    /// address, with the agent's defaults.
    public static func targets(
        configured: [AgentConfig.Target],
        found: [DiscoveredDevice],
        config: AgentConfig
    ) -> [AgentConfig.Target] {
        let byAddress = Dictionary(found.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        var configuredHosts = Set<String>()
        var result: [AgentConfig.Target] = []
        for var target in configured {
            let host = bare(target.url.host)
            configuredHosts.insert(host)
            target.discovery = byAddress[host].map { ReportBuilder.discovery($0, found: ReportDiscovery.configured) }
            result.append(target)
        }
        for device in found where !configuredHosts.contains(device.address) {
            guard let url = device.rtspURL ?? placeholderURL(device.address) else { continue }
            var target = AgentConfig.Target(
                url: url,
                credentials: nil,
                interval: config.interval,
                media: config.media,
                timeout: config.timeout,
                httpPort: config.http ? config.httpPort : nil,
                line: config.discovery?.line ?? 0
            )
            target.discovered = device
            result.append(target)
        }
        return result
    }

    /// The key of a device without an RTSP port in the schedule (never connected to: the probe of a
    /// discovered device uses the device, not this URL).
    static func placeholderURL(_ address: String) -> RTSPURL? {
        try? RTSPURL(parsing: address.contains(":") ? "rtsp://[\(address)]" : "rtsp://\(address)")
    }

    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}

/// The devices found by the sweeps so far: a device stays until ``AgentDiscovery/forgetAfterSweeps``
/// sweeps in a row missed it. Kept across configuration reloads.
struct DiscoveredSet {
    private(set) var devices: [String: DiscoveredDevice] = [:]
    private var misses: [String: Int] = [:]
    /// Addresses in the order first found.
    private var order: [String] = []

    /// Takes a sweep's result; returns how many devices are new and how many were forgotten.
    mutating func update(_ found: [DiscoveredDevice]) -> (new: Int, forgotten: Int) {
        var new = 0
        let seen = Set(found.map(\.address))
        for device in found {
            if devices[device.address] == nil {
                new += 1
                order.append(device.address)
            }
            var updated = device
            // The first time this agent heard from it, not this sweep's.
            if let known = devices[device.address] { updated.firstSeen = min(known.firstSeen, device.firstSeen) }
            devices[device.address] = updated
            misses[device.address] = 0
        }
        var forgotten = 0
        for address in order where !seen.contains(address) {
            misses[address, default: 0] += 1
            if misses[address, default: 0] >= AgentDiscovery.forgetAfterSweeps {
                devices[address] = nil
                misses[address] = nil
                forgotten += 1
            }
        }
        order.removeAll { devices[$0] == nil }
        return (new, forgotten)
    }

    var list: [DiscoveredDevice] { order.compactMap { devices[$0] } }
}
