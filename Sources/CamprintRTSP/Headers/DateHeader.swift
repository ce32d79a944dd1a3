public import CamprintWire

/// `Date`, RFC 2326 §12.18 (HTTP-date of RFC 2616 §3.3.1). The text is kept as sent and its layout
/// classified, since the layout tells server software apart.
public struct DateHeader: Hashable, Sendable, Encodable {
    public enum Layout: String, Hashable, Sendable, Encodable {
        /// `Thu, 18 Jun 2020 13:30:45 GMT` (RFC 1123, the one RFC 2326 asks for).
        case rfc1123
        /// `Wed, Oct 23 2019 13:00:34 GMT`: LIVE555's `%a, %b %d %Y %H:%M:%S GMT`, also used by
        /// Hikvision, Reolink, Foscam.
        case live555
        /// `Sun Nov  6 08:49:37 1994` (ANSI C asctime).
        case asctime
        case other
    }

    /// The trimmed value as sent.
    public var text: String
    public var layout: Layout
    /// Spaces between the colon and the text (Hikvision sends two).
    public var leadingSpaceCount: Int
    public var year: Int?
    public var month: Int?
    public var day: Int?
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    public var quirks: [Quirk]

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public init(parsing rawValue: String) {
        let raw = HeaderSyntax.bytes(rawValue)
        self.quirks = []
        var quirks = QuirkCollector()
        leadingSpaceCount = raw.prefix(while: ASCII.isSpace).count
        if leadingSpaceCount >= 2 { quirks.add(RTSPQuirkCodes.dateDoubleSpace, "\(leadingSpaceCount) spaces") }
        let trimmed = ASCII.trimmed(raw)
        text = ASCII.string(trimmed)
        let tokens = trimmed.split(separator: 0x20).map { ASCII.string($0) }
        layout = .other
        (year, month, day, hour, minute, second) = (nil, nil, nil, nil, nil, nil)
        if tokens.count == 6, Self.isWeekday(tokens[0], comma: true), tokens[5] == "GMT" {
            if let day = Self.number(tokens[1], digits: 1...2), let month = Self.month(tokens[2]) {
                layout = .rfc1123
                set(year: tokens[3], month: month, day: day, time: tokens[4])
            } else if let month = Self.month(tokens[1]), let day = Self.number(tokens[2], digits: 1...2) {
                layout = .live555
                set(year: tokens[3], month: month, day: day, time: tokens[4])
            }
        } else if tokens.count == 5, Self.isWeekday(tokens[0], comma: false), let month = Self.month(tokens[1]),
            let day = Self.number(tokens[2], digits: 1...2)
        {
            layout = .asctime
            set(year: tokens[4], month: month, day: day, time: tokens[3])
        }
        if layout != .other, year == nil || hour == nil { layout = .other }
        if layout != .rfc1123 { quirks.add(RTSPQuirkCodes.dateNonstandardLayout, layout.rawValue) }
        self.quirks = quirks.quirks
    }

    private mutating func set(year yearText: String, month: Int, day: Int, time: String) {
        let parts = time.split(separator: ":").map(String.init)
        guard let year = Self.number(yearText, digits: 4...4), parts.count == 3,
            let hour = Self.number(parts[0], digits: 2...2), let minute = Self.number(parts[1], digits: 2...2),
            let second = Self.number(parts[2], digits: 2...2)
        else { return }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
    }

    private static func number(_ text: String, digits: ClosedRange<Int>) -> Int? {
        digits.contains(text.utf8.count) ? ASCII.parseDecimal(Array(text.utf8)) : nil
    }

    private static func month(_ text: String) -> Int? {
        months.firstIndex(of: text.lowercased()).map { $0 + 1 }
    }

    private static func isWeekday(_ text: String, comma: Bool) -> Bool {
        guard text.hasSuffix(",") == comma else { return false }
        return weekdays.contains(String(text.lowercased().prefix(3))) && text.utf8.count == (comma ? 4 : 3)
    }
}
