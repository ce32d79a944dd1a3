import CamprintWire

/// The `a=` lines of one section (session or media), in order, with the attributes cameras
/// use read into typed fields. Single-valued attributes keep their first occurrence (a repeat
/// is recorded as the quirk `sdp.attribute.duplicated`); every occurrence stays in ``all``.
public struct SDPAttributes: Hashable, Sendable, Encodable {
    /// Every attribute of the section, in order.
    public var all: [SDPAttribute] = []
    /// RFC 8866 §6.6 `a=rtpmap`, in order.
    public var rtpMaps: [RTPMap] = []
    /// RFC 8866 §6.15 `a=fmtp`, in order.
    public var formatParameters: [FormatParameters] = []
    /// RFC 7826 §22.1.2 / RFC 2326 §C.1.1 `a=control`.
    public var control: String?
    /// RFC 7826 §22.1.1 `a=range` (`npt=now-`, `npt=0-`).
    public var range: String?
    /// RFC 8866 §6.2 `a=tool` (LIVE555, GStreamer, BC Streaming Media versions).
    public var tool: String?
    /// Hikvision-lineage `a=appversion`.
    public var appVersion: String?
    /// RFC 8866 §6.7 direction.
    public var direction: SDPDirection?
    /// `a=x-dimensions`.
    public var dimensions: XDimensions?
    /// RFC 8866 §6.3 `a=framerate`.
    public var frameRate: FrameRate?
    /// Hikvision-lineage `a=Media_header:MEDIAINFO=…`.
    public var mediaHeader: MediaHeader?
    /// Attributes not read into a typed field above, in order.
    public var unknown: [SDPAttribute] = []

    public init() {}

    /// The first attribute called `name` (ASCII case-insensitive).
    public func first(_ name: String) -> SDPAttribute? {
        all.first { ASCIIText.equalsIgnoringCase($0.name, name) }
    }

    /// The `a=rtpmap` for a format (payload type as text).
    public func rtpMap(format: String) -> RTPMap? {
        rtpMaps.first { $0.format == format }
    }

    /// The `a=fmtp` lines for a format (payload type as text), in order.
    public func formatParameters(format: String) -> [FormatParameters] {
        formatParameters.filter { $0.format == format }
    }
}

extension SDPAttributes {
    /// Reads one `a=` line into ``all`` and the typed fields.
    mutating func add(
        _ line: SDPLine,
        limits: SDPLimits,
        quirks: inout [Quirk]
    ) throws(SDPParseError) {
        let bytes = line.valueBytes
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        let name = ASCII.string(bytes[..<(colon ?? bytes.endIndex)])
        let valueBytes = colon.map { bytes[($0 + 1)...] }
        let value = valueBytes.map { ASCII.string($0) }
        let attribute = SDPAttribute(offset: line.offset, name: name, value: value)
        all.append(attribute)
        let offset = line.offset
        switch name.lowercased() {
        case "rtpmap":
            rtpMaps.append(RTPMap.parse(value ?? "", offset: offset, quirks: &quirks))
        case "fmtp":
            formatParameters.append(
                try FormatParameters.parse(Array(valueBytes ?? []), offset: offset, limits: limits, quirks: &quirks)
            )
        case "control":
            setOnce(&control, ASCIIText.trimmed(value ?? ""), attribute, &quirks)
        case "range":
            setOnce(&range, ASCIIText.trimmed(value ?? ""), attribute, &quirks)
        case "tool":
            setOnce(&tool, ASCIIText.trimmed(value ?? ""), attribute, &quirks)
        case "appversion":
            setOnce(&appVersion, ASCIIText.trimmed(value ?? ""), attribute, &quirks)
        case "x-dimensions":
            setOnce(&dimensions, XDimensions.parse(value ?? "", offset: offset, quirks: &quirks), attribute, &quirks)
        case "framerate":
            setOnce(&frameRate, FrameRate.parse(value ?? "", offset: offset, quirks: &quirks), attribute, &quirks)
        case "media_header":
            setOnce(&mediaHeader, MediaHeader.parse(value ?? "", offset: offset, quirks: &quirks), attribute, &quirks)
        default:
            if let found = SDPDirection(rawValue: name.lowercased()) {
                if value != nil { quirks.append(Quirk("sdp.direction.has-value", name, offset: offset)) }
                setOnce(&direction, found, attribute, &quirks)
            } else {
                unknown.append(attribute)
            }
        }
    }

    private func setOnce<Value>(
        _ field: inout Value?,
        _ value: Value,
        _ attribute: SDPAttribute,
        _ quirks: inout [Quirk]
    ) {
        guard field == nil else {
            quirks.append(Quirk("sdp.attribute.duplicated", attribute.name, offset: attribute.offset))
            return
        }
        field = value
    }
}
