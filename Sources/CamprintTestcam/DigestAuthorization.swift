import Foundation

/// Checks an `Authorization` header against credentials: Digest per RFC 2069 / RFC 2617 §3.2.2
/// (MD5, with or without `qop=auth`) and Basic per RFC 7617.
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
        if trimmed.lowercased().hasPrefix("digest ") {
            guard digest else { return .rejected }
            let params = parameters(String(trimmed.dropFirst(7)))
            guard let user = params["username"], let nonce = params["nonce"], let uri = params["uri"],
                let response = params["response"]
            else { return .rejected }
            guard user == credentials.user else { return .rejected }
            let ha1 = MD5.hex("\(user):\(params["realm"] ?? realm):\(credentials.password)")
            let ha2 = MD5.hex("\(method):\(uri)")
            let expected: String
            if let qop = params["qop"], let nc = params["nc"], let cnonce = params["cnonce"] {
                expected = MD5.hex("\(ha1):\(nonce):\(nc):\(cnonce):\(qop):\(ha2)")
            } else {
                expected = MD5.hex("\(ha1):\(nonce):\(ha2)")
            }
            return expected == response.lowercased() ? .accepted : .rejected
        }
        return .rejected
    }

    /// The `nonce` of a Digest `Authorization` header, `nil` for Basic or none.
    static func digestNonce(in header: String?) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("digest ") else { return nil }
        return parameters(String(trimmed.dropFirst(7)))["nonce"]
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
        if trimmed.lowercased().hasPrefix("digest ") { return parameters(String(trimmed.dropFirst(7)))["username"] }
        if trimmed.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(trimmed.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8)
        {
            return String(text.prefix { $0 != ":" })
        }
        return nil
    }

    /// `key="value", key=value` pairs of a Digest header.
    static func parameters(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            while index < text.endIndex, text[index] == " " || text[index] == "," { index = text.index(after: index) }
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let key = text[index..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            index = text.index(after: equals)
            var value = ""
            if index < text.endIndex, text[index] == "\"" {
                index = text.index(after: index)
                while index < text.endIndex, text[index] != "\"" {
                    value.append(text[index])
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
            } else {
                while index < text.endIndex, text[index] != "," {
                    value.append(text[index])
                    index = text.index(after: index)
                }
                value = value.trimmingCharacters(in: .whitespaces)
            }
            out[key] = value
        }
        return out
    }

    /// The Digest `response` a client computes (RFC 2069), for tests and clients.
    public static func digestResponse(
        user: String,
        password: String,
        realm: String,
        nonce: String,
        method: String,
        uri: String
    ) -> String {
        let ha1 = MD5.hex("\(user):\(realm):\(password)")
        let ha2 = MD5.hex("\(method):\(uri)")
        return MD5.hex("\(ha1):\(nonce):\(ha2)")
    }
}
