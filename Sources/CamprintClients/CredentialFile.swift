import Foundation

/// Files that hold a user name and password, a password alone or a token: read once, the same
/// way for `camprint probe --credentials/--password-file`, the agent's credentials directory and
/// its collector token. Errors name the file and what is wrong with it, never its contents.
public enum CredentialFile {
    /// Largest file read: a credentials file is a few lines.
    public static let maximumBytes = 64 << 10

    /// The layouts ``parse(_:)`` accepts, for error messages and help.
    public static let layouts =
        "`username:password` on one line, `username=U` and `password=P` lines, or the user name and the password on two lines"

    /// The text of `path`, when it exists, is private to its owner (``permissionProblem(path:what:)``),
    /// is at most ``maximumBytes`` and is UTF-8.
    public static func read(_ path: String, what: String = "credentials file") throws(CredentialFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialFileError(message: "cannot read the \(what) \(path)")
        }
        if let problem = permissionProblem(path: path, what: what) {
            throw CredentialFileError(message: problem)
        }
        guard data.count <= maximumBytes, let text = String(data: data, encoding: .utf8) else {
            throw CredentialFileError(message: "the \(what) \(path) is not a small UTF-8 text file")
        }
        return text
    }

    /// The credentials in `text` (see ``layouts``; `#` lines are comments), `nil` when it holds
    /// none of the layouts. `username=`/`user=` keys are case-insensitive; the password is kept
    /// as written after `=` or `:`, only the user name is trimmed.
    public static func parse(_ text: String) -> ProbeCredentials? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let meaningful = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        var username: String?
        var password: String?
        for line in meaningful {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line[line.index(after: equals)...])
            if key == "username" || key == "user" { username = value.trimmingCharacters(in: .whitespaces) }
            if key == "password" { password = value }
        }
        if username == nil, password == nil {
            if meaningful.count == 1, let colon = meaningful[0].firstIndex(of: ":") {
                username = String(meaningful[0][..<colon]).trimmingCharacters(in: .whitespaces)
                password = String(meaningful[0][meaningful[0].index(after: colon)...])
            } else if meaningful.count == 2 {
                username = meaningful[0].trimmingCharacters(in: .whitespaces)
                password = meaningful[1]
            }
        }
        guard let username, !username.isEmpty, let password else { return nil }
        return ProbeCredentials(username: username, password: password)
    }

    /// A password file's text without its one trailing newline.
    public static func password(_ text: String) -> String {
        if text.hasSuffix("\r\n") { return String(text.dropLast(2)) }
        if text.hasSuffix("\n") { return String(text.dropLast()) }
        return text
    }

    /// Files that hold a password or a token must be private to their owner, as ssh requires of a
    /// private key. `nil` when `path` grants nothing to group and others (mode & 0o077 == 0), else
    /// the message that names the file, its mode and the fix. A file that cannot be examined is
    /// left to the reader's own error.
    public static func permissionProblem(path: String, what: String = "credentials file") -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return nil }
        guard mode & 0o077 != 0 else { return nil }
        let octal = String(mode & 0o777, radix: 8)
        return "the \(what) \(path) is accessible by group or other users (mode 0\(octal)); "
            + "run `chmod 600 \(path)` (camprint refuses credentials that others can read, as ssh does)"
    }
}

/// A credentials, password or token file could not be used.
public struct CredentialFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
