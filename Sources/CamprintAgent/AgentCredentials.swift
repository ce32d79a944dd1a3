public import CamprintClients
import Foundation

/// Credentials files in the credentials directory (systemd `LoadCredential=`, or `credentials_dir`):
/// `username:password` on one line, `username=U` and `password=P` lines, or the user name and the
/// password on two lines. Errors name the file, never its contents.
public enum AgentCredentials {
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
        do {
            return try CredentialFile.read(path, what: what)
        } catch {
            throw AgentCredentialsError(message: error.message)
        }
    }

    /// Parses the layouts of ``CredentialFile/parse(_:)``.
    public static func parse(_ text: String, name: String) throws(AgentCredentialsError) -> ProbeCredentials {
        guard let credentials = CredentialFile.parse(text) else {
            throw AgentCredentialsError(message: "credentials \(name): expected \(CredentialFile.layouts)")
        }
        return credentials
    }
}

/// A credentials or token file could not be used.
public struct AgentCredentialsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
