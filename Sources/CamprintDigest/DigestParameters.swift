/// The `name=value` list of a Digest challenge (`WWW-Authenticate`, RFC 7616 §3.3) or of a Digest
/// `Authorization` (RFC 7616 §3.4), after the scheme.
///
/// RFC 7230 §3.2.6 quoted-string: a `\` escapes the next character, which is kept; an unquoted
/// value runs to the next `,`, surrounding white space (folded lines too) dropped. Names are lowercased (RFC 7616 §3.3:
/// case-insensitive); when a name repeats, the last value wins.
public enum DigestParameters {
    /// The parameters of `text`, which may start with the scheme (`Digest `, any case).
    public static func parse(_ text: String) -> [String: String] {
        var bytes = Array(text.utf8)[...]
        if bytes.count >= 7, String(decoding: bytes.prefix(7), as: UTF8.self).lowercased() == "digest " {
            bytes = bytes.dropFirst(7)
        }
        var out: [String: String] = [:]
        var index = bytes.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while index < bytes.endIndex {
            while index < bytes.endIndex, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ",") { index += 1 }
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { break }
            let name = String(decoding: trimmed(bytes[index..<equals]), as: UTF8.self).lowercased()
            index = equals + 1
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
            var value: [UInt8] = []
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                if index < bytes.endIndex { index += 1 }
            } else {
                let start = index
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") { index += 1 }
                value = Array(trimmed(bytes[start..<index]))
            }
            out[name] = String(decoding: value, as: UTF8.self)
        }
        return out
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, [0x20, 0x09, 0x0D, 0x0A].contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, [0x20, 0x09, 0x0D, 0x0A].contains(last) { slice = slice.dropLast() }
        return slice
    }
}
