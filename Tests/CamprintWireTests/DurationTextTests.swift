import CamprintWire
import Testing

/// One duration parser for the command line's `--timeout`/`--sample`/`--wait` and `agent.yaml`.
@Suite struct DurationTextTests {
    static let year = Duration.seconds(366 * 86400)

    @Test(
        arguments: [
            ("500ms", 500), ("30s", 30_000), ("5m", 300_000), ("2h", 7_200_000), ("1d", 86_400_000), ("7", 7000),
            ("1.5s", 1500), ("0", 0), ("0.0004s", 0), (" 10S ", 10_000), ("\t2M", 120_000),
        ] as [(String, Int64)]
    )
    func parses(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text, maximum: Self.year) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "s", "ms", "-1s", "1x", "1 s", "10sec", "nan", "infs", "1e400", "1,5s", "1h30m"])
    func refuses(text: String) {
        #expect(DurationText.parse(text, maximum: Self.year) == nil)
    }

    @Test func theCallerSetsTheBound() {
        #expect(DurationText.parse("1h", maximum: .seconds(3600)) == .seconds(3600))
        #expect(DurationText.parse("3601", maximum: .seconds(3600)) == nil)
        #expect(DurationText.parse("366d", maximum: Self.year) == Self.year)
        #expect(DurationText.parse("367d", maximum: Self.year) == nil)
        #expect(DurationText.parse("1.5s", maximum: .milliseconds(1500)) == .milliseconds(1500))
    }
}
