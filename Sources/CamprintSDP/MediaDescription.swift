/// RFC 8866 §5.14: one media section, from its `m=` line up to the next `m=` or the end.
public struct MediaDescription: Hashable, Sendable, Encodable {
    /// Every line of the section in order, the `m=` line first.
    public var lines: [SDPLine]
    /// The `m=` line.
    public var media: SDPMediaLine
    /// RFC 8866 §5.4 `i=` (media title).
    public var information: String?
    /// RFC 8866 §5.7 `c=` lines (Avigilon sends two).
    public var connections: [SDPConnection]
    /// RFC 8866 §5.8 `b=` lines.
    public var bandwidths: [SDPBandwidth]
    /// RFC 8866 §5.13 `a=` lines.
    public var attributes: SDPAttributes

    public init(
        lines: [SDPLine],
        media: SDPMediaLine,
        information: String? = nil,
        connections: [SDPConnection] = [],
        bandwidths: [SDPBandwidth] = [],
        attributes: SDPAttributes = SDPAttributes()
    ) {
        self.lines = lines
        self.media = media
        self.information = information
        self.connections = connections
        self.bandwidths = bandwidths
        self.attributes = attributes
    }

    /// The first `a=rtpmap` whose encoding name is `encodingName` (ASCII case-insensitive).
    public func rtpMap(encodingName: String) -> RTPMap? {
        attributes.rtpMaps.first { ASCIIText.equalsIgnoringCase($0.encodingName, encodingName) }
    }
}
