/// Annex B byte streams (ITU-T H.264 Annex B, H.265 Annex B): NAL units separated by the start
/// code prefix `00 00 01`, optionally preceded by a `zero_byte` (the 4-byte form `00 00 00 01`).
///
/// The splitter reports each NAL unit as a range of offsets into the input, from the byte after
/// the start code to the last non-zero byte before the next start code (trailing zero bytes and
/// the `zero_byte` of a 4-byte start code are not part of the NAL unit). Empty NAL units are
/// skipped, as are bytes before the first start code. Nothing is allocated per NAL unit.
public enum AnnexB {
    /// The offset of the first `00 00 01` at or after `start`, or `nil`.
    ///
    /// Scans eight bytes at a time for a zero byte (SWAR), then checks the candidate.
    public static func startCodeOffset(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = buffer.count
        guard let base = buffer.baseAddress, start >= 0, count >= 3 else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let zeros = (word &- ones) & ~word & highs
            if zeros == 0 {
                index += 8
                continue
            }
            // The lowest flagged byte is exactly the first zero byte of the word.
            let candidate = index + zeros.trailingZeroBitCount >> 3
            if candidate + 2 < count, base[candidate + 1] == 0 {
                if base[candidate + 2] == 1 { return candidate }
                // `00 00 00…`: the next candidate may start one byte later.
                index = candidate + 1
            } else {
                // `00 xx` with xx ≠ 0: no start code can begin at candidate or candidate + 1.
                index = candidate + 2
            }
        }
        while index + 2 < count {
            if base[index] == 0, base[index + 1] == 0, base[index + 2] == 1 { return index }
            index += 1
        }
        return nil
    }

    /// The next NAL unit whose start code begins at or after `position`, and where to continue.
    static func nextNALUnit(
        in buffer: UnsafeBufferPointer<UInt8>,
        from position: Int
    ) -> (unit: Range<Int>, next: Int)? {
        var cursor = position
        while let startCode = startCodeOffset(in: buffer, from: cursor) {
            let payloadStart = startCode + 3
            let following = startCodeOffset(in: buffer, from: payloadStart) ?? buffer.count
            var end = following
            while end > payloadStart, buffer[end - 1] == 0 { end -= 1 }
            if end > payloadStart { return (payloadStart..<end, following) }
            cursor = following
        }
        return nil
    }

    /// Calls `body` with the range of every NAL unit in `buffer`, in order.
    public static func forEachNALUnit<Failure: Error>(
        in buffer: UnsafeBufferPointer<UInt8>,
        _ body: (Range<Int>) throws(Failure) -> Void
    ) throws(Failure) {
        var position = 0
        while let found = nextNALUnit(in: buffer, from: position) {
            try body(found.unit)
            position = found.next
        }
    }

    /// Calls `body` with the range (offsets into `bytes`) of every NAL unit, in order.
    public static func forEachNALUnit<Failure: Error>(
        in bytes: [UInt8],
        _ body: (Range<Int>) throws(Failure) -> Void
    ) throws(Failure) {
        var position = 0
        while let found = bytes.withUnsafeBufferPointer({ nextNALUnit(in: $0, from: position) }) {
            try body(found.unit)
            position = found.next
        }
    }

    /// The ranges of all NAL units in `bytes` (offsets into `bytes`).
    public static func nalUnitRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        forEachNALUnit(in: bytes) { ranges.append($0) }
        return ranges
    }

    /// A lazy sequence of the NAL unit ranges in `bytes`.
    public static func nalUnits(in bytes: [UInt8]) -> NALUnitRanges {
        NALUnitRanges(bytes: bytes)
    }

    /// The offset of the first start code, i.e. how many bytes precede the first NAL unit's
    /// start code (`bytes.count` when there is none).
    public static func leadingByteCount(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { startCodeOffset(in: $0, from: 0) } ?? bytes.count
    }

    /// NAL unit ranges of an Annex B stream, found as the sequence is iterated.
    public struct NALUnitRanges: Sequence, Sendable {
        public let bytes: [UInt8]

        public struct Iterator: IteratorProtocol, Sendable {
            let bytes: [UInt8]
            var position = 0
            var finished = false

            public mutating func next() -> Range<Int>? {
                guard !finished else { return nil }
                let from = position
                guard let found = bytes.withUnsafeBufferPointer({ nextNALUnit(in: $0, from: from) }) else {
                    finished = true
                    return nil
                }
                position = found.next
                return found.unit
            }
        }

        public func makeIterator() -> Iterator { Iterator(bytes: bytes) }
    }
}
