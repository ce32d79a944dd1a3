import Foundation

/// The addresses a sweep may touch, and nothing else: every packet `camprint discover` sends goes
/// to an address of its scope (multicast is opt-in and answered only from scope addresses).
///
/// Targets are IPv4 CIDR blocks (`10.20.0.0/24`), ranges (`10.20.0.10-10.20.0.99` or
/// `10.20.0.10-99`) and single addresses (IPv4 or IPv6). For blocks of /30 and wider, the network
/// and broadcast addresses are left out (RFC 919, RFC 922), as nmap does not; /31 and /32 keep both
/// (RFC 3021).
public struct DiscoveryScope: Hashable, Sendable {
    /// In the order given (ranges ascending), without duplicates and exclusions.
    public private(set) var addresses: [String]
    private var members: Set<String>

    /// Largest scope without `--max-addresses`.
    public static let defaultMaximumAddresses = 4096

    public init(addresses: [String]) {
        var seen = Set<String>()
        self.addresses = addresses.filter { seen.insert($0).inserted }
        self.members = seen
    }

    public func contains(_ address: String) -> Bool { members.contains(Self.canonical(address) ?? address) }

    /// Parses and checks `targets` (see the type's description); `excluding` takes the same forms.
    /// Refuses public addresses unless `allowPublic`, and more than `maxAddresses` addresses.
    public static func parse(
        _ targets: [String],
        allowPublic: Bool = false,
        maxAddresses: Int = defaultMaximumAddresses,
        excluding: [String] = []
    ) throws(DiscoveryScopeError) -> DiscoveryScope {
        guard !targets.isEmpty else { throw .empty }
        var excluded = Set<String>()
        for target in excluding {
            // Exclusions never send anything: their size is only bounded to keep memory in check.
            for address in try expand(target, limit: 1 << 20) { excluded.insert(address) }
        }
        var addresses: [String] = []
        var total = 0
        for target in targets {
            let expanded = try expand(target, limit: maxAddresses)
            if !allowPublic, let outside = expanded.first(where: { !AddressClass.isLocal($0) }) {
                throw .publicAddress(target: target, address: outside)
            }
            total += expanded.count
            guard total <= maxAddresses else { throw .tooMany(count: total, limit: maxAddresses) }
            addresses += expanded.filter { !excluded.contains($0) }
        }
        return DiscoveryScope(addresses: addresses)
    }

    /// One target's addresses, canonical text form.
    static func expand(_ target: String, limit: Int) throws(DiscoveryScopeError) -> [String] {
        let text = target.trimmingCharacters(in: .whitespaces)
        if let slash = text.firstIndex(of: "/") {
            guard let base = IPv4.parse(String(text[..<slash])),
                let bits = Int(text[text.index(after: slash)...]), (0...32).contains(bits)
            else { throw .malformed(target) }
            let size = UInt64(1) << UInt64(32 - bits)
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
            let network = base & mask
            var first = UInt64(network)
            var last = UInt64(network) + size - 1
            if bits <= 30 {
                first += 1
                last -= 1
            }
            guard last - first + 1 <= UInt64(limit) else { throw .tooMany(count: Int(last - first + 1), limit: limit) }
            return (first...last).map { IPv4.format(UInt32($0)) }
        }
        if let dash = text.firstIndex(of: "-") {
            let left = String(text[..<dash])
            var right = String(text[text.index(after: dash)...])
            guard let start = IPv4.parse(left) else { throw .malformed(target) }
            if !right.contains("."), let octet = UInt32(right), octet <= 255 {
                right = IPv4.format((start & 0xFFFF_FF00) | octet)
            }
            guard let end = IPv4.parse(right), end >= start else { throw .malformed(target) }
            let count = UInt64(end) - UInt64(start) + 1
            guard count <= UInt64(limit) else { throw .tooMany(count: Int(count), limit: limit) }
            return (UInt64(start)...UInt64(end)).map { IPv4.format(UInt32($0)) }
        }
        guard let address = canonical(text) else { throw .malformed(target) }
        return [address]
    }

    /// The one text form of an address (IPv4 dotted quad; IPv6 as given, lowercased, without brackets).
    static func canonical(_ text: String) -> String? {
        if let value = IPv4.parse(text) { return IPv4.format(value) }
        var inner = Substring(text)
        if inner.hasPrefix("["), inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
        guard IPv6.isValid(inner) else { return nil }
        return inner.lowercased()
    }
}

public enum DiscoveryScopeError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case malformed(String)
    case publicAddress(target: String, address: String)
    case tooMany(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty:
            return "no target: give a CIDR block (10.20.0.0/24), a range (10.20.0.10-10.20.0.99) or an address"
        case .malformed(let target):
            return "'\(target)' is not a CIDR block (10.20.0.0/24), a range (10.20.0.10-10.20.0.99 or "
                + "10.20.0.10-99) or an address"
        case .publicAddress(let target, let address):
            return "'\(target)' includes \(address), which is not a private, link-local or loopback address "
                + "(RFC 1918, RFC 3927, RFC 4193, RFC 4291, RFC 1122); sweeping public addresses needs --allow-public"
        case .tooMany(let count, let limit):
            return "the targets hold \(count) addresses, more than the limit of \(limit); "
                + "narrow them or raise the limit with --max-addresses"
        }
    }
}

/// Which addresses count as local: the ones a site's own network uses.
public enum AddressClass {
    /// RFC 1918 private, RFC 1122 loopback, RFC 3927 link-local (IPv4); RFC 4193 unique local,
    /// RFC 4291 loopback and link-local (IPv6).
    public static func isLocal(_ address: String) -> Bool {
        if let value = IPv4.parse(address) {
            let a = value >> 24
            let b = (value >> 16) & 0xFF
            return a == 10 || a == 127 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
                || (a == 169 && b == 254)
        }
        let lower = address.lowercased()
        guard IPv6.isValid(Substring(lower)) else { return false }
        if lower == "::1" { return true }
        guard let first = lower.split(separator: ":", omittingEmptySubsequences: false).first,
            let word = UInt16(first, radix: 16)
        else { return false }
        return word & 0xFE00 == 0xFC00 || word & 0xFFC0 == 0xFE80
    }

    public static func isLoopback(_ address: String) -> Bool {
        if let value = IPv4.parse(address) { return value >> 24 == 127 }
        return address == "::1"
    }
}

/// IPv4 dotted-quad text ⇄ host-order integer.
enum IPv4 {
    static func parse<S: StringProtocol>(_ text: S) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func format(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }
}

/// IPv6 text checked by shape (RFC 4291 section 2.2): hex groups, at most one `::`, an optional
/// trailing dotted quad; zone identifiers are refused.
enum IPv6 {
    static func isValid(_ text: Substring) -> Bool {
        guard text.contains(":"), text.count <= 45, !text.contains("%") else { return false }
        let doubleColons = text.components(separatedBy: "::").count - 1
        guard doubleColons <= 1 else { return false }
        var groups = text.split(separator: ":", omittingEmptySubsequences: true)
        var words = 0
        if let last = groups.last, last.contains(".") {
            guard IPv4.parse(last) != nil else { return false }
            groups.removeLast()
            words += 2
        }
        for group in groups {
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit) else { return false }
            words += 1
        }
        return doubleColons == 1 ? words < 8 : words == 8
    }
}
