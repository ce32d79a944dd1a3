import CamprintWire
import FuzzSupport

/// libFuzzer harness (placeholder until the parser module lands: exercises the line reader).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var reader = ByteReader(fuzzInput(start, count))
    while reader.readLine(limit: 4096) != nil {}
    return 0
}

@_cdecl("fuzz_h265_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
