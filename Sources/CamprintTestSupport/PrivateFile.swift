public import Foundation

/// Writes files that hold a password or a token the way camprint requires them: readable by
/// their owner only (mode 0600; camprint refuses group- or other-readable credentials).
public enum PrivateFile {
    /// `data` at `url`, then `mode` (0600 unless a test needs a file camprint must refuse).
    public static func write(_ data: Data, to url: URL, mode: Int = 0o600) throws {
        try data.write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    /// `text` as UTF-8 at `url`, then `mode`.
    public static func write(_ text: String, to url: URL, mode: Int = 0o600) throws {
        try write(Data(text.utf8), to: url, mode: mode)
    }

    /// One secret and a newline (a password file, a collector token) at `url`; returns `url`.
    @discardableResult
    public static func secret(_ secret: String, at url: URL) throws -> URL {
        try write(secret + "\n", to: url)
        return url
    }

    /// A credentials file of `username=` and `password=` lines (`--credentials FILE`); returns `url`.
    @discardableResult
    public static func credentials(username: String = "admin", password: String, at url: URL) throws -> URL {
        try write("username=\(username)\npassword=\(password)\n", to: url)
        return url
    }

    /// The agent's `credentials_dir` entry: `user:password` and a newline; returns `url`.
    @discardableResult
    public static func agentCredential(user: String = "admin", password: String, at url: URL) throws -> URL {
        try write("\(user):\(password)\n", to: url)
        return url
    }
}
