extension H265 {
    /// `nal_unit_type`, ITU-T H.265 Table 7-1. Any 6-bit value is kept, named or not (type 43,
    /// reserved, appears in Uniview streams).
    public struct NALUnitType: RawRepresentable, Hashable, Sendable, Encodable, CustomStringConvertible {
        public var rawValue: UInt8

        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let trailN = NALUnitType(rawValue: 0)
        public static let trailR = NALUnitType(rawValue: 1)
        public static let blaWLP = NALUnitType(rawValue: 16)
        public static let blaWRADL = NALUnitType(rawValue: 17)
        public static let blaNLP = NALUnitType(rawValue: 18)
        public static let idrWRADL = NALUnitType(rawValue: 19)
        public static let idrNLP = NALUnitType(rawValue: 20)
        public static let craNUT = NALUnitType(rawValue: 21)
        public static let vps = NALUnitType(rawValue: 32)
        public static let sps = NALUnitType(rawValue: 33)
        public static let pps = NALUnitType(rawValue: 34)
        public static let accessUnitDelimiter = NALUnitType(rawValue: 35)
        public static let endOfSequence = NALUnitType(rawValue: 36)
        public static let endOfBitstream = NALUnitType(rawValue: 37)
        public static let fillerData = NALUnitType(rawValue: 38)
        public static let prefixSEI = NALUnitType(rawValue: 39)
        public static let suffixSEI = NALUnitType(rawValue: 40)

        /// The Table 7-1 name; `reserved …` and `unspecified` for the ranges without one.
        public var name: String {
            switch rawValue {
            case 0: "TRAIL_N"
            case 1: "TRAIL_R"
            case 2: "TSA_N"
            case 3: "TSA_R"
            case 4: "STSA_N"
            case 5: "STSA_R"
            case 6: "RADL_N"
            case 7: "RADL_R"
            case 8: "RASL_N"
            case 9: "RASL_R"
            case 10...15: "reserved non-IRAP"
            case 16: "BLA_W_LP"
            case 17: "BLA_W_RADL"
            case 18: "BLA_N_LP"
            case 19: "IDR_W_RADL"
            case 20: "IDR_N_LP"
            case 21: "CRA_NUT"
            case 22, 23: "reserved IRAP"
            case 24...31: "reserved non-IRAP"
            case 32: "VPS"
            case 33: "SPS"
            case 34: "PPS"
            case 35: "AUD"
            case 36: "EOS"
            case 37: "EOB"
            case 38: "FD"
            case 39: "prefix SEI"
            case 40: "suffix SEI"
            case 41...47: "reserved"
            default: "unspecified"
            }
        }

        /// VCL NAL units (slice segments), types 0…31.
        public var isVCL: Bool { rawValue < 32 }
        /// Intra random access point pictures, types 16…23 (§7.4.2.2).
        public var isIRAP: Bool { (16...23).contains(rawValue) }
        public var isSEI: Bool { rawValue == 39 || rawValue == 40 }

        public var description: String { "\(rawValue) (\(name))" }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// The two-byte NAL unit header, ITU-T H.265 §7.3.1.2.
    public struct NALHeader: Hashable, Sendable, Encodable {
        public var forbiddenZeroBit: UInt8
        public var nalUnitType: NALUnitType
        public var nuhLayerId: UInt8
        public var nuhTemporalIdPlus1: UInt8

        public init(_ first: UInt8, _ second: UInt8) {
            forbiddenZeroBit = first >> 7
            nalUnitType = NALUnitType(rawValue: (first >> 1) & 0x3F)
            nuhLayerId = (first & 0x01) << 5 | second >> 3
            nuhTemporalIdPlus1 = second & 0x07
        }

        /// The header of `nalUnit`, or `nil` when it has fewer than two bytes.
        public init?(nalUnit: some Collection<UInt8>) {
            var iterator = nalUnit.makeIterator()
            guard let first = iterator.next(), let second = iterator.next() else { return nil }
            self.init(first, second)
        }
    }
}
