/// RFC 8866 §5.9 Timing: `t=<start-time> <stop-time>` (NTP seconds; `0 0` for a live stream).
public struct SDPTiming: Hashable, Sendable, Encodable {
    public var startTime: String
    public var stopTime: String?
    public var raw: String

    public init(startTime: String, stopTime: String?, raw: String) {
        self.startTime = startTime
        self.stopTime = stopTime
        self.raw = raw
    }
}
