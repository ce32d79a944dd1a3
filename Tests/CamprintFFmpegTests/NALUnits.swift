/// Test-side NAL splitting (Annex B or 4-byte length prefixes), to check collected packets.
enum NALUnits {
    /// (type, size) of each NAL unit in `packet`.
    static func list(_ packet: [UInt8], codec: String, lengthPrefixed: Bool) -> [(type: Int, size: Int)] {
        let units = lengthPrefixed ? splitLengthPrefixed(packet) : splitAnnexB(packet)
        return units.compactMap { unit in
            guard let header = unit.first else { return nil }
            let type = codec == "hevc" ? Int(header >> 1) & 0x3F : Int(header) & 0x1F
            return (type, unit.count)
        }
    }

    static func splitLengthPrefixed(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var units: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset + 4 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= bytes.count - offset else { break }
            units.append(bytes[offset..<offset + length])
            offset += length
        }
        return units
    }

    static func splitAnnexB(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var starts: [Int] = []
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                starts.append(index + 3)
                index += 3
            } else {
                index += 1
            }
        }
        return starts.enumerated().map { position, start in
            var end = position + 1 < starts.count ? starts[position + 1] - 3 : bytes.count
            if end > start, position + 1 < starts.count, bytes[end - 1] == 0 { end -= 1 }
            return bytes[start..<end]
        }
    }
}
