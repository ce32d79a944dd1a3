public import CamprintWire

/// NAL units preceded by a big-endian length of 1, 2 or 4 bytes, as in MP4 samples described
/// by `avcC`/`hvcC` (ISO/IEC 14496-15 §5.3.2, `lengthSizeMinusOne + 1`).
public enum LengthPrefixed {
    /// The NAL unit ranges of `bytes` and the deviations met.
    public struct Split: Hashable, Sendable {
        public var units: [Range<Int>]
        /// `nal.length-prefixed.truncated` when the last length runs past the end (the partial
        /// unit is still reported), `nal.length-prefixed.zero-length` for empty units (skipped).
        public var quirks: [Quirk]
    }

    /// Splits `bytes` into NAL units with `lengthSize`-byte lengths (1, 2 or 4).
    public static func split(_ bytes: [UInt8], lengthSize: Int) throws(CodecError) -> Split {
        try bytes.withUnsafeBufferPointer { buffer throws(CodecError) in try split(buffer, lengthSize: lengthSize) }
    }

    /// Splits `bytes` in place (a packet of FFmpeg's, no copy); ranges are offsets into `bytes`.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, lengthSize: Int) throws(CodecError) -> Split {
        guard lengthSize == 1 || lengthSize == 2 || lengthSize == 4 else {
            throw CodecError(.invalidLengthSize, offset: 0, excerpt: "length size \(lengthSize)")
        }
        var units: [Range<Int>] = []
        var quirks: [Quirk] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + lengthSize <= bytes.count else {
                quirks.append(Quirk("nal.length-prefixed.truncated", "partial length field", offset: offset))
                break
            }
            var length = 0
            for index in offset..<offset + lengthSize { length = length << 8 | Int(bytes[index]) }
            let start = offset + lengthSize
            if length == 0 {
                quirks.append(Quirk("nal.length-prefixed.zero-length", "", offset: offset))
                offset = start
                continue
            }
            if length > bytes.count - start {
                quirks.append(
                    Quirk(
                        "nal.length-prefixed.truncated",
                        "length \(length), \(bytes.count - start) bytes left",
                        offset: offset
                    )
                )
                units.append(start..<bytes.count)
                break
            }
            units.append(start..<start + length)
            offset = start + length
        }
        return Split(units: units, quirks: quirks)
    }
}
