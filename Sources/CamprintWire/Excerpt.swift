/// Short, printable quotes of input for errors and quirks.
public enum Excerpt {
    /// The most characters an excerpt carries.
    public static let maximumLength = 48

    /// A printable quote of `bytes`: ASCII kept, anything else as `\xNN`, at most
    /// ``maximumLength`` characters, with `…` when cut.
    public static func make(_ bytes: some Sequence<UInt8>) -> String {
        var output = ""
        for byte in bytes {
            if output.count >= maximumLength {
                output += "…"
                break
            }
            switch byte {
            case 0x20...0x7E: output.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x09: output += "\\t"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            default: output += "\\x" + Hex.encode([byte])
            }
        }
        return output
    }

    public static func make(_ text: String) -> String {
        guard text.utf8.count > maximumLength else { return text }
        return String(text.prefix(maximumLength)) + "…"
    }
}
