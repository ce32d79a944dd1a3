/// Durations as people write them in options and configuration files: a decimal number with a
/// unit, `500ms`, `1.5s`, `5m`, `2h`, `7d`, or a bare number of seconds (`10`). One parser for
/// `camprint probe --timeout/--sample`, `camprint discover` and `agent.yaml`; each caller gives
/// its own upper bound.
public enum DurationText {
    /// Units by suffix, longest first where one ends another (`ms` before `s`).
    static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400),
    ]

    /// The duration `text` states, rounded to the millisecond; `nil` when it is not a
    /// non-negative decimal number with an optional unit, or is longer than `maximum`. Case and
    /// surrounding spaces or tabs do not matter.
    public static func parse(_ text: String, maximum: Duration) -> Duration? {
        let text = trimmed(text).lowercased()
        var scale = 1.0
        var number = Substring(text)
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            scale = factor
            number = text.dropLast(suffix.count)
            break
        }
        let (maximumSeconds, maximumAttoseconds) = maximum.components
        let limit = Double(maximumSeconds) + Double(maximumAttoseconds) / 1e18
        guard let value = Double(number), value.isFinite, value >= 0, value * scale <= limit else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    private static func trimmed(_ text: String) -> Substring {
        var text = Substring(text)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
