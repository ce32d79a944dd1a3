import CamprintReport
import CamprintStorage
import Foundation

/// RFC 4180 CSV of devices. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// CR at the start) get a leading `'`: the values come from cameras.
enum DeviceCSV {
    static let columns = [
        "id", "site", "stable_id", "host", "port", "serial_number", "mac", "verdict", "vendor", "brand", "model",
        "firmware", "confidence", "status", "first_seen", "last_seen", "stale", "report_count", "top_evidence",
        "conflict_key", "coverage", "lifecycle", "removal_date", "removed_at", "advisories", "found_by",
        "discovery_channels", "first_discovered", "behind_recorder", "behind_channel", "failed_rounds", "not_answering",
    ]

    static let header = columns.joined(separator: ",") + "\r\n"

    static func row(_ device: DeviceJSON) -> String {
        let cells: [String] = [
            String(device.id), device.site, device.stableId, device.host, device.port.map(String.init) ?? "",
            device.serialNumber ?? "", device.mac ?? "", device.verdict.rawValue, device.vendor ?? "",
            device.brand ?? "", device.model ?? "", device.firmware ?? "", String(device.confidence), device.status,
            device.firstSeen, device.lastSeen, device.stale ? "true" : "false", String(device.reportCount),
            device.topEvidence ?? "", device.conflictKey ?? "",
            (device.coverage ?? []).filter { $0.status != .notCovered }.map(\.summary).joined(separator: "; "),
            device.lifecycle.rawValue, device.removalDate ?? "", device.removedAt ?? "",
            (device.advisories ?? []).map(\.summary).joined(separator: "; "), device.foundBy,
            (device.discoveryChannels ?? []).joined(separator: " "), device.firstDiscovered ?? "",
            device.behind?.recorder ?? "", device.behind?.channel.map(String.init) ?? "", String(device.failedRounds),
            device.notAnswering ? "true" : "false",
        ]
        return cells.map(cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            // Numbers such as -1 are not formulas, but no column here holds a negative number.
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
