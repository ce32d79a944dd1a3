public import CamprintWire

/// `Public`, RFC 2326 §12.28: the methods the server supports, in the order sent. The order and
/// the separators differ between server stacks, so both are kept.
public struct PublicHeader: Hashable, Sendable, Encodable {
    public var methods: [String]
    /// The raw text between consecutive methods (`", "`, `","`), one fewer than `methods`.
    public var separators: [String]
    public var quirks: [Quirk]

    public init(parsing rawValue: String, limits: RTSPLimits = .default) {
        let raw = ASCII.trimmed(HeaderSyntax.bytes(rawValue))
        var quirks = QuirkCollector(limit: limits.maxQuirks)
        var methods: [String] = []
        var separators: [String] = []
        var index = raw.startIndex
        while index < raw.endIndex, methods.count < limits.maxListItems {
            let itemStart = index
            while index < raw.endIndex, raw[index] != UInt8(ascii: ","), !ASCII.isSpace(raw[index]) { index += 1 }
            let item = raw[itemStart..<index]
            let separatorStart = index
            while index < raw.endIndex, raw[index] == UInt8(ascii: ",") || ASCII.isSpace(raw[index]) { index += 1 }
            let separator = raw[separatorStart..<index]
            if item.isEmpty {
                quirks.add(RTSPQuirkCodes.publicEmptyItem, Excerpt.make(separator))
            } else {
                methods.append(ASCII.string(item))
            }
            if index < raw.endIndex, !item.isEmpty {
                separators.append(ASCII.string(separator))
                if !separator.elementsEqual(", ".utf8) {
                    quirks.add(RTSPQuirkCodes.publicUnusualSeparator, "\"\(ASCII.string(separator))\"")
                }
            }
        }
        self.methods = methods
        self.separators = separators
        self.quirks = quirks.quirks
    }
}
