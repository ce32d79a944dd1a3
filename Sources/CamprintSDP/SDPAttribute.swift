/// RFC 8866 §5.13 Attributes: `a=<attribute-name>[:<attribute-value>]`, as written.
public struct SDPAttribute: Hashable, Sendable, Encodable {
    /// Byte offset of the `a=` line.
    public var offset: Int
    public var name: String
    /// The text after the first `:`, untrimmed; `nil` for a property attribute (`a=recvonly`).
    public var value: String?

    public init(offset: Int, name: String, value: String?) {
        self.offset = offset
        self.name = name
        self.value = value
    }
}
