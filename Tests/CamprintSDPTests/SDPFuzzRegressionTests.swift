import CamprintSDP
import CamprintTestSupport
import Testing

/// Replays `Samples/fuzz-regressions/sdp/`: each input parses (or fails cleanly) and round-trips.
@Suite struct SDPFuzzRegressionTests {
    static let inputs = Samples.files(under: "fuzz-regressions/sdp").filter { !$0.hasSuffix(".md") }

    @Test func regressionsArePresent() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func replays(_ path: String) throws {
        let bytes = try Samples.bytes(path)
        guard let parsed = try? SessionDescription(parsing: bytes) else { return }
        #expect(parsed.serializedBytes() == bytes, "\(path): serialized bytes differ")
        #expect(try SessionDescription(parsing: parsed.serializedBytes()) == parsed, "\(path): round trip differs")
        for media in parsed.media {
            _ = media.h264()
            _ = media.h265()
        }
    }
}
