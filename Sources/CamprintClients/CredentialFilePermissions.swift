import Foundation

/// Files that hold a password or a token must be private to their owner, as ssh requires of a
/// private key: a file that its group or other users may read (or write) is refused with the fix.
public enum CredentialFilePermissions {
    /// `nil` when `path` grants nothing to group and others (mode & 0o077 == 0), else the message
    /// that names the file, its mode and the fix. A file that cannot be examined is left to the
    /// reader's own error.
    public static func problem(path: String, what: String = "credentials file") -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return nil }
        guard mode & 0o077 != 0 else { return nil }
        let octal = String(mode & 0o777, radix: 8)
        return "the \(what) \(path) is accessible by group or other users (mode 0\(octal)); "
            + "run `chmod 600 \(path)` (camprint refuses credentials that others can read, as ssh does)"
    }
}
