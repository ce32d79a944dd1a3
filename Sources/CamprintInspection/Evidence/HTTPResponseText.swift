/// An HTTP response found in conversation text (`curl -v`, Wireshark "Follow TCP Stream"):
/// status, headers in order, and the start of the body (for login-page markers).
public struct HTTPResponseText: Hashable, Sendable, Encodable {
    public struct Header: Hashable, Sendable, Encodable {
        public var name: String
        public var value: String
    }

    public var statusCode: Int
    public var headers: [Header]
    /// The body up to ``HTTPResponseTextReader/maximumBodyBytes``, credentials redacted.
    public var body: String

    public init(statusCode: Int, headers: [Header], body: String) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    public func values(_ name: String) -> [String] {
        let folded = name.lowercased()
        return headers.filter { $0.name.lowercased() == folded }.map(\.value)
    }
}
