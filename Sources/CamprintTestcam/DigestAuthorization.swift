import CamprintDigest
import Foundation

/// Checks an `Authorization` header against credentials: Digest per RFC 2069 / RFC 2617 §3.2.2
/// (MD5, with or without `qop=auth`; computed by ``ReceivedDigest`` of CamprintDigest) and Basic
/// per RFC 7617.
public enum AuthorizationCheck {
    enum Outcome: Equatable {
        case missing
        case accepted
        case rejected
    }

    static func check(
        header: String?,
        method: String,
        credentials: Credentials,
        realm: String,
        digest: Bool,
        basic: Bool
    ) -> Outcome {
        guard let header, !header.isEmpty else { return .missing }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("basic ") {
            guard basic else { return .rejected }
            let encoded = String(trimmed.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                return .rejected
            }
            return text == credentials.user + ":" + credentials.password ? .accepted : .rejected
        }
        if let received = ReceivedDigest(header: trimmed) {
            guard digest else { return .rejected }
            guard received.username == credentials.user else { return .rejected }
            return received.isValid(password: credentials.password, method: method, realm: realm, algorithms: [.md5])
                ? .accepted : .rejected
        }
        return .rejected
    }

    /// The `nonce` of a Digest `Authorization` header, `nil` for Basic or none.
    static func digestNonce(in header: String?) -> String? {
        ReceivedDigest(header: header?.trimmingCharacters(in: .whitespaces))?.nonce
    }

    /// A challenge line with `stale` set to TRUE (RFC 2617 §3.2.1): an existing `stale=FALSE`
    /// (quoted or not, as the persona spells it) is flipped, else `, stale=TRUE` is appended to a
    /// Digest challenge. Other lines are returned unchanged.
    static func markingStale(_ line: String) -> String {
        let lower = line.lowercased()
        guard lower.hasPrefix("www-authenticate:"), lower.contains("digest ") else { return line }
        for (from, to) in [
            ("stale=\"FALSE\"", "stale=\"TRUE\""), ("stale=FALSE", "stale=TRUE"), ("stale=false", "stale=true"),
        ]
        where line.contains(from) {
            return line.replacingOccurrences(of: from, with: to)
        }
        return line + ", stale=TRUE"
    }

    /// The user name an `Authorization` header (Digest or Basic) names, for logs.
    static func user(in header: String?) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let received = ReceivedDigest(header: trimmed) { return received.username }
        if trimmed.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(trimmed.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8)
        {
            return String(text.prefix { $0 != ":" })
        }
        return nil
    }
}
