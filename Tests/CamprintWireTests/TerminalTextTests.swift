import CamprintWire
import Testing

@Suite struct TerminalTextTests {
    /// Every byte of the UTF-8 form is printable or a line feed.
    static func inertBytes(_ text: String, allowingLineFeeds: Bool) -> Bool {
        text.utf8.allSatisfy { byte in byte >= 0x20 && byte != 0x7F || (allowingLineFeeds && byte == 0x0A) }
            && !text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }
    }

    @Test func escapesCSIAndOSCSequences() {
        let hostile =
            "IP Camera\u{1B}[2J\u{1B}[H"  // clear screen, cursor home
            + "\u{1B}]8;;http://evil/\u{1B}\\link\u{1B}]8;;\u{07}"  // OSC 8 hyperlink
            + "\u{1B}]52;c;cGFzc3dvcmQ=\u{07}"  // OSC 52 clipboard
            + "\u{9B}31m"  // C1 CSI
            + "bell\u{07}cr\rdel\u{7F}"
        let safe = TerminalText.sanitized(hostile)
        #expect(Self.inertBytes(safe, allowingLineFeeds: false))
        #expect(safe.hasPrefix("IP Camera\\x1b[2J\\x1b[H\\x1b]8;;http://evil/\\x1b\\link"))
        #expect(safe.contains("\\x9b31m"))
        #expect(safe.contains("bell\\x07cr\\x0ddel\\x7f"))
        #expect(TerminalText.isInert(safe))
        #expect(!TerminalText.isInert(hostile))
    }

    @Test func keepsPrintableUnicodeAndOnlyOwnLineFeeds() {
        #expect(TerminalText.sanitized("Caméra 海康威视 – ok") == "Caméra 海康威视 – ok")
        #expect(TerminalText.sanitized("a\nverdict: hikvision") == "a\\x0averdict: hikvision")
        #expect(TerminalText.sanitizedLines("one\r\ntwo\n\tthree") == "one\\x0d\ntwo\n\\x09three")
        // Bidirectional overrides reorder what a reader sees.
        #expect(TerminalText.sanitized("abc\u{202E}fed") == "abc\\u{202e}fed")
        #expect(TerminalText.sanitized("\u{00}") == "\\x00")
    }
}
