import CamprintWire
import Testing

@Suite struct BitReaderTests {
    @Test func readsBitsAcrossBytes() throws {
        var reader = BitReader([0b1010_1100, 0b0101_0011])
        #expect(try reader.readBits(3) == 0b101)
        #expect(try reader.readBits(7) == 0b01_1000_1)
        #expect(try reader.readBits(6) == 0b01_0011)
        #expect(reader.bitsRemaining == 0)
        #expect(throws: BitReaderError.self) { try reader.readBit() }
    }

    /// ITU-T H.264 Table 9-2: bit strings and their ue(v)/se(v) values.
    @Test(arguments: [
        ("1", 0, 0), ("010", 1, 1), ("011", 2, -1), ("00100", 3, 2), ("00101", 4, -2),
        ("00110", 5, 3), ("00111", 6, -3), ("0001000", 7, 4),
    ])
    func expGolomb(bits: String, ue: Int, se: Int) throws {
        let padded = bits + String(repeating: "0", count: (8 - bits.count % 8) % 8)
        var bytes: [UInt8] = []
        var index = padded.startIndex
        while index < padded.endIndex {
            let next = padded.index(index, offsetBy: 8)
            bytes.append(UInt8(padded[index..<next], radix: 2) ?? 0)
            index = next
        }
        var unsigned = BitReader(bytes)
        #expect(try unsigned.readUE() == UInt32(ue))
        var signed = BitReader(bytes)
        #expect(try signed.readSE() == Int32(se))
    }

    @Test func rejectsOverlongExpGolomb() {
        var reader = BitReader([UInt8](repeating: 0, count: 8) + [0xFF])
        #expect(throws: BitReaderError.self) { try reader.readUE() }
    }

    @Test func truncatedExpGolombThrows() {
        var reader = BitReader([0b0000_0001])
        #expect(throws: BitReaderError.self) { try reader.readUE() }
    }

    @Test func moreRBSPDataStopsAtTrailingBits() throws {
        var reader = BitReader([0b1100_0000])
        #expect(reader.moreRBSPData())
        _ = try reader.readBit()
        #expect(!reader.moreRBSPData())
    }
}
