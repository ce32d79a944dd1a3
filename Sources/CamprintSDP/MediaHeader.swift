public import CamprintWire

/// Hikvision's `a=Media_header:MEDIAINFO=<hex>;`: the 40-byte IMKH media header in hex.
///
/// Only the bytes are exposed here; the IMKH structure is decoded elsewhere. Clones send it
/// too, so it marks the SDK lineage, not the brand.
public struct MediaHeader: Hashable, Sendable, Encodable {
    /// The decoded `MEDIAINFO` bytes (IMKH starts `49 4d 4b 48`), `nil` when not valid hex.
    public var mediaInfo: HexBytes?
    /// The attribute value as written.
    public var raw: String

    public init(mediaInfo: HexBytes?, raw: String) {
        self.mediaInfo = mediaInfo
        self.raw = raw
    }
}

extension MediaHeader {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> MediaHeader {
        let trimmed = Array(ASCIIText.trimmed(value).utf8)
        let prefix = Array("MEDIAINFO=".utf8)
        guard trimmed.count >= prefix.count, ASCII.equalsIgnoringCase(trimmed.prefix(prefix.count), "MEDIAINFO=") else {
            quirks.append(Quirk("sdp.media-header.unknown-format", value, offset: offset))
            return MediaHeader(mediaInfo: nil, raw: value)
        }
        var hex = trimmed.dropFirst(prefix.count)
        while let last = hex.last, last == UInt8(ascii: ";") || ASCII.isSpace(last) { hex.removeLast() }
        guard let bytes = Hex.decode(hex) else {
            quirks.append(Quirk("sdp.media-header.invalid-hex", value, offset: offset))
            return MediaHeader(mediaInfo: nil, raw: value)
        }
        return MediaHeader(mediaInfo: HexBytes(bytes), raw: value)
    }
}
