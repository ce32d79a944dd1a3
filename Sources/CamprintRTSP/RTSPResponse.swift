public import CamprintWire

/// An RTSP response, RFC 2326 §7 (RFC 7826 §8 for `RTSP/2.0`).
public struct RTSPResponse: Hashable, Sendable, Encodable {
    /// The version token, `RTSP/1.0` or `RTSP/2.0`.
    public var version: String
    /// The three-digit Status-Code.
    public var statusCode: Int
    /// The Reason-Phrase as sent; empty when missing (a quirk).
    public var reasonPhrase: String
    public var headers: RTSPHeaders
    public var body: HexBytes
    /// Deviations accepted while parsing.
    public var quirks: [Quirk]

    public init(
        version: String = "RTSP/1.0",
        statusCode: Int,
        reasonPhrase: String,
        headers: RTSPHeaders = RTSPHeaders(),
        body: [UInt8] = [],
        quirks: [Quirk] = []
    ) {
        self.version = version
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = HexBytes(body)
        self.quirks = quirks
    }

    /// The body as text (SDP), invalid UTF-8 replaced.
    public var bodyText: String { ASCII.string(body.bytes) }

    /// Parses one complete response. Trailing bytes after the body are recorded as a quirk.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        limits: RTSPLimits = .default
    ) throws(RTSPError) -> RTSPResponse {
        let input = Array(bytes)
        switch try RTSPMessageParser.parseSingle(input, limits: limits) {
        case .response(let response): return response
        case .request: throw RTSPError(.unexpectedMessageKind, at: 0, in: input, base: 0)
        }
    }

    /// The response on the wire, headers verbatim, lines ended by CRLF.
    public func serialize() -> [UInt8] {
        let reason = reasonPhrase.isEmpty ? "" : " " + reasonPhrase
        let digits = String(statusCode)
        let code = String(repeating: "0", count: Swift.max(0, 3 - digits.utf8.count)) + digits
        var output = Array("\(version) \(code)\(reason)\r\n".utf8)
        RTSPMessageParser.serialize(headers, body: body.bytes, into: &output)
        return output
    }
}
