/// Emulation prevention bytes, ITU-T H.264 §7.4.1 and H.265 §7.4.2: inside a NAL unit,
/// `00 00 03` stands for `00 00` followed by the next byte as is.
public enum EmulationPrevention {
    /// The RBSP of a NAL unit payload: every `03` that follows two zero bytes is removed.
    public static func removed(from bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var zeros = 0
        for byte in bytes {
            if zeros >= 2, byte == 0x03 {
                zeros = 0
                continue
            }
            output.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return output
    }

    /// The number of emulation prevention bytes `removed(from:)` would drop.
    public static func count(in bytes: some Collection<UInt8>) -> Int {
        var zeros = 0
        var found = 0
        for byte in bytes {
            if zeros >= 2, byte == 0x03 {
                zeros = 0
                found += 1
                continue
            }
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return found
    }
}
