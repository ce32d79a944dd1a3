public import CamprintWire

/// `Session`, RFC 2326 §12.37: `session-id [ ";" "timeout" "=" delta-seconds ]`.
public struct SessionHeader: Hashable, Sendable, Encodable {
    public var id: String
    /// `timeout=` in seconds, when present and numeric.
    public var timeout: Int?
    /// Spaces and tabs between the colon and the id: Hikvision pads to a fixed width
    /// (`Session:        708345999`).
    public var leadingSpaceCount: Int
    /// Every parameter after the id, in order.
    public var parameters: [RTSPParameter]
    public var quirks: [Quirk]

    public init(parsing rawValue: String, limits: RTSPLimits = .default) {
        let raw = HeaderSyntax.bytes(rawValue)
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        leadingSpaceCount = raw.prefix(while: ASCII.isSpace).count
        if leadingSpaceCount > 1 {
            quirks.add(RTSPQuirkCodes.sessionSpacePadded, "\(leadingSpaceCount) spaces")
        }
        let pieces = HeaderSyntax.split(raw, on: UInt8(ascii: ";"), limit: limits.maxListItems + 1)
        id = ASCII.string(ASCII.trimmed(pieces.first ?? raw))
        parameters = pieces.dropFirst().map(HeaderSyntax.parameter)
        timeout = nil
        if let parameter = parameters.first(where: { $0.hasName("timeout") }) {
            timeout = parameter.value.flatMap { ASCII.parseDecimal(Array($0.utf8), maxDigits: 9) }
            if timeout == nil { quirks.add(RTSPQuirkCodes.sessionBadTimeout, parameter.value ?? "") }
        }
        self.quirks = quirks.quirks
    }
}
