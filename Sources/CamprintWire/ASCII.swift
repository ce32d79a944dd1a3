/// Byte-level text helpers for protocols whose text is ASCII but whose input may not be.
public enum ASCII {
    public static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Strips spaces and tabs from both ends.
    public static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return slice
    }

    /// Case-insensitive ASCII comparison.
    public static func equalsIgnoringCase(_ lhs: some Collection<UInt8>, _ rhs: String) -> Bool {
        lhs.count == rhs.utf8.count && zip(lhs, rhs.utf8).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// Text for bytes that should be ASCII; invalid UTF-8 becomes U+FFFD rather than failing.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A decimal integer of at most `maxDigits` digits, no sign; `nil` otherwise (also when it
    /// does not fit in an `Int`).
    public static func parseDecimal(_ bytes: some Collection<UInt8>, maxDigits: Int = 18) -> Int? {
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// The first occurrence of `needle` in `text`, compared byte for byte (UTF-8), as a range of
    /// `text`'s indices. The standard library's generic `firstRange(of:)` runs unspecialised and
    /// Foundation's `range(of:)` goes through NSString on Linux; both showed in agent profiles.
    public static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return text.startIndex..<text.startIndex }
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            if bytes[start] == first {
                var end = bytes.index(after: start)
                var matched = 1
                while matched < pattern.count, end != bytes.endIndex, bytes[end] == pattern[matched] {
                    bytes.formIndex(after: &end)
                    matched += 1
                }
                if matched == pattern.count { return start..<end }
            }
            bytes.formIndex(after: &start)
        }
        return nil
    }

    /// Whether `text` contains `needle`, byte for byte (see ``firstRange(of:in:)``).
    public static func contains(_ needle: String, in text: Substring) -> Bool {
        firstRange(of: needle, in: text) != nil
    }
}
