public import CamprintWire

/// One direction of a TCP connection, reassembled: the bytes in sequence order, when each part
/// was captured, and what was irregular on the way (`tcp.*` quirks).
public struct ReassembledStream: Hashable, Sendable, Encodable {
    /// Where in `bytes` data captured at `timeNanoseconds` starts.
    public struct Mark: Hashable, Sendable, Encodable {
        public var offset: Int
        public var timeNanoseconds: Int64
    }

    public var bytes: HexBytes
    public var marks: [Mark]
    /// `tcp.retransmission`, `tcp.overlap`, `tcp.out-of-order`, `tcp.gap`, `tcp.truncated`.
    public var quirks: [Quirk]

    public init(bytes: [UInt8], marks: [Mark], quirks: [Quirk]) {
        self.bytes = HexBytes(bytes)
        self.marks = marks
        self.quirks = quirks
    }

    /// Capture time of the byte at `offset` (of the segment that first delivered it).
    public func time(at offset: Int) -> Int64 {
        var low = 0
        var high = marks.count - 1
        var found = marks.first?.timeNanoseconds ?? 0
        while low <= high {
            let middle = (low + high) / 2
            if marks[middle].offset <= offset {
                found = marks[middle].timeNanoseconds
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }
}
