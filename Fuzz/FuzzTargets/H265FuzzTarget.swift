import CamprintCodecs
import CamprintWire

extension FuzzTargets {
    /// Annex B splitting, every H.265 parser, hvcC.
    public static func h265(_ bytes: [UInt8]) {
        let summary = ElementaryStream.scan(bytes, codec: .h265)
        precondition(summary.nalUnitCount == AnnexB.nalUnitRanges(in: bytes).count)
        _ = try? ParsedNALUnit.parse(bytes, codec: .h265)
        _ = try? H265.VPS(parsing: bytes)
        if let sps = try? H265.SPS(parsing: bytes) { _ = (sps.width, sps.height, sps.frameRate) }
        _ = try? H265.PPS(parsing: bytes)
        _ = try? SEI(parsingNALUnit: bytes, codec: .h265)
        _ = try? HEVCDecoderConfigurationRecord(parsing: bytes)
        // The parsers also see the input behind valid headers, so mutations reach the bodies.
        for header: [UInt8] in [[0x40, 0x01], [0x42, 0x01], [0x44, 0x01], [0x4E, 0x01]] {
            _ = try? ParsedNALUnit.parse(header + bytes, codec: .h265)
        }
    }
}
