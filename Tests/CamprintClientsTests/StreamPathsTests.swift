import CamprintClients
import Testing

@Suite struct StreamPathsTests {
    @Test func hintedVendorsComeFirstAndNothingIsLostOrRepeated() {
        let ranked = StreamPaths.ranked(vendors: ["axis", "Dahua"])
        #expect(ranked.first?.path == "/axis-media/media.amp")
        #expect(ranked[1].path == "/cam/realmonitor?channel=1&subtype=0")
        #expect(Set(ranked) == Set(StreamPaths.candidates))
        #expect(ranked.count == StreamPaths.candidates.count)
    }

    @Test func withoutHintsTheListsOrderHolds() {
        #expect(StreamPaths.ranked(vendors: []) == StreamPaths.candidates)
        #expect(StreamPaths.ranked(vendors: ["NoSuchVendor"]) == StreamPaths.candidates)
        // Every candidate is a path the search can put in a URL, and `/` is asked separately.
        #expect(StreamPaths.candidates.allSatisfy { $0.path.hasPrefix("/") && $0.path != "/" })
    }
}
