/// One complete HTTP response: status, headers, the (de-chunked) body, and exactly the bytes
/// that came off the wire (status line, headers and body) as evidence.
public struct HTTPFetchedResponse: Hashable, Sendable {
    public var statusCode: Int
    public var reason: String
    public var headers: [HTTPHeaderField]
    public var body: [UInt8]
    public var raw: [UInt8]

    public init(statusCode: Int, reason: String, headers: [HTTPHeaderField], body: [UInt8], raw: [UInt8]) {
        self.statusCode = statusCode
        self.reason = reason
        self.headers = headers
        self.body = body
        self.raw = raw
    }

    /// The first value of a header field, by case-insensitive name.
    public func value(_ name: String) -> String? {
        values(name).first
    }

    /// Every value of a header field, by case-insensitive name.
    public func values(_ name: String) -> [String] {
        let folded = name.lowercased()
        return headers.filter { $0.name.lowercased() == folded }.map(\.value)
    }

    /// The body as text (UTF-8, lossy).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
