import CamprintFuzzTargets
import FuzzSupport

/// libFuzzer harness; the checks live in `FuzzTargets.pcap` (Fuzz/FuzzTargets).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTargets.pcap(fuzzInput(start, count))
    return 0
}

@_cdecl("fuzz_pcap_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
