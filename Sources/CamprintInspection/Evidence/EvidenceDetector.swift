import CamprintCodecs
import CamprintWire

/// Content sniffing for ``EvidenceReader``.
enum EvidenceDetector {
    static func detect(name: String, bytes: [UInt8]) -> EvidenceKind {
        let lowerName = name.lowercased()
        if bytes.starts(with: IMKHMediaHeader.magic) { return .imkh }
        if isContainer(bytes) {
            let hasConfiguration = ISOBox.find("avcC", in: bytes) != nil || ISOBox.find("hvcC", in: bytes) != nil
            return hasConfiguration && bytes.count < 4096 ? .decoderConfiguration : .mediaContainer
        }
        if bytes.starts(with: [0, 0, 1]) || bytes.starts(with: [0, 0, 0, 1]) { return .annexB }
        if lowerName.hasSuffix(".nal") { return .nalUnit }
        if RTCPReader.looksLikeRTCP(bytes) { return .rtcp }
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        if TranscriptNormalizer.looksLikeFFmpegLog(text) { return .ffmpegLog }
        if looksLikeSDP(bytes) { return .sdp }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("<")
            || DeviceDocumentReader.rootStart(in: text, from: text.startIndex) != nil
                && !containsRTSP(bytes)
        {
            return .deviceDocument
        }
        if containsRTSP(bytes) { return .rtspText }
        if text.contains("HTTP/1.") { return .httpText }
        if ISOBox.find("avcC", in: bytes) != nil || ISOBox.find("hvcC", in: bytes) != nil {
            return .decoderConfiguration
        }
        if [".h264", ".264", ".h265", ".265", ".hevc", ".avc"].contains(where: lowerName.hasSuffix) { return .annexB }
        if sdpStart(in: bytes) != nil { return .rtspText }
        if isText(bytes), !DeviceDocumentReader.read(text).documents.isEmpty { return .deviceDocument }
        return .unknown
    }

    /// H.265 when the name says so or the two-byte NAL header is an H.265 parameter set or SEI;
    /// H.264 otherwise.
    static func codec(name: String, firstNALUnit: ArraySlice<UInt8>) -> VideoCodec {
        let lowerName = name.lowercased()
        if [".h265", ".265", ".hevc"].contains(where: lowerName.hasSuffix) { return .h265 }
        if [".h264", ".264", ".avc"].contains(where: lowerName.hasSuffix) { return .h264 }
        guard let first = firstNALUnit.first else { return .h264 }
        let second = firstNALUnit.dropFirst().first ?? 0
        let h265Type = (first >> 1) & 0x3F
        if first & 0x81 == 0, second == 0x01, [32, 33, 34, 35, 39, 40].contains(h265Type) { return .h265 }
        return .h264
    }

    /// Starts with `v=` after optional whitespace, or is a fragment (a media section alone, as
    /// bug reports quote them) whose first lines are all `<letter>=`, or is one attribute or media
    /// line alone (`a=Media_header:MEDIAINFO=…`, `m=video 0 RTP/AVP 96`), as a comment quotes it.
    static func looksLikeSDP(_ bytes: some Collection<UInt8>) -> Bool {
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        if trimmed.starts(with: Array("v=".utf8)) { return true }
        let lines = trimmed.prefix(4096).split(separator: 0x0A, omittingEmptySubsequences: true).prefix(5)
        if lines.count == 1, let line = lines.first { return isLoneSDPLine(Array(line.prefix(64))) }
        guard lines.count >= 2 else { return false }
        return lines.allSatisfy { startsLikeSDPLine(ArraySlice($0.prefix(2))) }
    }

    /// A line that starts `<lower-case letter>=` (RFC 8866 §5: `<type>=<value>`).
    static func startsLikeSDPLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard let type = line.first else { return false }
        return type >= UInt8(ascii: "a") && type <= UInt8(ascii: "z")
            && line.dropFirst().first == UInt8(ascii: "=")
    }

    /// `a=<name>:` (RFC 8866 §5.13, a property attribute's name is a token) or `m=video `/`m=audio `.
    private static func isLoneSDPLine(_ line: [UInt8]) -> Bool {
        if line.starts(with: Array("m=video ".utf8)) || line.starts(with: Array("m=audio ".utf8)) { return true }
        guard line.starts(with: Array("a=".utf8)) else { return false }
        let name = line.dropFirst(2).prefix { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
        let after = 2 + name.count
        return name.count >= 3 && after < line.count && line[after] == UInt8(ascii: ":")
    }

    /// The offset of a line starting with `v=0`, if any.
    static func sdpStart(in bytes: [UInt8]) -> Int? {
        let needle = Array("v=0".utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            if (index == 0 || bytes[index - 1] == 0x0A), bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A media section quoted without its session part (`m=audio 0 RTP/AVP 104` and its `a=`
    /// lines, then other text): the range of its `x=` lines, from the first `m=audio`/`m=video` line
    /// that starts a line.
    static func mediaSection(in bytes: [UInt8]) -> Range<Int>? {
        var lineStart = 0
        var start: Int?
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if let first = start {
                if !startsLikeSDPLine(line) { return first..<lineStart }
            } else if line.starts(with: Array("m=audio ".utf8)) || line.starts(with: Array("m=video ".utf8)) {
                start = lineStart
            }
            lineStart = lineEnd + 1
        }
        return start.map { $0..<bytes.count }
    }

    /// Mostly printable ASCII/UTF-8 (binary files are not read as text).
    static func isText(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        guard !sample.isEmpty else { return false }
        let control = sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        return control * 50 < sample.count
    }

    private static func containsRTSP(_ bytes: [UInt8]) -> Bool {
        let needle = Array("RTSP/".utf8)
        let limit = min(bytes.count, 1 << 20)
        var index = 0
        while index + needle.count <= limit {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    private static func isContainer(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        let type = String(decoding: bytes[4..<8], as: UTF8.self)
        return ["ftyp", "moov", "mdat", "avc1", "hvc1", "hev1", "free", "styp"].contains(type)
            || bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3])  // Matroska
            || (bytes.first == 0x47 && bytes.count > 188 && bytes[188] == 0x47)  // MPEG-TS
            || bytes.starts(with: [0x00, 0x00, 0x01, 0xBA])  // MPEG-PS
    }
}

/// Finding a box in ISO-BMFF bytes (ISO/IEC 14496-12 §4.2) without walking the whole tree:
/// boxes such as `avcC` sit inside sample entries whose layouts differ.
enum ISOBox {
    /// The payload range of the first box of `type` whose declared size fits the input.
    static func find(_ type: String, in bytes: [UInt8]) -> Range<Int>? {
        let tag = Array(type.utf8)
        guard tag.count == 4, bytes.count >= 8 else { return nil }
        var index = 4
        while index + 4 <= bytes.count {
            if bytes[index..<index + 4].elementsEqual(tag) {
                let sizeBytes = bytes[(index - 4)..<index]
                let size = sizeBytes.reduce(0) { $0 << 8 | Int($1) }
                let start = index + 4
                let end = index - 4 + size
                if size >= 8, end <= bytes.count, start <= end { return start..<end }
            }
            index += 1
        }
        return nil
    }
}
