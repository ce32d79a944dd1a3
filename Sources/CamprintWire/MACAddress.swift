/// MAC addresses in the one form reports use: six lowercase hex pairs joined by colons
/// (`58:50:ed:1f:e3:85`), from any of the forms devices write (`58-50-ED-1F-E3-85`,
/// `5850ed1fe385`, `58:50:ed:1f:e3:85`).
public enum MACAddress {
    /// `nil` unless `text` is at most 17 characters holding exactly 12 hex digits.
    public static func normalized(_ text: String) -> String? {
        guard text.utf8.count <= 17 else { return nil }
        let hex = text.filter(\.isHexDigit).lowercased()
        guard hex.count == 12 else { return nil }
        var parts: [Substring] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            parts.append(hex[index..<next])
            index = next
        }
        return parts.joined(separator: ":")
    }
}
