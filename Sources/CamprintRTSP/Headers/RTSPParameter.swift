import CamprintWire

/// One `name[=value]` parameter of a structured header value, in the order sent.
public struct RTSPParameter: Hashable, Sendable, Encodable {
    /// The name as sent (case kept).
    public var name: String
    /// The value without surrounding quotes; `nil` for a bare flag such as `unicast`.
    public var value: String?
    /// True when the value was a quoted-string (`mode="play"`).
    public var isQuoted: Bool

    public init(name: String, value: String?, isQuoted: Bool = false) {
        self.name = name
        self.value = value
        self.isQuoted = isQuoted
    }

    /// Case-insensitive name comparison.
    public func hasName(_ other: String) -> Bool {
        ASCII.equalsIgnoringCase(Array(name.utf8), other)
    }
}

/// Splitting of structured header values: separators inside quoted-strings do not count.
enum HeaderSyntax {
    /// Splits on `separator` outside double quotes; at most `limit` pieces (the rest stays in the
    /// last piece).
    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8, limit: Int) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var inQuotes = false
        var pieceStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\\"), inQuotes {
                index += 1
            } else if byte == separator, !inQuotes, pieces.count + 1 < limit {
                pieces.append(bytes[pieceStart..<index])
                pieceStart = index + 1
            }
            index += 1
        }
        pieces.append(bytes[pieceStart..<bytes.endIndex])
        return pieces
    }

    /// `name[=value]` with optional quotes around the value; spaces around both are dropped.
    static func parameter(_ piece: ArraySlice<UInt8>) -> RTSPParameter {
        let trimmed = ASCII.trimmed(piece)
        guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) else {
            return RTSPParameter(name: ASCII.string(trimmed), value: nil)
        }
        let name = ASCII.trimmed(trimmed[trimmed.startIndex..<equals])
        var value = trimmed[(equals + 1)...]
        var isQuoted = false
        let stripped = ASCII.trimmed(value)
        if stripped.count >= 2, stripped.first == UInt8(ascii: "\""), stripped.last == UInt8(ascii: "\"") {
            value = stripped.dropFirst().dropLast()
            isQuoted = true
        }
        return RTSPParameter(name: ASCII.string(name), value: ASCII.string(value), isQuoted: isQuoted)
    }

    static func bytes(_ text: String) -> ArraySlice<UInt8> {
        Array(text.utf8)[...]
    }
}
