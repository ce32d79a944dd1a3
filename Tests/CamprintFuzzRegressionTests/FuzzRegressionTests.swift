import CamprintFuzzTargets
import CamprintTestSupport
import Testing

/// Replays every saved fuzz finding, every project sample and every corpus file through every
/// fuzz check: a finding that comes back traps here, in an ordinary `swift test`.
@Suite struct FuzzRegressionTests {
    static let regressions = FuzzTargets.all.flatMap { target in
        Samples.files(under: "fuzz-regressions/\(target.name)").filter { !$0.hasSuffix(".md") }.map {
            (target.name, $0)
        }
    }

    @Test(arguments: regressions)
    func savedFindingStaysFixed(harness: String, path: String) throws {
        let check = try #require(FuzzTargets.all.first { $0.name == harness }?.check)
        check(try Samples.bytes(path))
    }

    static let samples = ["h264", "h265", "sdp"].flatMap { Samples.files(under: $0) }.filter { !$0.hasSuffix(".md") }

    @Test(arguments: samples)
    func projectSamplesPassEveryCheck(path: String) throws {
        let bytes = try Samples.bytes(path)
        for target in FuzzTargets.all { target.check(bytes) }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusFilesPassEveryCheck() throws {
        for path in Corpus.files()
        where !path.hasSuffix(".pcap") && !path.hasSuffix(".pcapng") && !path.hasSuffix(".mp4") {
            let bytes = try Corpus.bytes(path)
            for target in FuzzTargets.all { target.check(Array(bytes.prefix(65_536))) }
        }
    }
}
