import Foundation

/// Removes credentials of the probed URL from every text the probe produces: the userinfo
/// of any `scheme://user:pass@` and, literally, the password (raw and percent-decoded) and the
/// Basic token `base64(user:pass)`.
struct CredentialRedactor: Sendable {
    static let mask = "***"
    /// Literal secrets shorter than this are not searched for (they would garble ordinary text);
    /// the userinfo rule still removes them from URLs.
    static let minimumLiteralLength = 4

    private var secrets: [String] = []

    init(input: String) {
        guard let userinfo = Self.userinfo(in: input) else { return }
        var candidates = [userinfo]
        if let colon = userinfo.firstIndex(of: ":") {
            let password = String(userinfo[userinfo.index(after: colon)...])
            candidates.append(password)
            if let decoded = password.removingPercentEncoding { candidates.append(decoded) }
            let decodedUserinfo = userinfo.removingPercentEncoding ?? userinfo
            candidates.append(decodedUserinfo)
            candidates.append(Data(decodedUserinfo.utf8).base64EncodedString())
        }
        secrets = Array(Set(candidates.filter { $0.count >= Self.minimumLiteralLength }))
            .sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        var output = Self.redactUserinfo(text)
        for secret in secrets where output.contains(secret) {
            output = output.replacingOccurrences(of: secret, with: Self.mask)
        }
        return output
    }

    /// The `user[:pass]` of `scheme://user[:pass]@host…`, when present.
    static func userinfo(in url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return nil }
        return String(authority[..<at])
    }

    /// Replaces the userinfo of every `://…@` authority in `text` with ``mask``.
    static func redactUserinfo(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var output = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            output += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd =
                rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == " " || $0 == "\n" || $0 == "'" })
                ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                output += mask
                rest = rest[at...]
            }
        }
        output += rest
        return output
    }
}
