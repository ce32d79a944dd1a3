import Foundation

/// The `Date:` header value in a persona's layout.
enum RTSPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date, style: Persona.DateFormat) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        guard let year = c.year, let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute,
            let second = c.second, let weekday = c.weekday
        else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let dayName = days[(weekday - 1) % 7]
        let monthName = months[(month - 1) % 12]
        let time = "\(two(hour)):\(two(minute)):\(two(second))"
        switch style {
        case .live555: return "\(dayName), \(monthName) \(two(day)) \(year) \(time) GMT"
        case .rfc1123: return "\(dayName), \(two(day)) \(monthName) \(year) \(time) GMT"
        case .none: return nil
        }
    }
}
