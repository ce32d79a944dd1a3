import CamprintCodecs
import CamprintWire

extension FuzzTargets {
    /// Annex B and length-prefixed splitting, every H.264 parser, avcC, IMKH.
    public static func h264(_ bytes: [UInt8]) {
        let summary = ElementaryStream.scan(bytes, codec: .h264)
        precondition(summary.nalUnitCount == AnnexB.nalUnitRanges(in: bytes).count)
        for range in AnnexB.nalUnits(in: bytes) {
            precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count && !range.isEmpty)
        }
        _ = try? ParsedNALUnit.parse(bytes, codec: .h264)
        if let sps = try? H264.SPS(parsing: bytes) { _ = (sps.width, sps.height, sps.frameRate, sps.profileName) }
        _ = try? H264.PPS(parsing: bytes)
        _ = try? SEI(parsingNALUnit: bytes, codec: .h264)
        _ = SEI(rbsp: bytes, codec: .h264)
        _ = try? AVCDecoderConfigurationRecord(parsing: bytes)
        _ = try? IMKHMediaHeader(parsing: bytes)
        for header: [UInt8] in [[0x67], [0x68], [0x06]] {
            _ = try? ParsedNALUnit.parse(header + bytes, codec: .h264)
        }
        for size in [1, 2, 4] {
            if let split = try? LengthPrefixed.split(bytes, lengthSize: size) {
                precondition(split.units.allSatisfy { $0.upperBound <= bytes.count })
            }
        }
    }
}
