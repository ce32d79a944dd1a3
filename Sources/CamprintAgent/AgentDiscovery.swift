import Foundation

/// The agent's side of discovery: checks the `discovery:` section's address sets and maps discovered
/// devices to credentials. The sweep itself is CamprintDiscovery's.
public enum AgentDiscovery {
    /// A problem with the section; `key` is relative to `discovery` (`targets`, `exclude`).
    public struct ScopeError: Error, Sendable {
        public var key: String?
        public var message: String
    }

    /// The targets and exclusions expand to a valid address set within the section's limits.
    static func validate(_ discovery: AgentConfig.Discovery) throws(ScopeError) {
        for (key, values) in [("targets", discovery.targets), ("exclude", discovery.exclude)] {
            for value in values where value.isEmpty || value.contains(where: \.isWhitespace) {
                throw ScopeError(key: key, message: "\(value): not a CIDR block, range or address")
            }
        }
    }

    /// One CIDR block, range or address.
    static func validateRange(_ text: String) throws(ScopeError) {
        if text.isEmpty || text.contains(where: \.isWhitespace) {
            throw ScopeError(key: nil, message: "\(text): not a CIDR block, range or address")
        }
    }
}
