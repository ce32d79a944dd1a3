/// A bounds-checked cursor over bytes: lines, tokens and big-endian integers.
///
/// Every read either returns a value and advances, or returns `nil` and leaves the cursor where
/// it was. Nothing here traps on input, whatever the bytes are.
public struct ByteReader: Sendable {
    /// The whole input; `offset` indexes into it.
    public let bytes: [UInt8]
    /// Position of the next unread byte, from the start of `bytes`.
    public private(set) var offset: Int

    public init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
        self.offset = 0
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// The unread bytes, without consuming them.
    public var rest: ArraySlice<UInt8> { bytes[offset...] }

    public func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    public func peek(at distance: Int) -> UInt8? {
        let index = offset + distance
        return distance >= 0 && index < bytes.count ? bytes[index] : nil
    }

    public mutating func readUInt8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16() -> UInt16? {
        guard let bytes = readBytes(2) else { return nil }
        return UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.startIndex + 1])
    }

    public mutating func readUInt32() -> UInt32? {
        guard let bytes = readBytes(4) else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Little-endian 16-bit integer (the IMKH header is little-endian).
    public mutating func readUInt16LE() -> UInt16? {
        guard let bytes = readBytes(2) else { return nil }
        return UInt16(bytes[bytes.startIndex]) | UInt16(bytes[bytes.startIndex + 1]) << 8
    }

    /// Little-endian 32-bit integer.
    public mutating func readUInt32LE() -> UInt32? {
        guard let bytes = readBytes(4) else { return nil }
        return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    public mutating func readBytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        offset += count
        return true
    }

    /// Reads up to (not including) the first occurrence of `delimiter` and consumes the
    /// delimiter; `nil` when it does not occur within `limit` bytes.
    public mutating func readUntil(_ delimiter: UInt8, limit: Int = .max) -> ArraySlice<UInt8>? {
        let end = searchEnd(limit: limit, slack: 1)
        guard let index = bytes[offset..<Swift.max(offset, end)].firstIndex(of: delimiter) else { return nil }
        defer { offset = index + 1 }
        return bytes[offset..<index]
    }

    /// One line ended by CRLF, a bare LF or a bare CR, without its terminator.
    ///
    /// Returns `nil` when no terminator occurs within `limit` bytes. `ending` tells which
    /// terminator was found, so that callers can record LF-only input as a quirk.
    public mutating func readLine(limit: Int = .max) -> (line: ArraySlice<UInt8>, ending: LineEnding)? {
        var index = offset
        let last = searchEnd(limit: limit, slack: 2)
        while index < last {
            switch bytes[index] {
            case 0x0A:
                defer { offset = index + 1 }
                return (bytes[offset..<index], .lf)
            case 0x0D:
                if index + 1 < bytes.count {
                    let isCRLF = bytes[index + 1] == 0x0A
                    defer { offset = index + (isCRLF ? 2 : 1) }
                    return (bytes[offset..<index], isCRLF ? .crlf : .cr)
                }
                return nil  // a CR at the very end: wait for more bytes to tell CR from CRLF
            default:
                index += 1
            }
        }
        return nil
    }

    /// Reads the rest of the input as the final line when it has no terminator.
    public mutating func readRemainingAsLine() -> ArraySlice<UInt8> {
        defer { offset = bytes.count }
        return bytes[offset...]
    }

    /// Reads bytes while `predicate` holds (possibly none).
    public mutating func readWhile(_ predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = offset
        while offset < bytes.count, predicate(bytes[offset]) { offset += 1 }
        return bytes[start..<offset]
    }

    /// The end of a bounded search: `limit` bytes of content plus `slack` terminator bytes,
    /// without overflowing when `limit` is `Int.max`.
    private func searchEnd(limit: Int, slack: Int) -> Int {
        let window = Swift.max(0, limit)
        return window >= remaining ? bytes.count : Swift.min(bytes.count, offset + window + slack)
    }

    /// Moves the cursor back to an earlier `offset` (from `offset` itself).
    public mutating func rewind(to position: Int) {
        offset = Swift.max(0, Swift.min(position, bytes.count))
    }
}

/// How a text line was terminated.
public enum LineEnding: String, Sendable, Hashable, Codable {
    case crlf
    case lf
    case cr
}
