import CamprintStorage
import Testing

@Suite struct EpochTimeTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)), ("2026-11-26T15:04:05Z", Int64(1_795_705_445_000)),
        ("2000-02-29T23:59:59.5Z", Int64(951_868_799_500)), ("1969-12-31T23:59:59Z", Int64(-1000)),
    ])
    func roundTrips(_ text: String, _ millis: Int64) {
        #expect(EpochTime.milliseconds(fromRFC3339: text) == millis)
        let formatted = EpochTime.rfc3339(milliseconds: millis)
        #expect(EpochTime.milliseconds(fromRFC3339: formatted) == millis)
    }

    @Test func fractionOrdering() {
        let plain = EpochTime.milliseconds(fromRFC3339: "2026-11-26T15:04:05Z")!
        let later = EpochTime.milliseconds(fromRFC3339: "2026-11-26T15:04:05.1Z")!
        #expect(later == plain + 100)
    }

    @Test(arguments: ["", "2026-13-01T00:00:00Z", "2026-11-26 15:04:05Z", "2026-11-26T15:04:05"])
    func rejects(_ text: String) {
        #expect(EpochTime.milliseconds(fromRFC3339: text) == nil)
    }
}
