import CamprintCodecs
import CamprintWire
import Testing

@Suite struct AnnexBTests {
    @Test func splitsThreeAndFourByteStartCodes() {
        let stream: [UInt8] = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 9]
        #expect(AnnexB.nalUnitRanges(in: stream) == [4..<7, 10..<12, 17..<19])
        #expect(Array(AnnexB.nalUnits(in: stream)) == [4..<7, 10..<12, 17..<19])
    }

    @Test func skipsEmptyUnitsAndLeadingBytes() {
        let stream: [UInt8] = [9, 9, 0, 0, 1, 0, 0, 1, 0x41, 0, 0, 1]
        #expect(AnnexB.nalUnitRanges(in: stream) == [8..<9])
        #expect(AnnexB.leadingByteCount(in: stream) == 2)
    }

    /// Start codes at every alignment relative to the 8-byte word scan.
    @Test(arguments: 0..<20) func findsStartCodeAtEveryAlignment(position: Int) {
        var stream = [UInt8](repeating: 0xAB, count: 40)
        stream[position] = 0
        stream[position + 1] = 0
        stream[position + 2] = 1
        stream[position + 3] = 0x09
        #expect(AnnexB.nalUnitRanges(in: stream) == [(position + 3)..<40])
    }

    @Test func noStartCodeGivesNothing() {
        #expect(AnnexB.nalUnitRanges(in: [0, 0, 2, 0, 0, 0, 0]).isEmpty)
        #expect(AnnexB.nalUnitRanges(in: []).isEmpty)
    }

    @Test func lengthPrefixedSplitsAndFlagsTruncation() throws {
        let data: [UInt8] = [0, 2, 0x67, 1, 0, 5, 0x68, 2]
        let split = try LengthPrefixed.split(data, lengthSize: 2)
        #expect(split.units == [2..<4, 6..<8])
        #expect(split.quirks.map(\.code) == ["nal.length-prefixed.truncated"])
        #expect(throws: CodecError.self) { try LengthPrefixed.split(data, lengthSize: 3) }
        #expect(try LengthPrefixed.split([1, 0x41, 1, 0x42], lengthSize: 1).units == [1..<2, 3..<4])
    }

    @Test func emulationPreventionIsRemoved() {
        #expect(EmulationPrevention.removed(from: [0, 0, 3, 1, 0, 0, 3]) == [0, 0, 1, 0, 0])
    }
}
