/// Removes credentials from URLs before they are printed, logged or reported.
///
/// `rtsp://admin:secret@10.0.0.5:554/Streaming/Channels/101` becomes
/// `rtsp://10.0.0.5:554/Streaming/Channels/101`. Works on any `scheme://authority/…` text and
/// also on URLs embedded in longer text (log lines), without Foundation.
public enum URLRedaction {
    /// `url` without its user-info part.
    public static func redact(_ url: String) -> String {
        redactAll(in: url)
    }

    /// Every `scheme://user[:password]@` in `text` with the user-info removed. Scans UTF-8 bytes
    /// (every delimiter is ASCII, so cuts fall on character boundaries); text without `://` is
    /// returned as is. It runs over every request, response, SDP and log line of every probe.
    public static func redactAll(in text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while let marker = schemeSeparator(in: bytes, from: index) {
            let authorityStart = marker + 3
            var authorityEnd = authorityStart
            while authorityEnd < bytes.count, !isAuthorityEnd(bytes[authorityEnd]) { authorityEnd += 1 }
            index = authorityStart
            if let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
                output += bytes[copied..<authorityStart]
                copied = at + 1
                index = at + 1
            }
        }
        guard copied > 0 else { return text }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The index of the next `://` at or after `start`.
    private static func schemeSeparator(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "/")
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func isAuthorityEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "?"),
            UInt8(ascii: "#"):
            true
        default: false
        }
    }

    /// True when `url` has a user-info part (`user@` or `user:password@`).
    public static func containsUserInfo(_ url: String) -> Bool {
        redact(url) != url
    }
}
