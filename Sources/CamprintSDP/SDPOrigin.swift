/// RFC 8866 §5.2 Origin: `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
///
/// Fields a camera left out are `nil`; ``raw`` keeps the value as written.
public struct SDPOrigin: Hashable, Sendable, Encodable {
    public var username: String?
    /// `sess-id` as written (cameras send negative or over-long numbers; see quirks).
    public var sessionID: String?
    public var sessionVersion: String?
    public var netType: String?
    public var addrType: String?
    public var address: String?
    /// The value after `o=`, untrimmed.
    public var raw: String

    public init(
        username: String? = nil,
        sessionID: String? = nil,
        sessionVersion: String? = nil,
        netType: String? = nil,
        addrType: String? = nil,
        address: String? = nil,
        raw: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.netType = netType
        self.addrType = addrType
        self.address = address
        self.raw = raw
    }
}
