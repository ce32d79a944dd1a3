public import CamprintDigest
public import CamprintRTSP
import CamprintWire

/// Which scheme the client answers a 401 with, chosen from the server's challenges.
///
/// Digest is preferred (SHA-256 over MD5); Basic is chosen only when the server offered it and no
/// usable Digest challenge was there. Whether Basic may then be sent is the caller's decision
/// (``ControlPlaneOptions/allowBasic``): it is the password in clear (base64).
public enum AuthenticationChoice: Hashable, Sendable {
    case digest(AuthenticateChallenge, DigestAlgorithm)
    case basic(AuthenticateChallenge)

    /// The best challenge we can answer, or `nil` when none is Digest/Basic with what we need.
    public static func choose(from challenges: [AuthenticateChallenge]) -> AuthenticationChoice? {
        let digests = challenges.compactMap { challenge -> (AuthenticateChallenge, DigestAlgorithm)? in
            guard challenge.scheme.lowercased() == "digest", challenge.nonce != nil, challenge.realm != nil,
                let algorithm = DigestAlgorithm(challengeValue: challenge.algorithm)
            else { return nil }
            if !challenge.qop.isEmpty, !challenge.qop.contains(where: { $0.lowercased() == "auth" }) { return nil }
            return (challenge, algorithm)
        }
        let preference: [DigestAlgorithm] = [.sha256, .sha256Session, .md5, .md5Session]
        for algorithm in preference {
            if let match = digests.first(where: { $0.1 == algorithm }) { return .digest(match.0, match.1) }
        }
        if let basic = challenges.first(where: { $0.scheme.lowercased() == "basic" }) { return .basic(basic) }
        return nil
    }

    /// `Digest` or `Basic`.
    public var schemeName: String {
        switch self {
        case .digest: "Digest"
        case .basic: "Basic"
        }
    }

    /// The `Authorization` header value for one request.
    public func headerValue(
        credentials: ProbeCredentials,
        method: String,
        uri: String,
        clientNonce: String,
        nonceCount: Int = 1
    ) -> String {
        switch self {
        case .digest(let challenge, let algorithm):
            let qop = challenge.qop.isEmpty ? nil : "auth"
            return DigestAuthorization(
                algorithm: algorithm,
                algorithmWasNamed: challenge.algorithm != nil,
                username: credentials.username,
                password: credentials.password,
                realm: challenge.realm ?? "",
                nonce: challenge.nonce ?? "",
                method: method,
                uri: uri,
                qop: qop,
                nonceCount: nonceCount,
                clientNonce: clientNonce,
                opaque: challenge.opaque
            ).headerValue
        case .basic:
            // RFC 7617 §2: base64 of `user ":" password`.
            return "Basic " + Base64.encode(Array("\(credentials.username):\(credentials.password)".utf8))
        }
    }
}
