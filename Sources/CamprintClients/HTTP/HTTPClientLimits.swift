/// Bounds of one HTTP exchange of the device-information channels.
public struct HTTPClientLimits: Hashable, Sendable {
    /// Status line and headers, up to and including the empty line.
    public var maximumHeadBytes: Int
    /// The body after chunked decoding (and the raw body before it, plus chunk framing).
    public var maximumBodyBytes: Int
    /// Header fields kept at most.
    public var maximumHeaderCount: Int

    public init(maximumHeadBytes: Int = 16 << 10, maximumBodyBytes: Int = 256 << 10, maximumHeaderCount: Int = 100) {
        self.maximumHeadBytes = maximumHeadBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumHeaderCount = maximumHeaderCount
    }

    public static let `default` = HTTPClientLimits()
}
