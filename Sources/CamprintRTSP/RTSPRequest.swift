public import CamprintWire

/// An RTSP request, RFC 2326 §6 (RFC 7826 §8 for `RTSP/2.0`).
public struct RTSPRequest: Hashable, Sendable, Encodable {
    /// The method token as sent (`OPTIONS`, `DESCRIBE`, `SET_PARAMETER`, …), case kept.
    public var method: String
    /// The Request-URI as sent.
    public var uri: String
    /// The version token, `RTSP/1.0` or `RTSP/2.0`.
    public var version: String
    public var headers: RTSPHeaders
    public var body: HexBytes
    /// Deviations accepted while parsing; empty for a constructed request.
    public var quirks: [Quirk]

    public init(
        method: String,
        uri: String,
        version: String = "RTSP/1.0",
        headers: RTSPHeaders = RTSPHeaders(),
        body: [UInt8] = [],
        quirks: [Quirk] = []
    ) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.body = HexBytes(body)
        self.quirks = quirks
    }

    /// Parses one complete request. Trailing bytes after the body are recorded as a quirk.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        limits: RTSPLimits = .default
    ) throws(RTSPError) -> RTSPRequest {
        let input = Array(bytes)
        switch try RTSPMessageParser.parseSingle(input, limits: limits) {
        case .request(let request): return request
        case .response: throw RTSPError(.unexpectedMessageKind, at: 0, in: input, base: 0)
        }
    }

    /// The request on the wire: start line, every header as stored (name, `:`, raw value), a
    /// blank line and the body, all lines ended by CRLF.
    ///
    /// Headers are written verbatim, so the caller keeps `Content-Length` consistent with `body`.
    public func serialize() -> [UInt8] {
        var output = Array("\(method) \(uri) \(version)\r\n".utf8)
        RTSPMessageParser.serialize(headers, body: body.bytes, into: &output)
        return output
    }
}
