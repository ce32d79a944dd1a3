public import CamprintWire

/// The 40-byte Hikvision media header (`IMKH`), little-endian, found at the start of Hikvision
/// files and PS streams and hex-encoded in SDP `a=Media_header:MEDIAINFO=`.
public struct IMKHMediaHeader: Hashable, Sendable, Encodable {
    /// The header size in bytes.
    public static let size = 40
    /// `49 4D 4B 48` ("IMKH").
    public static let magic: [UInt8] = [0x49, 0x4D, 0x4B, 0x48]

    public var fourcc: HexBytes
    public var mediaVersion: UInt16
    public var deviceId: UInt16
    public var systemFormat: UInt16
    public var videoFormat: UInt16
    public var audioFormat: UInt16
    public var audioChannels: UInt8
    public var audioBitsPerSample: UInt8
    public var audioSampleRate: UInt32
    public var audioBitrate: UInt32
    public var reserved: [UInt32]
    /// `imkh.magic.mismatch` (first four bytes are not "IMKH"; fields are still read),
    /// `imkh.size.trailing-bytes` (more than 40 bytes given; the rest is ignored).
    public var quirks: [Quirk]

    /// Reads the first 40 bytes of `bytes`; throws `truncated` when there are fewer.
    public init(parsing bytes: some Collection<UInt8>) throws(CodecError) {
        var reader = ByteReader(bytes.prefix(Self.size))
        guard reader.remaining == Self.size else {
            throw CodecError(.truncated, offset: reader.remaining, excerpt: "IMKH header needs 40 bytes")
        }
        quirks = []
        let fourcc = Array(reader.readBytes(4) ?? [])
        self.fourcc = HexBytes(fourcc)
        if fourcc != Self.magic {
            quirks.append(Quirk("imkh.magic.mismatch", Excerpt.make(fourcc), offset: 0))
        }
        mediaVersion = reader.readUInt16LE() ?? 0
        deviceId = reader.readUInt16LE() ?? 0
        systemFormat = reader.readUInt16LE() ?? 0
        videoFormat = reader.readUInt16LE() ?? 0
        audioFormat = reader.readUInt16LE() ?? 0
        audioChannels = reader.readUInt8() ?? 0
        audioBitsPerSample = reader.readUInt8() ?? 0
        audioSampleRate = reader.readUInt32LE() ?? 0
        audioBitrate = reader.readUInt32LE() ?? 0
        reserved = (0..<4).map { _ in reader.readUInt32LE() ?? 0 }
        if bytes.count > Self.size {
            quirks.append(Quirk("imkh.size.trailing-bytes", "\(bytes.count) bytes", offset: Self.size))
        }
    }

    /// Parses the hex text of `a=Media_header:MEDIAINFO=` (an optional trailing `;` is allowed).
    public init(hex text: String) throws(CodecError) {
        var digits = Array(text.utf8)
        if digits.last == UInt8(ascii: ";") { digits.removeLast() }
        guard let bytes = Hex.decode(digits) else {
            throw CodecError(.valueOutOfRange, offset: 0, excerpt: "not hex: \(text)")
        }
        try self.init(parsing: bytes)
    }

    public var systemFormatName: String? { Self.systemFormatName(systemFormat) }
    public var videoFormatName: String? { Self.videoFormatName(videoFormat) }
    public var audioFormatName: String? { Self.audioFormatName(audioFormat) }

    /// Container/transport of the stream; `nil` for values we have no name for.
    public static func systemFormatName(_ value: UInt16) -> String? {
        switch value {
        case 0x0000: "none"
        case 0x0001: "HIK file"
        case 0x0002: "MPEG2-PS"
        case 0x0003: "MPEG2-TS"
        case 0x0004: "RTP"
        case 0x0401: "RTP (HIK)"
        case 0x0005: "MP4"
        case 0x0007: "AVI"
        case 0x000D: "RTMP"
        case 0x8001: "DAH"
        default: nil
        }
    }

    public static func videoFormatName(_ value: UInt16) -> String? {
        switch value {
        case 0x0001: "H.264 (HIK)"
        case 0x0002: "MPEG-2"
        case 0x0003: "MPEG-4"
        case 0x0004: "MJPEG"
        case 0x0005: "H.265"
        case 0x0006: "SVAC"
        case 0x0100: "H.264"
        case 0x0110: "SVC"
        default: nil
        }
    }

    public static func audioFormatName(_ value: UInt16) -> String? {
        switch value {
        case 0x7110: "G.711 µ-law"
        case 0x7111: "G.711 A-law"
        case 0x2001: "AAC"
        case 0x7221: "G.722.1"
        case 0x7260, 0x7261: "G.726"
        case 0x7001: "L16 (PCM)"
        case 0x1000: "ADPCM"
        case 0x2000: "MPEG audio"
        default: nil
        }
    }
}
