/// One HTTP/1.1 request as the device-information channels send it (`Connection: close`, one
/// request per connection).
public struct HTTPRequestMessage: Hashable, Sendable {
    public var method: String
    /// The request target (origin form: path and query).
    public var target: String
    /// Extra header fields, in order (`Host`, `Connection` and `Content-Length` are added).
    public var headers: [HTTPHeaderField]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [HTTPHeaderField] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// RFC 9112 §3 request line, header fields, empty line, body.
    public func serialize(host: String) -> [UInt8] {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.count)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8) + body
    }

    /// The request with an `Authorization` value replaced by its scheme and `(redacted)`.
    public var redacted: HTTPRequestMessage {
        var copy = self
        copy.headers = headers.map { header in
            guard header.name.lowercased() == "authorization" else { return header }
            let scheme = header.value.split(separator: " ").first.map(String.init) ?? ""
            return HTTPHeaderField(name: header.name, value: "\(scheme) (redacted)")
        }
        return copy
    }
}

/// One header field: name as written, value trimmed.
public struct HTTPHeaderField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
