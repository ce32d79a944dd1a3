/// A canonical vendor or brand name from `vendors.yaml`.
public struct Vendor: Hashable, Sendable, Codable {
    /// The one spelling rules must use.
    public var name: String
    /// Who makes devices sold under this name, when it is a brand of or OEM for another vendor.
    public var madeBy: String?
    public var origin: RuleOrigin

    public init(name: String, madeBy: String? = nil, origin: RuleOrigin) {
        self.name = name
        self.madeBy = madeBy
        self.origin = origin
    }
}
