/// One fact read from a device: `(channel, field key, value)`, with where it came from.
///
/// Quirk flags are observations too: key `<channel>.quirk`, value the quirk code
/// (see docs/field-keys.md).
public struct Observation: Hashable, Sendable, Codable {
    public var channel: Channel
    public var field: FieldKey
    public var value: String
    public var source: SourceLocation?

    public init(_ field: FieldKey, _ value: String, channel: Channel? = nil, source: SourceLocation? = nil) {
        self.field = field
        self.value = value
        self.channel = channel ?? field.channel ?? .rtsp
        self.source = source
    }

    /// A quirk flag as an observation: `rtsp.quirk` = `rtsp.date.double-space`.
    public static func quirk(_ code: String, channel: Channel, source: SourceLocation? = nil) -> Observation {
        Observation(FieldKey(channel.rawValue + ".quirk"), code, channel: channel, source: source)
    }
}

/// Where an observation was read: a file or message name, a line, a byte offset and a short excerpt.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String?
    public var line: Int?
    public var offset: Int?
    public var excerpt: String?

    public init(file: String? = nil, line: Int? = nil, offset: Int? = nil, excerpt: String? = nil) {
        self.file = file
        self.line = line
        self.offset = offset
        self.excerpt = excerpt
    }
}
