import CamprintCodecs
import CamprintWire
import FuzzSupport

/// libFuzzer harness: Annex B splitting, every H.265 parser, hvcC.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    let summary = ElementaryStream.scan(bytes, codec: .h265)
    precondition(summary.nalUnitCount == AnnexB.nalUnitRanges(in: bytes).count)
    _ = try? ParsedNALUnit.parse(bytes, codec: .h265)
    _ = try? H265.VPS(parsing: bytes)
    if let sps = try? H265.SPS(parsing: bytes) { _ = (sps.width, sps.height, sps.frameRate) }
    _ = try? H265.PPS(parsing: bytes)
    _ = try? SEI(parsingNALUnit: bytes, codec: .h265)
    _ = try? HEVCDecoderConfigurationRecord(parsing: bytes)
    // The parsers also see the input behind valid headers, so mutations reach the bodies.
    for header: [UInt8] in [[0x40, 0x01], [0x42, 0x01], [0x44, 0x01], [0x4E, 0x01]] {
        _ = try? ParsedNALUnit.parse(header + bytes, codec: .h265)
    }
    return 0
}

@_cdecl("fuzz_h265_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
