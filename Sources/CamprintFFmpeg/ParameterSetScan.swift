import CamprintCodecs

/// Only tells whether a video packet carries in-band parameter sets (H.264 SPS/PPS, H.265
/// VPS/SPS/PPS), for the stop condition. NAL headers are read, nothing else: the bitstream
/// itself is parsed by CamprintCodecs from ``MediaPacket/data``. The NAL units are found by
/// CamprintCodecs' walkers (``AnnexB``, ``LengthPrefixed``) and the length size is read from
/// its avcC/hvcC parsers, as the probe's bitstream scan does (Sources/CamprintProbe/AnnexBConversion.swift).
enum ParameterSetScan {
    /// Whether `packet` holds a parameter-set NAL unit. `lengthSize` is the NAL length-field
    /// size from avcC/hvcC extradata (MP4/MKV packets) or `nil` for Annex B. A packet that is
    /// not exactly a chain of length-prefixed NAL units is read as Annex B.
    static func containsParameterSet(_ packet: UnsafeBufferPointer<UInt8>, codec: VideoCodec, lengthSize: Int?) -> Bool
    {
        if let lengthSize, let split = try? LengthPrefixed.split(packet, lengthSize: lengthSize), split.quirks.isEmpty {
            return split.units.contains { isParameterSet(packet[$0.lowerBound], codec: codec) }
        }
        var found = false
        AnnexB.forEachNALUnit(in: packet) { unit in
            found = found || isParameterSet(packet[unit.lowerBound], codec: codec)
        }
        return found
    }

    /// H.264 SPS/PPS (ITU-T H.264 Table 7-1), H.265 VPS/SPS/PPS (ITU-T H.265 Table 7-1), from the
    /// first byte of the NAL unit header.
    static func isParameterSet(_ header: UInt8, codec: VideoCodec) -> Bool {
        switch codec {
        case .h264: [H264.NALUnitType.sps, .pps].contains(H264.NALHeader(header).nalUnitType)
        case .h265: [H265.NALUnitType.vps, .sps, .pps].contains(H265.NALUnitType(rawValue: (header >> 1) & 0x3F))
        }
    }

    /// ISO/IEC 14496-15 §5.3.3.1.2 (avcC) and §8.3.3.1.2 (hvcC): lengthSizeMinusOne + 1, when the
    /// extradata is a decoder configuration record CamprintCodecs reads (`nil`: Annex B).
    static func lengthSize(extradata: [UInt8], codec: VideoCodec) -> Int? {
        guard extradata.first == 1 else { return nil }
        switch codec {
        case .h264: return (try? AVCDecoderConfigurationRecord(parsing: extradata))?.nalUnitLengthSize
        case .h265: return (try? HEVCDecoderConfigurationRecord(parsing: extradata))?.nalUnitLengthSize
        }
    }
}
