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

    /// Every `scheme://user[:password]@` in `text` with the user-info removed.
    public static func redactAll(in text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let marker = rest.range(of: "://") {
            output += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let authorityEnd =
                rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "\"" || $0 == "\n" || $0 == "?" || $0 == "#" })
                ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                rest = rest[rest.index(after: at)...]
            }
        }
        return output + rest
    }

    /// True when `url` has a user-info part (`user@` or `user:password@`).
    public static func containsUserInfo(_ url: String) -> Bool {
        redact(url) != url
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index..<self.index(index, offsetBy: needle.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
