import CamprintWire
import Testing

@Suite struct ASCIISearchTests {
    @Test(
        arguments: [
            ("rtsp://host/x", "://", 4),
            ("a::/://", "://", 4),
            ("café RTSP/1.0 200", "RTSP/1.0", 5),
            ("RTSP/1.", "RTSP/1.0", nil),
            ("", "x", nil),
            ("xyz", "xyz", 0),
            ("xxy", "xy", 1),
        ] as [(String, String, Int?)]
    )
    func firstRangeAgreesWithACharacterSearch(text: String, needle: String, offset: Int?) {
        let range = ASCII.firstRange(of: needle, in: text[...])
        // Offsets in characters, to compare with what a reader counts.
        #expect(range.map { text.distance(from: text.startIndex, to: $0.lowerBound) } == offset)
        if let range { #expect(String(text[range]) == needle) }
        #expect(ASCII.contains(needle, in: text[...]) == (offset != nil))
    }

    @Test func searchesWithinASubstring() {
        let text = "RTSP/1.0 first\nsecond line"
        let second = text.split(separator: "\n")[1]
        #expect(!ASCII.contains("RTSP", in: second))
        #expect(ASCII.firstRange(of: "line", in: second).map { String(text[$0]) } == "line")
    }
}
