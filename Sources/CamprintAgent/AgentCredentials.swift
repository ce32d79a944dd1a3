public import CamprintClients
import Foundation

/// Credentials files in the credentials directory (systemd `LoadCredential=`, or `credentials_dir`):
/// `username:password` on one line, `username=U` and `password=P` lines, or the user name and the
/// password on two lines. Errors name the file, never its contents.
public enum AgentCredentials {
    /// Largest credentials or token file read.
    public static let maxFileBytes = 64 << 10

    /// A plain file name: letters, digits, `.`, `_`, `-`; not `.` or `..`.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 255, name != ".", name != ".." else { return false }
        return name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "._-".unicodeScalars.contains($0)
        }
    }

    /// Reads `name` from `directory`.
    public static func load(name: String, directory: String) throws(AgentCredentialsError) -> ProbeCredentials {
        let text = try read(name: name, directory: directory)
        return try parse(text, name: name)
    }

    /// The bearer token in `path` (first non-empty line, trimmed).
    public static func token(path: String) throws(AgentCredentialsError) -> String {
        let text = try readFile(path, what: "token file")
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let line else { throw AgentCredentialsError(message: "the token file \(path) is empty") }
        return line
    }

    static func read(name: String, directory: String) throws(AgentCredentialsError) -> String {
        guard isValidName(name) else {
            throw AgentCredentialsError(message: "credentials name \(name) is not a plain file name")
        }
        return try readFile((directory as NSString).appendingPathComponent(name))
    }

    static func readFile(_ path: String, what: String = "credentials file") throws(AgentCredentialsError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentCredentialsError(message: "cannot read \(path)")
        }
        if let problem = CredentialFilePermissions.problem(path: path, what: what) {
            throw AgentCredentialsError(message: problem)
        }
        guard data.count <= maxFileBytes, let text = String(data: data, encoding: .utf8) else {
            throw AgentCredentialsError(message: "\(path) is not a small UTF-8 text file")
        }
        return text
    }

    /// Parses the three accepted layouts.
    public static func parse(_ text: String, name: String) throws(AgentCredentialsError) -> ProbeCredentials {
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
        guard let username, !username.isEmpty, let password else {
            throw AgentCredentialsError(
                message: "credentials \(name): expected `username:password`, `username=U` and `password=P` lines, "
                    + "or the user name and the password on two lines"
            )
        }
        return ProbeCredentials(username: username, password: password)
    }
}

/// A credentials or token file could not be used.
public struct AgentCredentialsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
