/// `host:port` as listen addresses, configuration files and URL authorities write it, with one
/// rule everywhere: an IPv6 address is written in brackets when a port follows (`[::1]:554`,
/// RFC 3986 §3.2.2); a bare IPv6 address (`::1`, two colons or more) is a host without port, its
/// colons are never read as a port separator. The port may be empty (`host:`, RFC 3986 §3.2.3),
/// which is the same as no port.
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    /// Without brackets (`::1`, not `[::1]`).
    public var host: String
    /// `nil` when the text has none.
    public var port: Int?

    public init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
    }

    /// Parses `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address. The host is not
    /// checked beyond being non-empty (callers know whether names, addresses or both are allowed);
    /// the port is 1 to 5 ASCII digits within `ports`.
    public init(parsing text: some StringProtocol, ports: ClosedRange<Int> = 1...65535) throws(HostPortError) {
        let text = Substring(text)
        var hostText: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .unclosedBracket }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .textAfterBracket }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].firstIndex(of: ":") == nil {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            hostText = text
        }
        guard !hostText.isEmpty else { throw .missingHost }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portText),
                ports.contains(value)
            else { throw .invalidPort(ports) }
            port = value
        }
        self.init(host: String(hostText), port: port)
    }

    /// `nil` where ``init(parsing:ports:)`` throws.
    public init?(_ text: some StringProtocol, ports: ClosedRange<Int> = 1...65535) {
        guard let parsed = try? HostPort(parsing: text, ports: ports) else { return nil }
        self = parsed
    }

    /// The text form: `host:port`, `[v6]:port`, or the host alone (IPv6 in brackets).
    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(hostText):\($0)" } ?? hostText
    }
}

/// Why a `host:port` text does not parse (``HostPort/init(parsing:ports:)``).
public enum HostPortError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingHost
    case unclosedBracket
    case textAfterBracket
    case invalidPort(ClosedRange<Int>)

    public var description: String {
        switch self {
        case .missingHost: "missing host"
        case .unclosedBracket: "IPv6 address without closing ]"
        case .textAfterBracket: "unexpected text after ]"
        case .invalidPort(let ports): "invalid port: expected \(ports.lowerBound)…\(ports.upperBound)"
        }
    }
}
