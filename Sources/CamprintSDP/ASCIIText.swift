import CamprintWire

/// String-level helpers over ``CamprintWire/ASCII`` for the text fields of SDP.
enum ASCIIText {
    static func decimal(_ text: some StringProtocol, maxDigits: Int = 18) -> Int? {
        ASCII.parseDecimal(Array(text.utf8), maxDigits: maxDigits)
    }

    static func trimmed(_ text: some StringProtocol) -> String {
        ASCII.string(ASCII.trimmed(Array(text.utf8)[...]))
    }

    /// Space- or tab-separated tokens, runs of separators collapsed.
    static func tokens(_ text: some StringProtocol) -> [String] {
        Array(text.utf8).split(whereSeparator: ASCII.isSpace).map { ASCII.string($0) }
    }

    static func equalsIgnoringCase(_ lhs: some StringProtocol, _ rhs: String) -> Bool {
        ASCII.equalsIgnoringCase(Array(lhs.utf8), rhs)
    }

    /// Splits once at the first `separator` byte (an ASCII byte, so both halves stay valid text).
    static func split(_ text: String, at separator: UInt8) -> (String, String?) {
        let bytes = Array(text.utf8)
        guard let index = bytes.firstIndex(of: separator) else { return (text, nil) }
        return (ASCII.string(bytes[..<index]), ASCII.string(bytes[(index + 1)...]))
    }

    /// Text for bytes when they are valid UTF-8, else `nil`.
    static func validated(_ bytes: some Collection<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }
}
