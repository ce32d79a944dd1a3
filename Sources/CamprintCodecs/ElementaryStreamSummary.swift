public import CamprintWire

/// What an Annex B elementary stream contains: NAL unit type counts, the distinct parameter
/// sets (parsed), every SEI message, and where the keyframes are.
public struct ElementaryStreamSummary: Hashable, Sendable, Encodable {
    /// How many NAL units of one `nal_unit_type`.
    public struct TypeCount: Hashable, Sendable, Encodable {
        public var nalUnitType: UInt8
        public var name: String
        public var count: Int
    }

    /// An SEI message with the NAL unit it came from.
    public struct LocatedSEIMessage: Hashable, Sendable, Encodable {
        /// Index of the NAL unit in the stream (0-based, counting every NAL unit).
        public var nalIndex: Int
        /// Offset of the NAL unit's first byte (after the start code) in the stream.
        public var nalOffset: Int
        /// The NAL unit type (6 for H.264; 39 or 40 for H.265).
        public var nalUnitType: UInt8
        public var message: SEIMessage
    }

    /// The first slice of a keyframe: H.264 IDR slice (type 5) with first_mb_in_slice 0, or
    /// H.265 IRAP (16…23) with first_slice_segment_in_pic_flag 1.
    public struct KeyframePosition: Hashable, Sendable, Encodable {
        public var nalIndex: Int
        public var nalOffset: Int
    }

    public var codec: VideoCodec
    public var byteCount: Int
    public var nalUnitCount: Int
    /// Sorted by type.
    public var typeCounts: [TypeCount]
    public var h264SPS: [H264.SPS] = []
    public var h264PPS: [H264.PPS] = []
    public var h265VPS: [H265.VPS] = []
    public var h265SPS: [H265.SPS] = []
    public var h265PPS: [H265.PPS] = []
    /// At most ``CodecLimits/maxSEIMessagesPerScan``; `seiMessageCount` counts them all.
    public var seiMessages: [LocatedSEIMessage] = []
    public var seiMessageCount = 0
    public var keyframeCount = 0
    /// At most ``CodecLimits/maxKeyframePositions``.
    public var keyframePositions: [KeyframePosition] = []
    /// `annexb.leading-bytes` (bytes before the first start code), `annexb.no-start-code`,
    /// `nal.forbidden-zero-bit`, `scan.parameter-set.unparsable` (with the error),
    /// `scan.parameter-sets.over-limit`, `scan.sei.over-limit`, `scan.sei.unparsable`, and the
    /// quirks of each SEI NAL unit and parameter set, with offsets in the stream.
    public var quirks: [Quirk] = []

    /// The first parsed SPS of the stream's codec: size, frame rate and profile in one place.
    public var width: Int? { h264SPS.first?.width ?? h265SPS.first?.width }
    public var height: Int? { h264SPS.first?.height ?? h265SPS.first?.height }
    public var frameRate: Double? { h264SPS.first?.frameRate ?? h265SPS.first?.frameRate }

    init(codec: VideoCodec, byteCount: Int) {
        self.codec = codec
        self.byteCount = byteCount
        nalUnitCount = 0
        typeCounts = []
    }
}

/// Walks Annex B elementary streams.
public enum ElementaryStream {
    /// Splits `bytes` (Annex B) into NAL units and summarizes them. Only parameter sets, SEI
    /// NAL units and the first bits of IRAP/IDR slices are parsed; other NAL units are counted.
    public static func scan(
        _ bytes: [UInt8],
        codec: VideoCodec,
        limits: CodecLimits = .default
    ) -> ElementaryStreamSummary {
        var summary = ElementaryStreamSummary(codec: codec, byteCount: bytes.count)
        var counts = [Int](repeating: 0, count: 64)
        var seenParameterSets = Set<[UInt8]>()
        let leading = AnnexB.leadingByteCount(in: bytes)
        if leading == bytes.count, !bytes.isEmpty {
            summary.quirks.append(Quirk("annexb.no-start-code", "no 00 00 01 in \(bytes.count) bytes", offset: 0))
        } else if leading > 0, bytes[0..<leading].contains(where: { $0 != 0 }) {
            summary.quirks.append(
                Quirk("annexb.leading-bytes", "\(leading) bytes before the first start code", offset: 0)
            )
        }
        var index = 0
        AnnexB.forEachNALUnit(in: bytes) { range in
            defer { index += 1 }
            let first = bytes[range.lowerBound]
            if first & 0x80 != 0 {
                summary.quirks.append(Quirk("nal.forbidden-zero-bit", "NAL \(index)", offset: range.lowerBound))
            }
            let type = codec == .h264 ? Int(first & 0x1F) : Int(first >> 1 & 0x3F)
            counts[type] += 1
            switch (codec, type) {
            case (.h264, 7), (.h264, 8), (.h265, 32), (.h265, 33), (.h265, 34):
                let unit = Array(bytes[range])
                guard !seenParameterSets.contains(unit) else { return }
                guard seenParameterSets.count < limits.maxParameterSetsPerScan else {
                    if seenParameterSets.count == limits.maxParameterSetsPerScan {
                        summary.quirks.append(Quirk("scan.parameter-sets.over-limit", "", offset: range.lowerBound))
                        seenParameterSets.insert([])
                    }
                    return
                }
                seenParameterSets.insert(unit)
                summary.addParameterSet(unit, offset: range.lowerBound, limits: limits)
            case (.h264, 6), (.h265, 39), (.h265, 40):
                summary.addSEI(bytes[range], nalIndex: index, offset: range.lowerBound, limits: limits)
            case (.h264, 5), (.h265, 16...23):
                if isFirstSliceOfPicture(bytes[range], codec: codec) {
                    summary.keyframeCount += 1
                    if summary.keyframePositions.count < limits.maxKeyframePositions {
                        summary.keyframePositions.append(.init(nalIndex: index, nalOffset: range.lowerBound))
                    }
                }
            default:
                break
            }
        }
        summary.nalUnitCount = index
        let names: (Int) -> String = { type in
            codec == .h264
                ? H264.NALUnitType(rawValue: UInt8(type)).name : H265.NALUnitType(rawValue: UInt8(type)).name
        }
        summary.typeCounts = counts.enumerated().filter { $0.element > 0 }.map {
            .init(nalUnitType: UInt8($0.offset), name: names($0.offset), count: $0.element)
        }
        return summary
    }

