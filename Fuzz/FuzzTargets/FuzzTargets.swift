/// The property checks behind each libFuzzer harness in `Fuzz/fuzz-*`, as plain functions so
/// that `swift test` replays `Samples/fuzz-regressions/<harness>/` and every sample through
/// them (CamprintFuzzRegressionTests). A violated property traps (`precondition`): that is the
/// finding.
public enum FuzzTargets {
    /// Harness name → check, as used by the regression tests and `scripts/fuzz.sh`.
    public static let all: [(name: String, check: @Sendable ([UInt8]) -> Void)] = [
        ("rtsp", rtsp),
        ("sdp", sdp),
        ("h264", h264),
        ("h265", h265),
        ("pcap", pcap),
    ]
}
