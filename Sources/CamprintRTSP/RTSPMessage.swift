/// A request or a response.
public enum RTSPMessage: Hashable, Sendable, Encodable {
    case request(RTSPRequest)
    case response(RTSPResponse)

    public var headers: RTSPHeaders {
        switch self {
        case .request(let request): request.headers
        case .response(let response): response.headers
        }
    }

    /// Parses one complete request or response.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        limits: RTSPLimits = .default
    ) throws(RTSPError) -> RTSPMessage {
        try RTSPMessageParser.parseSingle(Array(bytes), limits: limits)
    }
}
