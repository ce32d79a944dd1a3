import CamprintTestSupport
import Testing

@Suite struct CorpusLocatorTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func findsRealCaptures() {
        #expect(Corpus.files(under: "sdp", extensions: [".sdp"]).count >= 10)
        #expect(Corpus.files(under: "rtsp_text").contains("rtsp_text/retina/hikvision_describe.txt"))
    }
}
