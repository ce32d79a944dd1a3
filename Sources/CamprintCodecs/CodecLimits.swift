/// Bounds on every count and size the codec parsers accept from input.
public struct CodecLimits: Hashable, Sendable {
    /// The largest SEI payload (D.1 / D.2 `payloadSize`) accepted; larger declared sizes are a
    /// `sei.payload.size-over-limit` quirk and end the SEI NAL unit.
    public var maxSEIPayloadSize: Int
    /// SEI messages read from one NAL unit.
    public var maxSEIMessagesPerNALUnit: Int
    /// SEI messages kept by ``ElementaryStream/scan(_:codec:limits:)``; more are counted only.
    public var maxSEIMessagesPerScan: Int
    /// Distinct parameter sets (per kind) kept by a scan.
    public var maxParameterSetsPerScan: Int
    /// Keyframe positions kept by a scan; more are counted only.
    public var maxKeyframePositions: Int
    /// Parameter sets in one `avcC` / `hvcC` record (all arrays together).
    public var maxParameterSetsPerRecord: Int
    /// `num_ref_frames_in_pic_order_cnt_cycle` (H.264 §7.4.2.1.1 allows 0…255).
    public var maxNumRefFramesInPicOrderCntCycle: Int
    /// `num_short_term_ref_pic_sets` (H.265 §7.4.3.2.1 allows 0…64).
    public var maxShortTermRefPicSets: Int
    /// `vps_num_layer_sets_minus1 + 1` (H.265 allows up to 1024).
    public var maxLayerSets: Int
    /// `pic_size_in_map_units_minus1 + 1` for an explicit slice group map (H.264 PPS type 6).
    public var maxSliceGroupMapUnits: Int

    public init(
        maxSEIPayloadSize: Int = 16 << 20,
        maxSEIMessagesPerNALUnit: Int = 256,
        maxSEIMessagesPerScan: Int = 4096,
        maxParameterSetsPerScan: Int = 64,
        maxKeyframePositions: Int = 100_000,
        maxParameterSetsPerRecord: Int = 64,
        maxNumRefFramesInPicOrderCntCycle: Int = 255,
        maxShortTermRefPicSets: Int = 64,
        maxLayerSets: Int = 1024,
        maxSliceGroupMapUnits: Int = 139_264
    ) {
        self.maxSEIPayloadSize = maxSEIPayloadSize
        self.maxSEIMessagesPerNALUnit = maxSEIMessagesPerNALUnit
        self.maxSEIMessagesPerScan = maxSEIMessagesPerScan
        self.maxParameterSetsPerScan = maxParameterSetsPerScan
        self.maxKeyframePositions = maxKeyframePositions
        self.maxParameterSetsPerRecord = maxParameterSetsPerRecord
        self.maxNumRefFramesInPicOrderCntCycle = maxNumRefFramesInPicOrderCntCycle
        self.maxShortTermRefPicSets = maxShortTermRefPicSets
        self.maxLayerSets = maxLayerSets
        self.maxSliceGroupMapUnits = maxSliceGroupMapUnits
    }

    public static let `default` = CodecLimits()
}
