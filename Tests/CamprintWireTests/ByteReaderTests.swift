import CamprintWire
import Testing

@Suite struct ByteReaderTests {
    @Test func readsBigAndLittleEndianIntegers() {
        var reader = ByteReader([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0x01, 0x02])
        #expect(reader.readUInt16() == 0x1234)
        #expect(reader.readUInt32() == 0x5678_9ABC)
        #expect(reader.readUInt16LE() == 0x0201)
        #expect(reader.isAtEnd)
        #expect(reader.readUInt8() == nil)
    }

    @Test func shortReadLeavesCursorInPlace() {
        var reader = ByteReader([0x01, 0x02, 0x03])
        #expect(reader.readUInt32() == nil)
        #expect(reader.offset == 0)
        #expect(reader.readBytes(-1) == nil)
        let skipped = reader.skip(4)
        #expect(!skipped)
    }

    @Test func readsLinesWithEveryEnding() {
        var reader = ByteReader(Array("a\r\nbb\ncc\rd".utf8))
        let first = reader.readLine()
        #expect(first.map { Array($0.line) } == Array("a".utf8))
        #expect(first?.ending == .crlf)
        #expect(reader.readLine()?.ending == .lf)
        #expect(reader.readLine()?.ending == .cr)
        #expect(reader.readLine() == nil)
        #expect(Array(reader.readRemainingAsLine()) == Array("d".utf8))
    }

    @Test func lineLimitStopsLongLines() {
        var reader = ByteReader(Array(repeating: UInt8(ascii: "x"), count: 100) + [0x0A])
        #expect(reader.readLine(limit: 10) == nil)
        #expect(reader.offset == 0)
        #expect(reader.readLine(limit: 100) != nil)
    }

    @Test func trailingCarriageReturnWaitsForMore() {
        var reader = ByteReader(Array("abc\r".utf8))
        #expect(reader.readLine() == nil)
    }

    @Test func readUntilDelimiter() {
        var reader = ByteReader(Array("key: value".utf8))
        #expect(reader.readUntil(UInt8(ascii: ":")).map(Array.init) == Array("key".utf8))
        #expect(reader.readUntil(UInt8(ascii: ":")) == nil)
        #expect(reader.readUntil(UInt8(ascii: "v"), limit: 0) == nil)
        #expect(reader.readUntil(UInt8(ascii: "v"), limit: 1) != nil)
    }
}
