import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Token and password files, read and written like ssh treats its keys: a file that group or others
/// may read is refused with a clear error (its secret may already be known); new files are created
/// 0600 and never over an existing file or through a symbolic link.
public enum SecretFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file's text, after checking that it is a regular file only its owner can access.
    public static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            throw Failure(description: "\(path): cannot open (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        // The path was opened without following a final symbolic link; its own attributes (lstat) decide.
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw Failure(description: "\(path): cannot stat")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw Failure(description: "\(path): not a regular file")
        }
        let mode = (attributes[.posixPermissions] as? Int ?? 0o777) & 0o777
        guard mode & 0o077 == 0 else {
            throw Failure(
                description:
                    "\(path): group or others can access it (mode \(String(mode, radix: 8))); run chmod 600 \(path)"
            )
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "\(path): cannot read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= 1 << 20 else { throw Failure(description: "\(path): larger than 1 MiB") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The non-empty lines that are not `#` comments, trimmed.
    public static func lines(_ path: String) throws -> [String] {
        try read(path).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Creates `path` with mode 0600 and writes `text`; fails when it exists.
    public static func create(_ path: String, text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw Failure(description: "\(path): cannot create (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        // The umask can only remove bits; make the mode exact anyway.
        _ = fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw Failure(description: "\(path): cannot write (\(String(cString: strerror(errno))))")
            }
            offset += count
        }
        guard fsync(fd) == 0 else {
            throw Failure(description: "\(path): cannot sync (\(String(cString: strerror(errno))))")
        }
    }
}
