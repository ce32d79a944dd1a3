import CamprintFuzzTargets
import FuzzSupport

/// libFuzzer harness; the checks live in `FuzzTargets.rtsp` (Fuzz/FuzzTargets).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTargets.rtsp(fuzzInput(start, count))
    return 0
}

@_cdecl("fuzz_rtsp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
