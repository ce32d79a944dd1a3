import CamprintCodecs

/// Only tells whether a video packet carries in-band parameter sets (H.264 SPS/PPS, H.265
/// VPS/SPS/PPS), for the stop condition. NAL headers are read, nothing else: the bitstream
/// itself is parsed by CamprintCodecs from ``MediaPacket/data``.
enum ParameterSetScan {
    /// Whether `packet` holds a parameter-set NAL unit. `lengthSize` is the NAL length-field
    /// size from avcC/hvcC extradata (MP4/MKV packets) or `nil` for Annex B.
    static func containsParameterSet(_ packet: UnsafeBufferPointer<UInt8>, codec: VideoCodec, lengthSize: Int?) -> Bool
    {
        var found = false
        forEachNALHeader(packet, lengthSize: lengthSize) { header in
            switch codec {
            case .h264: found = found || [7, 8].contains(header & 0x1F)
            case .h265: found = found || (32...34).contains((header >> 1) & 0x3F)
            }
        }
        return found
    }

    /// ISO/IEC 14496-15 §5.3.3.1.2 (avcC) and §8.3.3.1.2 (hvcC): lengthSizeMinusOne.
    static func lengthSize(extradata: [UInt8], codec: VideoCodec) -> Int? {
        guard extradata.first == 1 else { return nil }
        switch codec {
        case .h264: return extradata.count > 4 ? Int(extradata[4] & 0x03) + 1 : nil
        case .h265: return extradata.count > 21 ? Int(extradata[21] & 0x03) + 1 : nil
        }
    }

    private static func forEachNALHeader(
        _ bytes: UnsafeBufferPointer<UInt8>,
        lengthSize: Int?,
        _ body: (UInt8) -> Void
    ) {
        if let lengthSize, let headers = lengthPrefixedHeaders(bytes, lengthSize: lengthSize) {
            for header in headers { body(header) }
            return
        }
        // ITU-T H.264 Annex B: start code prefix 0x000001.
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                body(bytes[index + 3])
                index += 3
            } else {
                index += 1
            }
        }
    }

    /// The NAL header bytes when `bytes` is exactly a chain of length-prefixed NAL units.
    private static func lengthPrefixedHeaders(_ bytes: UnsafeBufferPointer<UInt8>, lengthSize: Int) -> [UInt8]? {
        var headers: [UInt8] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + lengthSize < bytes.count else { return nil }
            var length = 0
            for index in 0..<lengthSize { length = length << 8 | Int(bytes[offset + index]) }
            offset += lengthSize
            guard length > 0, length <= bytes.count - offset else { return nil }
            headers.append(bytes[offset])
            offset += length
        }
        return headers
    }
}
