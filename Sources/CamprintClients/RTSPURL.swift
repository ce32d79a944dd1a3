import CamprintWire

/// An `rtsp://` or `rtsps://` URL split into the parts the client needs, never holding credentials.
///
/// RFC 2326 §3.2 (`rtsp_URL = ( "rtsp:" | "rtspu:" ) "//" host [ ":" port ] [ abs_path ]`), with
/// RFC 3986 §3.2.2 IPv6 literals (`[::1]`) and the `rtsps` scheme of RFC 7826 §19.2. A user-info
/// part (`user:password@`) is removed while parsing; ``hadUserInfo`` tells that there was one, so
/// the caller can warn without ever echoing it.
public struct RTSPURL: Hashable, Sendable, CustomStringConvertible {
    /// Lowercased `rtsp` or `rtsps`.
    public var scheme: String
    /// Host without brackets: `10.0.0.5`, `::1`, `camera.local`.
    public var host: String
    /// The explicit port, if any.
    public var explicitPort: Int?
    /// Path and query as sent, starting with `/` (`/` when the URL had none).
    public var path: String
    /// True when the input carried `user[:password]@`, which was dropped.
    public var hadUserInfo: Bool

    /// RFC 2326 §3.2: 554 for `rtsp`; RFC 7826 §19.2: 322 for `rtsps`.
    public var port: Int { explicitPort ?? (isTLS ? 322 : 554) }
    public var isTLS: Bool { scheme == "rtsps" }
    /// True when ``host`` is an IPv6 literal.
    public var isIPv6Literal: Bool { host.contains(":") }

    /// `host` as written in a URL authority (IPv6 in brackets).
    public var hostForURL: String { isIPv6Literal ? "[\(host)]" : host }

    /// The URL as sent in request lines: no user-info, explicit port only when it was given.
    public var description: String {
        "\(scheme)://\(hostForURL)\(explicitPort.map { ":\($0)" } ?? "")\(path)"
    }

    /// The key that serializes probes of one device: one connection per host at a time.
    public var hostKey: String { host.lowercased() }

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses `text`. The error message never quotes the user-info part.
    public init(parsing text: String) throws(ParseError) {
        guard let schemeEnd = text.range(of: "://") else {
            throw ParseError(description: "not a URL: expected rtsp://host[:port]/path")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "rtsp" || scheme == "rtsps" else {
            throw ParseError(description: "unsupported scheme \"\(scheme.prefix(16))\": use rtsp:// or rtsps://")
        }
        var rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        var hadUserInfo = false
        if let at = authority.lastIndex(of: "@") {
            hadUserInfo = true
            authority = authority[authority.index(after: at)...]
        }
        let hostPort: HostPort
        do {
            hostPort = try HostPort(parsing: authority)
        } catch {
            throw ParseError(description: error.description)
        }
        let host = hostPort.host
        if authority.hasPrefix("[") {
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "%" })
            else { throw ParseError(description: "invalid IPv6 address in brackets") }
        } else {
            guard
                host.allSatisfy({
                    $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_")
                })
            else { throw ParseError(description: "invalid host name") }
        }
        let port = hostPort.port
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard rest.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7F}" && $0.asciiValue ?? 0 >= 0x20 })
        else { throw ParseError(description: "the path contains spaces or control characters") }
        self.scheme = scheme
        self.host = String(host)
        self.explicitPort = port
        self.path = rest.isEmpty ? "/" : (rest.hasPrefix("/") ? String(rest) : "/" + rest)
        self.hadUserInfo = hadUserInfo
    }

    /// RFC 3986 §5.2 for the forms a `Location:` header takes: an absolute `rtsp(s)://` URL or an
    /// absolute path on the same server.
    public func resolving(location: String) throws(ParseError) -> RTSPURL {
        let trimmed = location.trimmingCharacters(in: " \t")
        if trimmed.contains("://") { return try RTSPURL(parsing: trimmed) }
        guard trimmed.hasPrefix("/") else {
            throw ParseError(description: "relative Location \"\(trimmed.prefix(64))\" is not supported")
        }
        var copy = self
        copy.path = trimmed
        copy.hadUserInfo = false
        return try RTSPURL(parsing: copy.description)
    }
}

extension StringProtocol {
    fileprivate func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
