/// Text that is safe to print on a terminal, whatever a camera or a file put in it.
///
/// A camera controls many strings camprint prints (realms, status lines, `Location`, model and
/// serial numbers, evidence values). Written raw, an ESC, CSI (C1 0x9B) or OSC sequence moves the
/// cursor, clears the screen, sets the clipboard (OSC 52) or paints a different verdict over the
/// real one (ECMA-48 §5 and §8.3.89). Every such character is shown as `\xNN` instead: C0
/// controls (0x00–0x1F, CR and tab included), DEL (0x7F) and C1 controls (U+0080–U+009F). The
/// Unicode bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder
/// what a reader sees (Unicode TR #9 §2), are shown as `\u{NNNN}`. Every other character,
/// printable Unicode included, is kept.
public enum TerminalText {
    /// `text` on one line: every control character (line feed included) escaped.
    public static func sanitized(_ text: String) -> String {
        escape(text, keepingLineFeeds: false)
    }

    /// `text` with its line feeds kept and every other control character escaped: for blocks
    /// whose line structure is camprint's own (usage messages, rendered tables).
    public static func sanitizedLines(_ text: String) -> String {
        escape(text, keepingLineFeeds: true)
    }

    /// True when `text` prints nothing that a terminal would interpret (``sanitized(_:)`` would
    /// leave it unchanged).
    public static func isInert(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { !needsEscape($0) }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func escape(_ text: String, keepingLineFeeds: Bool) -> String {
        // The common case (nothing to escape) returns the string as it is.
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n", keepingLineFeeds {
                output.append(scalar)
            } else if needsEscape(scalar) {
                let value = scalar.value
                let digits = String(value, radix: 16, uppercase: false)
                let text =
                    value <= 0xFF
                    ? "\\x" + (digits.count < 2 ? "0" : "") + digits
                    : "\\u{" + digits + "}"
                output.append(contentsOf: text.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }
}
