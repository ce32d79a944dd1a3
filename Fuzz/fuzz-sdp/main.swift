import CamprintFuzzTargets
import FuzzSupport

/// libFuzzer harness; the checks live in `FuzzTargets.sdp` (Fuzz/FuzzTargets).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTargets.sdp(fuzzInput(start, count))
    return 0
}

@_cdecl("fuzz_sdp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
