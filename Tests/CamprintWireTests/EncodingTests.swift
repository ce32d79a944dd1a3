import CamprintWire
import Testing

@Suite struct EncodingTests {
    @Test func removesEmulationPrevention() {
        #expect(EmulationPrevention.removed(from: [0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03]) == [0, 0, 1, 0, 0])
        #expect(EmulationPrevention.removed(from: [0x00, 0x03, 0x00]) == [0x00, 0x03, 0x00])
        #expect(EmulationPrevention.count(in: [0x00, 0x00, 0x03, 0x00, 0x00, 0x03]) == 2)
    }

    @Test func base64RoundTrip() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        // A real Hikvision sprop-parameter-sets value (retina hikvision_describe.txt).
        #expect(Base64.decode("Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA==")?.prefix(4) == [0x67, 0x4D, 0x00, 0x29])
    }

    @Test func base64RejectsBinaryAndWhitespace() {
        #expect(Base64.decode([0x42, 0x01, 0x01, 0x01, 0x60]) == nil)
        #expect(Base64.decode("Z00A KZpk") == nil)
        #expect(Base64.decode("Z") == nil)
        #expect(Base64.decode("Zm9v===") == nil)
    }

    @Test func hexRoundTrip() {
        #expect(Hex.encode([0x49, 0x4D, 0x4B, 0x48]) == "494d4b48")
        #expect(Hex.decode("494D4B48") == [0x49, 0x4D, 0x4B, 0x48])
        #expect(Hex.decode("494") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test func excerptsArePrintableAndBounded() {
        #expect(Excerpt.make([0x41, 0x00, 0x0D, 0x0A]) == "A\\x00\\r\\n")
        let long = Excerpt.make([UInt8](repeating: 0x41, count: 500))
        #expect(long.count == Excerpt.maximumLength + 1)
        #expect(Quirk("x.y", String(repeating: "z", count: 100)).detail.count == Excerpt.maximumLength + 1)
    }

    @Test func asciiHelpers() {
        #expect(ASCII.parseDecimal(Array("0123".utf8)) == 123)
        #expect(ASCII.parseDecimal(Array("12a".utf8)) == nil)
        #expect(ASCII.parseDecimal(Array(String(repeating: "9", count: 40).utf8)) == nil)
        #expect(ASCII.equalsIgnoringCase(Array("Content-LENGTH".utf8), "content-length"))
        #expect(Array(ASCII.trimmed(ArraySlice(" \tab \t".utf8))) == Array("ab".utf8))
    }
}

@Suite struct DecimalOverflowTests {
    @Test func overlongDecimalIsNilNotATrap() {
        #expect(ASCII.parseDecimal(Array(String(repeating: "9", count: 31).utf8), maxDigits: 64) == nil)
        #expect(ASCII.parseDecimal(Array("9223372036854775807".utf8), maxDigits: 19) == Int.max)
    }
}
