/// A Digest `Authorization` as a server receives it (RFC 7616 §3.4), and its check: the server
/// side of ``DigestAuthorization``.
///
/// The response is recomputed with the algorithm the header names (RFC 7616 §3.4: absent means
/// MD5), with `qop`/`nc`/`cnonce` when all three are there (RFC 2617 §3.2.2) and without them
/// otherwise (RFC 2069). Which nonces are current, and which user is expected, is the caller's.
public struct ReceivedDigest: Hashable, Sendable {
    /// Every parameter, names lowercased.
    public let parameters: [String: String]

    /// `nil` unless `header` is a Digest `Authorization` value.
    public init?(header: String?) {
        guard let header else { return nil }
        let trimmed = header.drop { $0 == " " || $0 == "\t" }
        guard trimmed.lowercased().hasPrefix("digest ") else { return nil }
        parameters = DigestParameters.parse(String(trimmed))
    }

    public var username: String? { parameters["username"] }
    public var realm: String? { parameters["realm"] }
    public var nonce: String? { parameters["nonce"] }
    public var uri: String? { parameters["uri"] }
    public var qop: String? { parameters["qop"] }
    public var nonceCount: String? { parameters["nc"] }
    public var clientNonce: String? { parameters["cnonce"] }
    public var opaque: String? { parameters["opaque"] }

    /// Whether `response` is what `password` gives for `method` and the header's own `uri`.
    /// `realm` stands in when the header names none; an algorithm outside `algorithms` fails.
    public func isValid(
        password: String,
        method: String,
        realm defaultRealm: String = "",
        algorithms: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases)
    ) -> Bool {
        guard let username, let nonce, let uri, let response = parameters["response"],
            let algorithm = DigestAlgorithm(challengeValue: parameters["algorithm"]), algorithms.contains(algorithm)
        else { return false }
        let qopFields = qop.flatMap { qop in nonceCount.flatMap { nc in clientNonce.map { (qop, nc, $0) } } }
        let expected = DigestAuthorization.response(
            algorithm: algorithm,
            username: username,
            password: password,
            realm: realm ?? defaultRealm,
            nonce: nonce,
            method: method,
            uri: uri,
            qop: qopFields?.0,
            nonceCount: qopFields?.1 ?? "",
            clientNonce: qopFields?.2 ?? clientNonce ?? ""
        )
        return expected == response.lowercased()
    }
}
