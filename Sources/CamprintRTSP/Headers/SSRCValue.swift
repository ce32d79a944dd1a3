import CamprintWire

/// An `ssrc=` value of `Transport` (RFC 2326 §12.39: 8 hex digits) or `RTP-Info` (RFC 7826
/// §18.45), with the ways cameras deviate from the 8-hex-digit form kept as facts.
public struct SSRCValue: Hashable, Sendable, Encodable {
    /// The value as sent after `=`, untrimmed.
    public var text: String
    /// The 32-bit SSRC, or `nil` when the text is neither hex nor a 32-bit decimal.
    public var value: UInt32?
    /// Spaces before the digits (Hikvision `ssrc= d6d6627`).
    public var leadingSpaceCount: Int
    /// `0x` before the digits (Rubetek `ssrc=0x6f7c`).
    public var hasHexPrefix: Bool
    /// Digits after any prefix.
    public var digitCount: Int
    /// Read as decimal: more than 8 decimal digits that fit 32 bits (Dahua `ssrc=4294962989`).
    public var isDecimal: Bool

    /// Parses `text`; a decimal value is recorded under `decimalCode`.
    init(parsing text: String, quirks: inout QuirkCollector, decimalCode: String) {
        self.text = text
        var digits = HeaderSyntax.bytes(text)
        leadingSpaceCount = digits.prefix(while: ASCII.isSpace).count
        digits = ASCII.trimmed(digits)
        if leadingSpaceCount > 0 { quirks.add(RTSPQuirkCodes.ssrcLeadingSpace, Excerpt.make(text)) }
        hasHexPrefix =
            digits.count > 2 && digits.first == UInt8(ascii: "0")
            && (digits.dropFirst().first ?? 0) | 0x20 == UInt8(ascii: "x")
        if hasHexPrefix {
            digits = digits.dropFirst(2)
            quirks.add(RTSPQuirkCodes.ssrcHexPrefix, Excerpt.make(text))
        }
        digitCount = digits.count
        isDecimal = false
        value = nil
        if digits.count > 8, !hasHexPrefix, let decimal = ASCII.parseDecimal(digits, maxDigits: 10),
            decimal <= Int(UInt32.max)
        {
            isDecimal = true
            value = UInt32(decimal)
            quirks.add(decimalCode, Excerpt.make(text))
        } else if !digits.isEmpty, digits.count <= 8,
            let bytes = Hex.decode(Array(repeating: UInt8(ascii: "0"), count: digits.count % 2) + digits)
        {
            value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
            if digits.count < 8 { quirks.add(RTSPQuirkCodes.ssrcShort, Excerpt.make(text)) }
        } else {
            quirks.add(RTSPQuirkCodes.ssrcInvalid, Excerpt.make(text))
        }
    }
}
