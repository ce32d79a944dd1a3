public import CamprintWire

/// `CSeq`, RFC 2326 §12.17: the request sequence number echoed by the response.
public struct CSeqHeader: Hashable, Sendable, Encodable {
    /// The number, or `nil` when the value is not a decimal number.
    public var sequenceNumber: Int?
    /// Spaces and tabs after the number (Longse sends `CSeq: 1 `).
    public var trailingSpaceCount: Int
    public var quirks: [Quirk]

    public init(parsing rawValue: String) {
        let raw = HeaderSyntax.bytes(rawValue)
        let trimmed = ASCII.trimmed(raw)
        var quirks = QuirkCollector()
        sequenceNumber = ASCII.parseDecimal(trimmed, maxDigits: 18)
        if sequenceNumber == nil { quirks.add(RTSPQuirkCodes.cseqNotNumeric, Excerpt.make(trimmed)) }
        trailingSpaceCount = raw.reversed().prefix(while: ASCII.isSpace).count
        if trailingSpaceCount > 0, !trimmed.isEmpty {
            quirks.add(RTSPQuirkCodes.cseqTrailingSpace, "\(trailingSpaceCount)")
        }
        self.quirks = quirks.quirks
    }
}
