/// One raw NAL unit (header included, no start code, e.g. a `.nal` file) parsed according to
/// its type.
public enum ParsedNALUnit: Hashable, Sendable, Encodable {
    case h264SPS(H264.SPS)
    case h264PPS(H264.PPS)
    case h265VPS(H265.VPS)
    case h265SPS(H265.SPS)
    case h265PPS(H265.PPS)
    case sei(SEI)
    /// A type without a parser here (slices, AUD, reserved types, …): its header only.
    case h264Other(H264.NALHeader)
    case h265Other(H265.NALHeader)

    /// Dispatches on the NAL unit type of `codec`.
    public static func parse(
        _ nalUnit: some Collection<UInt8>,
        codec: VideoCodec,
        limits: CodecLimits = .default
    ) throws(CodecError) -> ParsedNALUnit {
        let bytes = Array(nalUnit)
        switch codec {
        case .h264:
            guard let header = H264.NALHeader(nalUnit: bytes) else {
                throw CodecError(.missingNALHeader, offset: 0, excerpt: "empty NAL unit")
            }
            switch header.nalUnitType {
            case .sps: return .h264SPS(try H264.SPS(parsing: bytes, limits: limits))
            case .pps: return .h264PPS(try H264.PPS(parsing: bytes, limits: limits))
            case .sei: return .sei(try SEI(parsingNALUnit: bytes, codec: .h264, limits: limits))
            default: return .h264Other(header)
            }
        case .h265:
            guard let header = H265.NALHeader(nalUnit: bytes) else {
                throw CodecError(.missingNALHeader, offset: 0, excerpt: "NAL unit shorter than 2 bytes")
            }
            switch header.nalUnitType {
            case .vps: return .h265VPS(try H265.VPS(parsing: bytes, limits: limits))
            case .sps: return .h265SPS(try H265.SPS(parsing: bytes, limits: limits))
            case .pps: return .h265PPS(try H265.PPS(parsing: bytes, limits: limits))
            case .prefixSEI, .suffixSEI: return .sei(try SEI(parsingNALUnit: bytes, codec: .h265, limits: limits))
            default: return .h265Other(header)
            }
        }
    }
}
