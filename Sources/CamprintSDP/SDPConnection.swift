/// RFC 8866 §5.7 Connection Information: `c=<nettype> <addrtype> <connection-address>`.
public struct SDPConnection: Hashable, Sendable, Encodable {
    public var netType: String?
    public var addrType: String?
    public var address: String?
    /// The value after `c=`, untrimmed.
    public var raw: String

    public init(netType: String? = nil, addrType: String? = nil, address: String? = nil, raw: String) {
        self.netType = netType
        self.addrType = addrType
        self.address = address
        self.raw = raw
    }
}
