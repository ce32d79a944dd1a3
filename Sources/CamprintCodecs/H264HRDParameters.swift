extension H264 {
    /// `hrd_parameters()`, ITU-T H.264 Annex E.1.2.
    public struct HRDParameters: Hashable, Sendable, Encodable {
        public var cpbCntMinus1: Int
        public var bitRateScale: Int
        public var cpbSizeScale: Int
        public var bitRateValueMinus1: [Int]
        public var cpbSizeValueMinus1: [Int]
        public var cbrFlag: [Bool]
        public var initialCpbRemovalDelayLengthMinus1: Int
        public var cpbRemovalDelayLengthMinus1: Int
        public var dpbOutputDelayLengthMinus1: Int
        public var timeOffsetLength: Int

        init(reading reader: inout RBSPReader) throws(CodecError) {
            cpbCntMinus1 = try reader.ue("cpb_cnt_minus1", max: 31)
            bitRateScale = try reader.u(4, "bit_rate_scale")
            cpbSizeScale = try reader.u(4, "cpb_size_scale")
            bitRateValueMinus1 = []
            cpbSizeValueMinus1 = []
            cbrFlag = []
            for _ in 0...cpbCntMinus1 {
                bitRateValueMinus1.append(try reader.ue("bit_rate_value_minus1", max: Int(UInt32.max) - 1))
                cpbSizeValueMinus1.append(try reader.ue("cpb_size_value_minus1", max: Int(UInt32.max) - 1))
                cbrFlag.append(try reader.flag("cbr_flag"))
            }
            initialCpbRemovalDelayLengthMinus1 = try reader.u(5, "initial_cpb_removal_delay_length_minus1")
            cpbRemovalDelayLengthMinus1 = try reader.u(5, "cpb_removal_delay_length_minus1")
            dpbOutputDelayLengthMinus1 = try reader.u(5, "dpb_output_delay_length_minus1")
            timeOffsetLength = try reader.u(5, "time_offset_length")
        }

        /// Bit rate of the first CPB in bits/s: (bit_rate_value_minus1 + 1) · 2^(6 + bit_rate_scale).
        public var bitRate: Int? {
            bitRateValueMinus1.first.map { ($0 + 1) << (6 + bitRateScale) }
        }
    }
}
