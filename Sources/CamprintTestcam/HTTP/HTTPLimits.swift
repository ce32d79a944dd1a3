import NIOCore

/// Bounds of the emulator's HTTP server.
public struct HTTPLimits: Sendable {
    /// Request line plus header fields; larger heads get 431.
    public var maxHeadBytes: Int
    /// Request body; larger bodies (by `Content-Length` or as received) get 413.
    public var maxBodyBytes: Int
    /// A connection that sends nothing for this many seconds is closed.
    public var idleTimeoutSeconds: Double

    public init(maxHeadBytes: Int = 16 * 1024, maxBodyBytes: Int = 64 * 1024, idleTimeoutSeconds: Double = 30) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    public static let `default` = HTTPLimits()

    var idleTimeout: TimeAmount { .milliseconds(Int64(max(0.001, idleTimeoutSeconds) * 1000)) }
}
