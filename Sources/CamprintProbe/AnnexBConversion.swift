import CamprintCodecs
import CamprintWire

/// Length-prefixed samples (MP4, Matroska: ISO/IEC 14496-15 §5.3.2) rewritten as Annex B
/// (ITU-T H.264 Annex B) so the elementary-stream scanner reads them like an RTSP stream, with
/// the decoder configuration record's parameter sets in front.
enum AnnexBConversion {
    static let startCode: [UInt8] = [0, 0, 0, 1]

    /// The decoder configuration of `extradata` when it is an `avcC`/`hvcC` record
    /// (`configurationVersion` 1), else `nil` (Annex B or no extradata: packets are Annex B).
    struct Configuration {
        var lengthSize: Int
        var parameterSets: [[UInt8]]
        var avcC: AVCDecoderConfigurationRecord?
        var hvcC: HEVCDecoderConfigurationRecord?
    }

    static func configuration(extradata: [UInt8], codec: VideoCodec) -> Configuration? {
        guard extradata.first == 1 else { return nil }
        switch codec {
        case .h264:
            guard let record = try? AVCDecoderConfigurationRecord(parsing: extradata) else { return nil }
            let sets = (record.sequenceParameterSetNALUnits + record.pictureParameterSetNALUnits).map(\.bytes)
            return Configuration(lengthSize: record.nalUnitLengthSize, parameterSets: sets, avcC: record)
        case .h265:
            guard let record = try? HEVCDecoderConfigurationRecord(parsing: extradata) else { return nil }
            let sets = record.arrays.flatMap { $0.nalUnits.map(\.bytes) }
            return Configuration(lengthSize: record.nalUnitLengthSize, parameterSets: sets, hvcC: record)
        }
    }

    /// The parameter sets, then every NAL unit of `packets`, each behind a 4-byte start code.
    /// A packet that does not split cleanly is appended as it is (the scanner reports it).
    static func annexB(packets: [[UInt8]], configuration: Configuration) -> [UInt8] {
        var bytes: [UInt8] = []
        for set in configuration.parameterSets { bytes += startCode + set }
        for packet in packets {
            guard let split = try? LengthPrefixed.split(packet, lengthSize: configuration.lengthSize) else {
                bytes += packet
                continue
            }
            for unit in split.units { bytes += startCode + packet[unit] }
        }
        return bytes
    }
}
