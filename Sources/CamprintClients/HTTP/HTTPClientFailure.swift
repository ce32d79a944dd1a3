/// How one HTTP exchange ended without a complete response.
public enum HTTPClientFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case resolve(String)
    case connectionRefused(String)
    case connectTimeout(String)
    case unreachable(String)
    /// The deadline passed before the response was complete.
    case timeout(receivedBytes: Int)
    /// The peer closed before the response was complete.
    case closedEarly(receivedBytes: Int)
    case headTooLarge(limit: Int)
    case bodyTooLarge(limit: Int)
    /// Not an HTTP/1.x response (status line, header or chunk framing).
    case malformed(String)
    case io(String)

    /// True when nothing listens there (or cannot be reached): other channels to the same
    /// host and port are not tried.
    public var isConnectFailure: Bool {
        switch self {
        case .resolve, .connectionRefused, .connectTimeout, .unreachable: true
        default: false
        }
    }

    /// True when the deadline passed before the response was complete.
    public var isTimeout: Bool {
        if case .timeout = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .resolve(let reason): "cannot resolve: \(reason)"
        case .connectionRefused(let peer): "connection refused by \(peer)"
        case .connectTimeout(let peer): "connect timeout to \(peer)"
        case .unreachable(let reason): "unreachable: \(reason)"
        case .timeout(let received): "no complete response before the deadline (\(received) bytes received)"
        case .closedEarly(let received): "closed before the response was complete (\(received) bytes received)"
        case .headTooLarge(let limit): "response head larger than \(limit) bytes"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .malformed(let reason): "malformed HTTP response: \(reason)"
        case .io(let reason): "I/O error: \(reason)"
        }
    }
}
