public import CamprintWire

/// `Transport`, RFC 2326 §12.39 (RFC 7826 §18.54): a comma-separated list of transport specs.
public struct TransportHeader: Hashable, Sendable, Encodable {
    public var specs: [TransportSpec]
    public var quirks: [Quirk]

    public init(parsing rawValue: String, limits: RTSPLimits = .default) {
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        let pieces = HeaderSyntax.split(HeaderSyntax.bytes(rawValue), on: UInt8(ascii: ","), limit: limits.maxListItems)
        specs = pieces.filter { !ASCII.trimmed($0).isEmpty }.map {
            TransportSpec(parsing: $0, limits: limits, quirks: &quirks)
        }
        self.quirks = quirks.quirks
    }
}
