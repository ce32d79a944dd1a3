/// A TCP port of the sweep and what the probe does with it when it accepts a connection.
public struct DiscoveryPort: Hashable, Sendable, CustomStringConvertible {
    public enum Role: String, Hashable, Sendable, CaseIterable {
        /// An RTSP server: the probe starts there (a bare-address probe finds the stream path).
        case rtsp
        /// HTTP: banner, ISAPI and ONVIF of the probe.
        case http
        /// HTTPS: reported as open; not probed.
        case https
        /// A vendor's private SDK port, reported as open (evidence in the `discovery` section only):
        /// Hikvision 8000, Dahua 37777, XiongMai (XMEye) 34567.
        case sdk
    }

    public var number: Int
    public var role: Role

    public init(_ number: Int, _ role: Role) {
        self.number = number
        self.role = role
    }

    /// 554, 8554 (RTSP), 80, 8080 (HTTP), 443 (HTTPS), 8000, 37777, 34567 (vendor SDKs).
    public static let defaults: [DiscoveryPort] = [
        .init(554, .rtsp), .init(8554, .rtsp), .init(80, .http), .init(443, .https), .init(8000, .sdk),
        .init(8080, .http), .init(37777, .sdk), .init(34567, .sdk),
    ]

    public var description: String { "\(number)/\(role.rawValue)" }

    /// `554`, `10554/rtsp` or a comma-separated list of them; a bare number takes the role of the
    /// same number in ``defaults`` and is an error otherwise.
    public static func parseList(_ text: String) throws(DiscoveryPortError) -> [DiscoveryPort] {
        var ports: [DiscoveryPort] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "/", maxSplits: 1).map { String($0).trimmed }
            guard let number = Int(parts[0]), (1...65535).contains(number) else { throw .malformed(String(item)) }
            let role: Role
            if parts.count == 2 {
                guard let named = Role(rawValue: parts[1].lowercased()) else { throw .unknownRole(String(item)) }
                role = named
            } else if let known = defaults.first(where: { $0.number == number }) {
                role = known.role
            } else {
                throw .roleNeeded(number)
            }
            if !ports.contains(where: { $0.number == number }) { ports.append(DiscoveryPort(number, role)) }
        }
        guard !ports.isEmpty else { throw .malformed(text) }
        return ports
    }
}

public enum DiscoveryPortError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case unknownRole(String)
    case roleNeeded(Int)

    public var description: String {
        switch self {
        case .malformed(let item): return "'\(item)' is not a port (1…65535) or PORT/ROLE"
        case .unknownRole(let item):
            return
                "'\(item)': the role must be one of \(DiscoveryPort.Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .roleNeeded(let number):
            return "port \(number) is not a well-known camera port: write it as \(number)/rtsp, \(number)/http, "
                + "\(number)/https or \(number)/sdk"
        }
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
