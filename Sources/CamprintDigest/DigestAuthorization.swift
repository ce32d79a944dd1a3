/// An RFC 7616 (and RFC 2617) Digest `Authorization` for one request.
///
/// RFC 7616 §3.4.1: `response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2))` with
/// qop, `KD(H(A1), nonce ":" H(A2))` without (RFC 2069 compatibility, what Hikvision expects: its
/// RTSP challenges carry no `qop`). §3.4.2: `A1 = user ":" realm ":" password`, and for `-sess`
/// `H(A1) ":" nonce ":" cnonce`. §3.4.3: `A2 = method ":" uri` (qop `auth`; `auth-int` is not used).
public struct DigestAuthorization: Hashable, Sendable {
    public var algorithm: DigestAlgorithm
    /// Whether the challenge named the algorithm (it is echoed only then).
    public var algorithmWasNamed: Bool
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var method: String
    /// `auth`, or `nil` when the challenge offered no qop (or only `auth-int`).
    public var qop: String?
    public var nonceCount: Int
    public var clientNonce: String
    public var opaque: String?
    /// The computed `response`.
    public let response: String

    public init(
        algorithm: DigestAlgorithm,
        algorithmWasNamed: Bool = true,
        username: String,
        password: String,
        realm: String,
        nonce: String,
        method: String,
        uri: String,
        qop: String?,
        nonceCount: Int = 1,
        clientNonce: String,
        opaque: String? = nil
    ) {
        self.algorithm = algorithm
        self.algorithmWasNamed = algorithmWasNamed
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.method = method
        self.qop = qop
        self.nonceCount = nonceCount
        self.clientNonce = clientNonce
        self.opaque = opaque
        self.response = Self.response(
            algorithm: algorithm,
            username: username,
            password: password,
            realm: realm,
            nonce: nonce,
            method: method,
            uri: uri,
            qop: qop,
            nonceCount: Self.format(nonceCount: nonceCount),
            clientNonce: clientNonce
        )
    }

    /// RFC 7616 §3.4.1 `response`.
    public static func response(
        algorithm: DigestAlgorithm,
        username: String,
        password: String,
        realm: String,
        nonce: String,
        method: String,
        uri: String,
        qop: String?,
        nonceCount: String,
        clientNonce: String
    ) -> String {
        var ha1 = algorithm.hash("\(username):\(realm):\(password)")
        if algorithm.isSession { ha1 = algorithm.hash("\(ha1):\(nonce):\(clientNonce)") }
        let ha2 = algorithm.hash("\(method):\(uri)")
        if let qop {
            return algorithm.hash("\(ha1):\(nonce):\(nonceCount):\(clientNonce):\(qop):\(ha2)")
        }
        return algorithm.hash("\(ha1):\(nonce):\(ha2)")
    }

    /// `nc`: eight lowercase hex digits (RFC 7616 §3.4).
    public static func format(nonceCount: Int) -> String {
        let hex = String(UInt32(truncatingIfNeeded: nonceCount), radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// The header value, RFC 7616 §3.4 field order.
    public var headerValue: String {
        var parts = [
            "username=\(Self.quoted(username))", "realm=\(Self.quoted(realm))", "nonce=\(Self.quoted(nonce))",
            "uri=\(Self.quoted(uri))", "response=\"\(response)\"",
        ]
        if algorithmWasNamed { parts.append("algorithm=\(algorithm.rawValue)") }
        if let qop {
            parts += ["qop=\(qop)", "nc=\(Self.format(nonceCount: nonceCount))", "cnonce=\(Self.quoted(clientNonce))"]
        } else if algorithm.isSession {
            parts.append("cnonce=\(Self.quoted(clientNonce))")
        }
        if let opaque { parts.append("opaque=\(Self.quoted(opaque))") }
        return "Digest " + parts.joined(separator: ", ")
    }

    /// RFC 7616 §3.4: quoted-string with `\` and `"` escaped.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for character in text {
            if character == "\"" || character == "\\" { output.append("\\") }
            output.append(character)
        }
        return output + "\""
    }
}
