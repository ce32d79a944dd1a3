import CamprintWire
import Foundation

/// Durations in `agent.yaml`: `500ms`, `30s`, `5m`, `2h`, `7d`, or a bare number of seconds.
public enum AgentDuration {
    /// Longest accepted duration: one year.
    public static let maxSeconds: Double = 366 * 24 * 3600

    /// CamprintWire's one duration parser (``DurationText``), at most ``maxSeconds``.
    public static func parse(_ text: String) -> Duration? {
        DurationText.parse(text, maximum: .seconds(maxSeconds))
    }

    /// `1h30m`-style text for summaries.
    public static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1000
        if seconds % 86400 == 0, seconds > 0 { return "\(seconds / 86400)d" }
        if seconds % 3600 == 0, seconds > 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0, seconds > 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}

/// Sizes in `agent.yaml`: `512KiB`, `64MiB`, `1GiB` (also KB/MB/GB, same powers of two) or bytes.
public enum AgentByteSize {
    public static func parse(_ text: String) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [
            ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30),
            ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1),
        ]
        var scale = 1
        var number = Substring(text)
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            scale = factor
            number = text.dropLast(suffix.count)
            break
        }
        guard let value = Int(number.trimmingCharacters(in: .whitespaces)), value >= 0, value <= (1 << 40) / scale
        else { return nil }
        return value * scale
    }
}
