import CamprintStorage

/// The server-rendered chart of covered devices remaining at a site over time (issue 19): a device
/// counts from its first sighting until it was removed (`removed` or `verified-gone`, from its removal
/// time); a reappeared device counts again. Coverage is today's, from the stored identity, so a policy
/// change redraws the whole history. Plain SVG, no script.
enum CoverageChart {
    static let width = 640
    static let height = 170
    static let points = 60

    /// `(time, count)` at `points` evenly spaced times from the first sighting to `now`.
    static func series(_ devices: [DeviceRecord], now: Int64) -> [(time: Int64, count: Int)] {
        guard let start = devices.map(\.firstSeen).min(), start < now else { return [] }
        let step = max(1, (now - start) / Int64(points - 1))
        return (0..<points).map { index in
            let time = index == points - 1 ? now : start + Int64(index) * step
            let count = devices.filter { device in
                guard device.firstSeen <= time else { return false }
                if device.lifecycle == .removed || device.lifecycle == .verifiedGone, let removed = device.removedAt {
                    return removed > time
                }
                return true
            }.count
            return (time, count)
        }
    }

    static func svg(_ devices: [DeviceRecord], now: Int64, label: String) -> String {
        let data = series(devices, now: now)
        guard let first = data.first, let last = data.last else { return "" }
        let maximum = max(1, data.map(\.count).max() ?? 1)
        let left = 40
        let right = width - 10
        let top = 12
        let bottom = height - 28
        func x(_ time: Int64) -> Int {
            let span = max(1, last.time - first.time)
            return left + Int(Double(time - first.time) / Double(span) * Double(right - left))
        }
        func y(_ count: Int) -> Int { bottom - Int(Double(count) / Double(maximum) * Double(bottom - top)) }
        let line = data.map { "\(x($0.time)),\(y($0.count))" }.joined(separator: " ")
        let area = "\(left),\(bottom) " + line + " \(right),\(bottom)"
        let title = "\(label): \(last.count) covered devices remaining (was \(maximum) at most)"
        return """
            <figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" \
            width="100%" role="img" aria-label="\(HTML.escape(title))" data-remaining="\(last.count)" data-max="\(maximum)">\
            <title>\(HTML.escape(title))</title>\
            <line x1="\(left)" y1="\(bottom)" x2="\(right)" y2="\(bottom)" stroke="currentColor" stroke-opacity="0.4"/>\
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(bottom)" stroke="currentColor" stroke-opacity="0.4"/>\
            <polygon points="\(area)" fill="#b42318" fill-opacity="0.12"/>\
            <polyline points="\(line)" fill="none" stroke="#b42318" stroke-width="2"/>\
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end" font-size="11" fill="currentColor">\(maximum)</text>\
            <text x="\(left - 6)" y="\(bottom)" text-anchor="end" font-size="11" fill="currentColor">0</text>\
            <text x="\(left)" y="\(height - 8)" font-size="11" fill="currentColor">\(HTML.escape(String(HTML.time(first.time).prefix(10))))</text>\
            <text x="\(right)" y="\(height - 8)" text-anchor="end" font-size="11" fill="currentColor">\
            \(HTML.escape(String(HTML.time(last.time).prefix(10)))): \(last.count) remaining</text></svg>\
            <figcaption class="muted">\(HTML.escape(title)). A device counts from its first sighting until it \
            was marked removed; coverage is today's rules applied to the stored identities.</figcaption></figure>
            """
    }
}
