extension H264 {
    /// `nal_unit_type`, ITU-T H.264 Table 7-1. Any 5-bit value is kept, named or not.
    public struct NALUnitType: RawRepresentable, Hashable, Sendable, Encodable, CustomStringConvertible {
        public var rawValue: UInt8

        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let unspecified = NALUnitType(rawValue: 0)
        public static let nonIDRSlice = NALUnitType(rawValue: 1)
        public static let sliceDataPartitionA = NALUnitType(rawValue: 2)
        public static let sliceDataPartitionB = NALUnitType(rawValue: 3)
        public static let sliceDataPartitionC = NALUnitType(rawValue: 4)
        public static let idrSlice = NALUnitType(rawValue: 5)
        public static let sei = NALUnitType(rawValue: 6)
        public static let sps = NALUnitType(rawValue: 7)
        public static let pps = NALUnitType(rawValue: 8)
        public static let accessUnitDelimiter = NALUnitType(rawValue: 9)
        public static let endOfSequence = NALUnitType(rawValue: 10)
        public static let endOfStream = NALUnitType(rawValue: 11)
        public static let fillerData = NALUnitType(rawValue: 12)
        public static let spsExtension = NALUnitType(rawValue: 13)
        public static let prefixNAL = NALUnitType(rawValue: 14)
        public static let subsetSPS = NALUnitType(rawValue: 15)
        public static let depthParameterSet = NALUnitType(rawValue: 16)
        public static let auxiliarySlice = NALUnitType(rawValue: 19)
        public static let sliceExtension = NALUnitType(rawValue: 20)
        public static let depthSliceExtension = NALUnitType(rawValue: 21)

        /// The Table 7-1 name, `reserved` (17, 18, 22, 23) or `unspecified` (0, 24…31).
        public var name: String {
            switch rawValue {
            case 0: "unspecified"
            case 1: "non-IDR slice"
            case 2: "slice data partition A"
            case 3: "slice data partition B"
            case 4: "slice data partition C"
            case 5: "IDR slice"
            case 6: "SEI"
            case 7: "SPS"
            case 8: "PPS"
            case 9: "access unit delimiter"
            case 10: "end of sequence"
            case 11: "end of stream"
            case 12: "filler data"
            case 13: "SPS extension"
            case 14: "prefix NAL unit"
            case 15: "subset SPS"
            case 16: "depth parameter set"
            case 19: "auxiliary slice"
            case 20: "slice extension"
            case 21: "depth slice extension"
            case 17, 18, 22, 23: "reserved"
            default: "unspecified"
            }
        }

        /// Slices of a coded picture (types 1…5).
        public var isSlice: Bool { (1...5).contains(rawValue) }

        public var description: String { "\(rawValue) (\(name))" }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// The one-byte NAL unit header, ITU-T H.264 §7.3.1.
    public struct NALHeader: Hashable, Sendable, Encodable {
        public var forbiddenZeroBit: UInt8
        public var nalRefIdc: UInt8
        public var nalUnitType: NALUnitType

        public init(_ byte: UInt8) {
            forbiddenZeroBit = byte >> 7
            nalRefIdc = (byte >> 5) & 0x03
            nalUnitType = NALUnitType(rawValue: byte & 0x1F)
        }

        /// The header of `nalUnit`, or `nil` when it is empty.
        public init?(nalUnit: some Collection<UInt8>) {
            guard let first = nalUnit.first else { return nil }
            self.init(first)
        }
    }
}
