public import Foundation

/// Writes files that hold a password or a token the way camprint requires them: readable by
/// their owner only (mode 0600; camprint refuses group- or other-readable credentials).
public enum PrivateFile {
    public static func write(_ data: Data, to url: URL) throws {
        try data.write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
}