    /// first_mb_in_slice == 0 (H.264 §7.3.3) or first_slice_segment_in_pic_flag (H.265 §7.3.6.1).
    static func isFirstSliceOfPicture(_ unit: ArraySlice<UInt8>, codec: VideoCodec) -> Bool {
        let payloadStart = unit.startIndex + codec.nalHeaderLength
        guard payloadStart < unit.endIndex else { return false }
        // Both tests read the first bit after the header: ue(v) 0 is coded as a single 1 bit.
        return unit[payloadStart] & 0x80 != 0
    }
}

extension ElementaryStreamSummary {
    mutating func addParameterSet(_ unit: [UInt8], offset: Int, limits: CodecLimits) {
        do throws(CodecError) {
            switch ParsedNALUnitKind(unit, codec) {
            case .h264SPS:
                let sps = try H264.SPS(parsing: unit, limits: limits)
                h264SPS.append(sps)
                quirks += sps.quirks.map { shifted($0, by: offset) }
            case .h264PPS: h264PPS.append(try H264.PPS(parsing: unit, limits: limits))
            case .h265VPS:
                let vps = try H265.VPS(parsing: unit, limits: limits)
                h265VPS.append(vps)
                quirks += vps.quirks.map { shifted($0, by: offset) }
            case .h265SPS:
                let sps = try H265.SPS(parsing: unit, limits: limits)
                h265SPS.append(sps)
                quirks += sps.quirks.map { shifted($0, by: offset) }
            case .h265PPS: h265PPS.append(try H265.PPS(parsing: unit, limits: limits))
            case .other: break
            }
        } catch {
            quirks.append(Quirk("scan.parameter-set.unparsable", error.description, offset: offset))
        }
    }

    mutating func addSEI(_ unit: ArraySlice<UInt8>, nalIndex: Int, offset: Int, limits: CodecLimits) {
        let sei: SEI
        do { sei = try SEI(parsingNALUnit: unit, codec: codec, limits: limits) } catch {
            quirks.append(Quirk("scan.sei.unparsable", error.description, offset: offset))
            return
        }
        quirks += sei.quirks.map { shifted($0, by: offset + codec.nalHeaderLength) }
        let type = codec == .h264 ? unit[unit.startIndex] & 0x1F : unit[unit.startIndex] >> 1 & 0x3F
        for message in sei.messages {
            seiMessageCount += 1
            if seiMessages.count < limits.maxSEIMessagesPerScan {
                seiMessages.append(.init(nalIndex: nalIndex, nalOffset: offset, nalUnitType: type, message: message))
            } else if seiMessageCount == limits.maxSEIMessagesPerScan + 1 {
                quirks.append(Quirk("scan.sei.over-limit", "more than \(limits.maxSEIMessagesPerScan)", offset: offset))
            }
        }
    }

    /// `quirk` with its offset moved from NAL-relative to stream-relative (approximately, for
    /// RBSP offsets).
    private func shifted(_ quirk: Quirk, by base: Int) -> Quirk {
        Quirk(quirk.code, quirk.detail, offset: quirk.offset.map { $0 + base } ?? base)
    }
}

/// Which parameter set parser applies to a NAL unit.
private enum ParsedNALUnitKind {
    case h264SPS, h264PPS, h265VPS, h265SPS, h265PPS, other

    init(_ unit: [UInt8], _ codec: VideoCodec) {
        guard let first = unit.first else {
            self = .other
            return
        }
        switch (codec, codec == .h264 ? first & 0x1F : first >> 1 & 0x3F) {
        case (.h264, 7): self = .h264SPS
        case (.h264, 8): self = .h264PPS
        case (.h265, 32): self = .h265VPS
        case (.h265, 33): self = .h265SPS
        case (.h265, 34): self = .h265PPS
        default: self = .other
        }
    }
}
