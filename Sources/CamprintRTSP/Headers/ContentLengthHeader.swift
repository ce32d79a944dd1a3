public import CamprintWire

/// `Content-Length`, RFC 2326 §12.14: the body length in bytes.
public struct ContentLengthHeader: Hashable, Sendable, Encodable {
    /// The length, or `nil` when the value is not a decimal number of at most 18 digits.
    public var length: Int?
    public var quirks: [Quirk]

    public init(parsing rawValue: String) {
        let raw = HeaderSyntax.bytes(rawValue)
        let trimmed = ASCII.trimmed(raw)
        length = ASCII.parseDecimal(trimmed, maxDigits: 18)
        var quirks = QuirkCollector()
        if trimmed.count != raw.count - 1 || raw.first != 0x20 {
            quirks.add(RTSPQuirkCodes.contentLengthPadded, Excerpt.make(raw))
        }
        self.quirks = quirks.quirks
    }
}
