import CamprintWire

/// `a=x-dimensions:<width>,<height>` (a common non-standard attribute, Hikvision and others).
public struct XDimensions: Hashable, Sendable, Encodable {
    public var width: Int?
    public var height: Int?
    public var raw: String

    public init(width: Int?, height: Int?, raw: String) {
        self.width = width
        self.height = height
        self.raw = raw
    }
}

extension XDimensions {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> XDimensions {
        let parts = value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let numbers = parts.map { ASCII.parseDecimal(ASCII.trimmed(Array($0)[...]), maxDigits: 6) }
        if parts.count != 2 || numbers.contains(nil) {
            quirks.append(Quirk("sdp.x-dimensions.invalid", value, offset: offset))
        } else if value.utf8.contains(where: ASCII.isSpace) {
            quirks.append(Quirk("sdp.x-dimensions.whitespace", value, offset: offset))
        }
        return XDimensions(
            width: numbers.first ?? nil,
            height: numbers.count > 1 ? numbers[1] : nil,
            raw: value
        )
    }
}
