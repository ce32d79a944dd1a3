import CamprintWire

/// A ``BitReader`` over the RBSP of one NAL unit whose reads throw ``CodecError`` naming the
/// syntax element, with range checks for the bounded Exp-Golomb elements.
struct RBSPReader {
    var bits: BitReader

    /// The RBSP of `nalUnit`: header skipped, emulation prevention removed.
    init(nalUnit: some Collection<UInt8>, headerLength: Int) {
        bits = BitReader(EmulationPrevention.removed(from: nalUnit.dropFirst(headerLength)))
    }

    init(rbsp: [UInt8]) {
        bits = BitReader(rbsp)
    }

    var byteOffset: Int { bits.byteOffset }
    var bitsRemaining: Int { bits.bitsRemaining }

    func error(_ code: CodecError.Code, _ element: String, atBit bit: Int? = nil) -> CodecError {
        let byte = (bit ?? bits.bitOffset) / 8
        let quote = bits.bytes.dropFirst(byte).prefix(8)
        return CodecError(code, offset: byte, excerpt: "\(element) [\(Hex.encode(quote))]")
    }

    mutating func u(_ count: Int, _ element: String) throws(CodecError) -> Int {
        do { return Int(try bits.readBits(count)) } catch { throw self.error(.truncated, element) }
    }

    mutating func flag(_ element: String) throws(CodecError) -> Bool {
        do { return try bits.readFlag() } catch { throw self.error(.truncated, element) }
    }

    mutating func skip(_ count: Int, _ element: String) throws(CodecError) {
        do { try bits.skipBits(count) } catch { throw self.error(.truncated, element) }
    }

    /// `ue(v)` checked against `0...max`.
    mutating func ue(_ element: String, max: Int = Int(UInt32.max)) throws(CodecError) -> Int {
        let start = bits.bitOffset
        let value: Int
        do { value = Int(try bits.readUE()) } catch {
            let tooLong = error.bitOffset == start && start < bits.bytes.count * 8
            throw self.error(tooLong ? .valueOutOfRange : .truncated, element, atBit: start)
        }
        guard value <= max else { throw self.error(.valueOutOfRange, "\(element) = \(value)", atBit: start) }
        return value
    }

    /// `se(v)`.
    mutating func se(_ element: String) throws(CodecError) -> Int {
        do { return Int(try bits.readSE()) } catch { throw self.error(.truncated, element) }
    }

    func moreRBSPData() -> Bool { bits.moreRBSPData() }
}
