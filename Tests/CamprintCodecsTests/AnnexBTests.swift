import CamprintCodecs
import Testing

@Suite struct AnnexBTests {
    @Test func splitsThreeAndFourByteStartCodes() {
        let stream: [UInt8] = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 9]
        #expect(AnnexB.nalUnitRanges(in: stream) == [4..<7, 10..<12, 17..<19])
    }
}
