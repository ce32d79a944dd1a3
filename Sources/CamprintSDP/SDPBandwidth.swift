/// RFC 8866 §5.8 Bandwidth Information: `b=<bwtype>:<bandwidth>` (kilobits per second for `AS`).
public struct SDPBandwidth: Hashable, Sendable, Encodable {
    public var type: String
    /// `nil` when the value is not a decimal number.
    public var value: Int?
    public var raw: String

    public init(type: String, value: Int?, raw: String) {
        self.type = type
        self.value = value
        self.raw = raw
    }
}
