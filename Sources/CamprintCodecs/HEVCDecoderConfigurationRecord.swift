public import CamprintWire

/// `HEVCDecoderConfigurationRecord` (`hvcC` box payload), ISO/IEC 14496-15 §8.3.3.1.
public struct HEVCDecoderConfigurationRecord: Hashable, Sendable, Encodable {
    public struct NALUnitArray: Hashable, Sendable, Encodable {
        public var arrayCompleteness: Bool
        public var nalUnitType: H265.NALUnitType
        public var nalUnits: [HexBytes]
    }

    public var configurationVersion: UInt8
    public var generalProfileSpace: Int
    public var generalTierFlag: Bool
    public var generalProfileIdc: Int
    public var generalProfileCompatibilityFlags: UInt32
    public var generalConstraintIndicatorFlags: UInt64
    public var generalLevelIdc: Int
    public var minSpatialSegmentationIdc: Int
    public var parallelismType: Int
    public var chromaFormatIdc: Int
    public var bitDepthLumaMinus8: Int
    public var bitDepthChromaMinus8: Int
    public var avgFrameRate: UInt16
    public var constantFrameRate: Int
    public var numTemporalLayers: Int
    public var temporalIdNested: Bool
    public var nalUnitLengthSize: Int
    public var arrays: [NALUnitArray]
    public var videoParameterSets: [H265.VPS]
    public var sequenceParameterSets: [H265.SPS]
    public var pictureParameterSets: [H265.PPS]
    /// `hvcc.vps.unparsable`, `hvcc.sps.unparsable`, `hvcc.pps.unparsable`, `hvcc.trailing-bytes`.
    public var quirks: [Quirk]

    /// Parses the payload of an `hvcC` box (without the box header).
    public init(parsing bytes: some Collection<UInt8>, limits: CodecLimits = .default) throws(CodecError) {
        var reader = ByteReader(bytes)
        guard let header = reader.readBytes(23) else {
            throw CodecError(.truncated, offset: reader.remaining, excerpt: "hvcC header needs 23 bytes")
        }
        let fixed = Array(header)
        guard fixed[0] == 1 else {
            throw CodecError(.unsupportedVersion, offset: 0, excerpt: "configurationVersion \(fixed[0])")
        }
        configurationVersion = fixed[0]
        generalProfileSpace = Int(fixed[1] >> 6)
        generalTierFlag = fixed[1] & 0x20 != 0
        generalProfileIdc = Int(fixed[1] & 0x1F)
        generalProfileCompatibilityFlags = fixed[2...5].reduce(0) { $0 << 8 | UInt32($1) }
        generalConstraintIndicatorFlags = fixed[6...11].reduce(0) { $0 << 8 | UInt64($1) }
        generalLevelIdc = Int(fixed[12])
        minSpatialSegmentationIdc = Int(fixed[13] & 0x0F) << 8 | Int(fixed[14])
        parallelismType = Int(fixed[15] & 0x03)
        chromaFormatIdc = Int(fixed[16] & 0x03)
        bitDepthLumaMinus8 = Int(fixed[17] & 0x07)
        bitDepthChromaMinus8 = Int(fixed[18] & 0x07)
        avgFrameRate = UInt16(fixed[19]) << 8 | UInt16(fixed[20])
        constantFrameRate = Int(fixed[21] >> 6)
        numTemporalLayers = Int(fixed[21] >> 3 & 0x07)
        temporalIdNested = fixed[21] & 0x04 != 0
        nalUnitLengthSize = Int(fixed[21] & 0x03) + 1
        let arrayCount = Int(fixed[22])
        arrays = []
        quirks = []
        videoParameterSets = []
        sequenceParameterSets = []
        pictureParameterSets = []
        var total = 0
        for _ in 0..<arrayCount {
            guard let typeByte = reader.readUInt8(), let count = reader.readUInt16() else {
                throw CodecError(.truncated, offset: reader.offset, excerpt: "hvcC array header")
            }
            total += Int(count)
            guard total <= limits.maxParameterSetsPerRecord else {
                throw CodecError(.limitExceeded, offset: reader.offset, excerpt: "\(total) NAL units in hvcC")
            }
            var units: [HexBytes] = []
            for _ in 0..<Int(count) {
                guard let length = reader.readUInt16(), let unit = reader.readBytes(Int(length)) else {
                    throw CodecError(.truncated, offset: reader.offset, excerpt: "hvcC nalUnit")
                }
                units.append(HexBytes(unit))
            }
            arrays.append(
                NALUnitArray(
                    arrayCompleteness: typeByte & 0x80 != 0,
                    nalUnitType: H265.NALUnitType(rawValue: typeByte & 0x3F),
                    nalUnits: units
                )
            )
        }
        if !reader.isAtEnd {
            quirks.append(Quirk("hvcc.trailing-bytes", "\(reader.remaining) bytes", offset: reader.offset))
        }
        for unit in arrays.flatMap(\.nalUnits) {
            guard let header = H265.NALHeader(nalUnit: unit.bytes) else { continue }
            do {
                switch header.nalUnitType {
                case .vps: videoParameterSets.append(try H265.VPS(parsing: unit.bytes, limits: limits))
                case .sps: sequenceParameterSets.append(try H265.SPS(parsing: unit.bytes, limits: limits))
                case .pps: pictureParameterSets.append(try H265.PPS(parsing: unit.bytes, limits: limits))
                default: break
                }
            } catch {
                quirks.append(Quirk("hvcc.\(header.nalUnitType.name.lowercased()).unparsable", error.description))
            }
        }
    }
}
