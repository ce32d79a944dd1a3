/// A bounds-checked, most-significant-bit-first reader over RBSP bytes, with the Exp-Golomb
/// codes of ITU-T H.264 §9.1 and H.265 §9.2.
///
/// Reads past the end throw ``BitReaderError``; emulation prevention must already be removed
/// (see ``EmulationPrevention``).
public struct BitReader: Sendable {
    public let bytes: [UInt8]
    /// Position of the next unread bit from the start of `bytes`.
    public private(set) var bitOffset: Int

    public init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
        self.bitOffset = 0
    }

    public var bitsRemaining: Int { bytes.count * 8 - bitOffset }
    public var isByteAligned: Bool { bitOffset % 8 == 0 }
    public var byteOffset: Int { bitOffset / 8 }

    public mutating func readBit() throws(BitReaderError) -> UInt8 {
        guard bitOffset < bytes.count * 8 else { throw BitReaderError(bitOffset: bitOffset) }
        let byte = bytes[bitOffset >> 3]
        let bit = (byte >> (7 - UInt8(bitOffset & 7))) & 1
        bitOffset += 1
        return bit
    }

    public mutating func readFlag() throws(BitReaderError) -> Bool {
        try readBit() == 1
    }

    /// `u(n)`: an unsigned integer of `count` bits, 0 ≤ count ≤ 64.
    public mutating func readBits(_ count: Int) throws(BitReaderError) -> UInt64 {
        guard count >= 0, count <= 64, count <= bitsRemaining else { throw BitReaderError(bitOffset: bitOffset) }
        var value: UInt64 = 0
        var left = count
        while left > 0 {
            let inByte = 8 - (bitOffset & 7)
            let take = Swift.min(inByte, left)
            let byte = UInt64(bytes[bitOffset >> 3])
            let shifted = (byte >> UInt64(inByte - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | shifted
            bitOffset += take
            left -= take
        }
        return value
    }

    /// `u(n)` as an `Int` for counts up to 32 bits.
    public mutating func readInt(_ count: Int) throws(BitReaderError) -> Int {
        guard count <= 32 else { throw BitReaderError(bitOffset: bitOffset) }
        return Int(try readBits(count))
    }

    public mutating func skipBits(_ count: Int) throws(BitReaderError) {
        guard count >= 0, count <= bitsRemaining else { throw BitReaderError(bitOffset: bitOffset) }
        bitOffset += count
    }

    /// `ue(v)`: unsigned Exp-Golomb (H.264 §9.1). Codes longer than 32 leading zeros are
    /// rejected: no syntax element of either standard needs them.
    public mutating func readUE() throws(BitReaderError) -> UInt32 {
        let start = bitOffset
        var leadingZeros = 0
        while try readBit() == 0 {
            leadingZeros += 1
            guard leadingZeros <= 32 else { throw BitReaderError(bitOffset: start) }
        }
        let suffix = try readBits(leadingZeros)
        let value = (UInt64(1) << UInt64(leadingZeros)) - 1 + suffix
        guard value <= UInt64(UInt32.max) else { throw BitReaderError(bitOffset: start) }
        return UInt32(value)
    }

    /// `ue(v)` as an `Int`.
    public mutating func readUEInt() throws(BitReaderError) -> Int {
        Int(try readUE())
    }

    /// `se(v)`: signed Exp-Golomb (H.264 §9.1.1): 1, −1, 2, −2, …
    public mutating func readSE() throws(BitReaderError) -> Int32 {
        let code = Int64(try readUE())
        let magnitude = (code + 1) / 2
        return Int32(truncatingIfNeeded: code % 2 == 1 ? magnitude : -magnitude)
    }

    /// True when only the RBSP trailing bits (a 1 then zeros) or nothing remain
    /// (H.264 §7.2 `more_rbsp_data()`).
    public func moreRBSPData() -> Bool {
        guard bitsRemaining > 0 else { return false }
        // Find the last set bit in the buffer; there is more data if it lies after the cursor.
        var lastByte = bytes.count - 1
        while lastByte >= 0, bytes[lastByte] == 0 { lastByte -= 1 }
        guard lastByte >= 0 else { return false }
        let byte = bytes[lastByte]
        let trailingZeros = byte.trailingZeroBitCount
        let lastSetBit = lastByte * 8 + (7 - trailingZeros)
        return bitOffset < lastSetBit
    }
}

/// A read past the end of the bits, or an Exp-Golomb code too long to be valid.
public struct BitReaderError: Error, Hashable, Sendable {
    /// Where the failing read started, in bits from the start of the RBSP.
    public var bitOffset: Int

    public init(bitOffset: Int) {
        self.bitOffset = bitOffset
    }
}
