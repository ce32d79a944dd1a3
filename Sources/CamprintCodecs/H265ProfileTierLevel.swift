extension H265 {
    /// `profile_tier_level(1, maxNumSubLayersMinus1)`, ITU-T H.265 §7.3.3: the general profile,
    /// tier and level; sub-layer entries are read and discarded.
    public struct ProfileTierLevel: Hashable, Sendable, Encodable {
        public var generalProfileSpace: Int
        public var generalTierFlag: Bool
        public var generalProfileIdc: Int
        /// general_profile_compatibility_flag[0…31], bit 31 − j for flag j.
        public var generalProfileCompatibilityFlags: UInt32
        /// The 48 bits from general_progressive_source_flag to general_inbld_flag/reserved bit.
        public var generalConstraintIndicatorFlags: UInt64
        public var generalLevelIdc: Int

        init(reading reader: inout RBSPReader, maxNumSubLayersMinus1: Int) throws(CodecError) {
            generalProfileSpace = try reader.u(2, "general_profile_space")
            generalTierFlag = try reader.flag("general_tier_flag")
            generalProfileIdc = try reader.u(5, "general_profile_idc")
            generalProfileCompatibilityFlags = UInt32(try reader.u(32, "general_profile_compatibility_flag"))
            generalConstraintIndicatorFlags = UInt64(try reader.u(48, "general_constraint_flags"))
            generalLevelIdc = try reader.u(8, "general_level_idc")
            var profilePresent: [Bool] = []
            var levelPresent: [Bool] = []
            for _ in 0..<maxNumSubLayersMinus1 {
                profilePresent.append(try reader.flag("sub_layer_profile_present_flag"))
                levelPresent.append(try reader.flag("sub_layer_level_present_flag"))
            }
            if maxNumSubLayersMinus1 > 0 {
                try reader.skip(2 * (8 - maxNumSubLayersMinus1), "reserved_zero_2bits")
            }
            for index in 0..<maxNumSubLayersMinus1 {
                if profilePresent[index] { try reader.skip(88, "sub_layer_profile") }
                if levelPresent[index] { try reader.skip(8, "sub_layer_level_idc") }
            }
        }

        /// general_progressive_source_flag.
        public var progressiveSourceFlag: Bool { generalConstraintIndicatorFlags >> 47 & 1 == 1 }
        /// general_interlaced_source_flag.
        public var interlacedSourceFlag: Bool { generalConstraintIndicatorFlags >> 46 & 1 == 1 }

        /// Annex A profile name (`Main`, `Main 10`, `Main Still Picture`, `Format Range Extensions`, …).
        public var profileName: String { H265.profileName(profileIdc: generalProfileIdc) }
        /// `Main` or `High`.
        public var tierName: String { generalTierFlag ? "High" : "Main" }
        /// general_level_idc / 30 as written in Annex A (`4.1` for 123, `5` for 150).
        public var levelName: String {
            generalLevelIdc % 30 == 0
                ? "\(generalLevelIdc / 30)" : "\(generalLevelIdc / 30).\(generalLevelIdc % 30 / 3)"
        }
    }

    /// Annex A name for general_profile_idc; `profile <n>` otherwise.
    public static func profileName(profileIdc: Int) -> String {
        switch profileIdc {
        case 1: "Main"
        case 2: "Main 10"
        case 3: "Main Still Picture"
        case 4: "Format Range Extensions"
        case 5: "High Throughput"
        case 6: "Multiview Main"
        case 7: "Scalable Main"
        case 8: "3D Main"
        case 9: "Screen Content Coding Extensions"
        case 10: "Scalable Format Range Extensions"
        case 11: "High Throughput Screen Content Coding Extensions"
        default: "profile \(profileIdc)"
        }
    }
}
