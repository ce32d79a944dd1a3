/// A persona line template: literal text with `{name}`, `{name:>N}` (right-aligned in N columns,
/// padded with spaces) and `{name:<N}` (left-aligned) placeholders.
///
/// A line whose placeholders are not all available in the ``TemplateValues`` is dropped by
/// ``render(_:)``: that is how personas write optional lines (a `Basic` challenge only when Basic
/// authentication is on, a `Date` header only when the persona has a date format, …).
public struct Template: Hashable, Sendable {
    enum Part: Hashable, Sendable {
        case literal(String)
        case placeholder(name: String, width: Int, rightAligned: Bool)
    }

    let parts: [Part]
    public let source: String

    public init(_ source: String) throws(PersonaError) {
        self.source = source
        var parts: [Part] = []
        var literal = ""
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            guard character == "{" else {
                literal.append(character)
                index = source.index(after: index)
                continue
            }
            guard let close = source[index...].firstIndex(of: "}") else {
                throw PersonaError("unclosed '{' in template: \(source)")
            }
            let body = source[source.index(after: index)..<close]
            var name = String(body)
            var width = 0
            var rightAligned = true
            if let colon = body.firstIndex(of: ":") {
                name = String(body[..<colon])
                var spec = body[body.index(after: colon)...]
                rightAligned = spec.first != "<"
                if spec.first == "<" || spec.first == ">" { spec = spec.dropFirst() }
                guard let parsed = Int(spec), parsed > 0, parsed <= 256 else {
                    throw PersonaError("bad width in template placeholder {\(body)}")
                }
                width = parsed
            }
            guard TemplateValues.knownNames.contains(name) else {
                throw PersonaError("unknown placeholder {\(name)} in template: \(source)")
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.placeholder(name: name, width: width, rightAligned: rightAligned))
            index = source.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The rendered line, or `nil` when a placeholder has no value.
    public func render(_ values: TemplateValues) -> String? {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .placeholder(let name, let width, let rightAligned):
                guard let value = values[name] else { return nil }
                let pad = String(repeating: " ", count: max(0, width - value.count))
                out += rightAligned ? pad + value : value + pad
            }
        }
        return out
    }
}

/// Values for ``Template`` placeholders.
public struct TemplateValues: Sendable {
    private var values: [String: String] = [:]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public func merging(_ other: TemplateValues) -> TemplateValues {
        TemplateValues(values.merging(other.values) { _, new in new })
    }

    /// Every placeholder a persona may use (checked when the persona is loaded).
    public static let knownNames: Set<String> = [
        // request and connection
        "cseq", "url", "url_path", "query", "server_ip", "client_ip", "server_port",
        // responses
        "date", "session", "timeout", "public", "content_base", "content_length", "transport", "rtp_info",
        "range", "realm", "nonce", "basic_realm", "digest_realm",
        // identity
        "serial", "serial5", "mac", "model",
        // transport
        "client_proto", "interleaved", "client_ports", "server_ports", "ssrc_hex", "ssrc_hex08", "ssrc_HEX08",
        "ssrc_dec",
        // RTP-Info entries
        "setup_url", "seq", "rtptime", "control_token",
        // SDP
        "o_time_us", "o_time_s", "session_control", "track_control", "width", "height", "fps", "fps6", "pt",
        "plid_lower", "plid_upper", "sprop_parameter_sets", "sprop_vps", "sprop_sps", "sprop_pps", "imkh_vcodec",
    ]
}
