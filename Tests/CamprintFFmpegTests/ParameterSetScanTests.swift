import CamprintCodecs
import Testing

@testable import CamprintFFmpeg

/// The stop condition's look at a packet: does it carry a parameter set? Read with CamprintCodecs'
/// walkers, Annex B or length-prefixed (ISO/IEC 14496-15 §5.3.2), with the Annex B reading as the
/// fallback for a packet that is not a clean chain of lengths.
@Suite struct ParameterSetScanTests {
    static func scan(_ bytes: [UInt8], _ codec: VideoCodec, lengthSize: Int? = nil) -> Bool {
        bytes.withUnsafeBufferPointer {
            ParameterSetScan.containsParameterSet($0, codec: codec, lengthSize: lengthSize)
        }
    }

    @Test func annexB() {
        #expect(Self.scan([0, 0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, 0xCE], .h264))
        #expect(!Self.scan([0, 0, 0, 1, 0x65, 0x88, 0, 0, 1, 0x06, 0x05], .h264))
        // H.265 VPS (type 32), SPS (33), PPS (34); an IDR slice (19) is none.
        #expect(Self.scan([0, 0, 1, 0x40, 0x01, 0xAA], .h265))
        #expect(Self.scan([0, 0, 1, 0x26, 0x01, 0, 0, 1, 0x44, 0x01], .h265))
        #expect(!Self.scan([0, 0, 1, 0x26, 0x01, 0xAF], .h265))
        // An empty unit between two start codes is no unit.
        #expect(Self.scan([0, 0, 1, 0, 0, 1, 0x67, 0x42], .h264))
        #expect(!Self.scan([], .h264))
    }

    @Test func lengthPrefixed() {
        #expect(Self.scan([0, 0, 0, 2, 0x65, 0x88, 0, 0, 0, 2, 0x67, 0x42], .h264, lengthSize: 4))
        #expect(!Self.scan([0, 0, 0, 2, 0x65, 0x88, 0, 0, 0, 2, 0x06, 0x05], .h264, lengthSize: 4))
        #expect(Self.scan([0, 2, 0x42, 0x01], .h265, lengthSize: 2))
    }

    @Test func aPacketThatIsNoChainOfLengthsIsReadAsAnnexB() {
        // The length (0x00000167) runs past the end: the Annex B start code is found.
        #expect(Self.scan([0, 0, 1, 0x67, 0x42, 0], .h264, lengthSize: 4))
        // Zero-length unit: not a clean chain either.
        #expect(!Self.scan([0, 0, 0, 0, 0, 0, 0, 1, 0x65], .h264, lengthSize: 4))
        #expect(Self.scan([0, 0, 0, 1, 0x67], .h264, lengthSize: 3))
    }

    @Test func lengthSizeComesFromTheDecoderConfigurationRecord() {
        #expect(ParameterSetScan.lengthSize(extradata: [0, 0, 0, 1, 0x67], codec: .h264) == nil)
        #expect(ParameterSetScan.lengthSize(extradata: [], codec: .h265) == nil)
        // avcC with lengthSizeMinusOne = 3, no parameter sets (ISO/IEC 14496-15 §5.3.3.1).
        #expect(ParameterSetScan.lengthSize(extradata: [1, 0x42, 0, 0x1E, 0xFF, 0xE0, 0], codec: .h264) == 4)
    }
}
