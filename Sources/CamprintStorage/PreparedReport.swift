public import CamprintReport
import Foundation

/// A report ready to store: its device keys, time and canonical JSON body.
struct PreparedReport: Sendable {
    let report: Report
    /// The key of its device (``StableDeviceId``).
    let stableId: String
    /// Weaker keys the same report names (its MAC and address keys for a serial-keyed report, its
    /// address key for a MAC-keyed one): devices stored under them are merged into this one.
    let aliasKeys: [String]
    /// Where this report goes when its serial/MAC key is contested (``StableDeviceId/conflictKey(_:address:)``);
    /// nil for an address-keyed report.
    let conflictKey: String?
    /// `addr:<host>:<port>` of the report's target.
    let addressKey: String
    let observedAt: Int64
    /// When the collector received it (milliseconds): the time of the lifecycle changes it causes.
    let receivedAt: Int64
    let body: String
    let topEvidence: String?

    init(_ original: Report, site: String, receivedAt: Int64, encoder: JSONEncoder) throws {
        var report = original
        var source = report.source ?? ReportSource(kind: "unknown", version: "")
        source.site = site
        report.source = source
        self.report = report
        self.stableId = StableDeviceId.of(report)
        self.aliasKeys = StableDeviceId.aliases(of: report)
        self.addressKey = StableDeviceId.addressKey(of: report)
        self.conflictKey =
            StableDeviceId.isStrong(stableId) ? StableDeviceId.conflictKey(stableId, address: addressKey) : nil
        self.observedAt = EpochTime.milliseconds(fromRFC3339: report.observedAt) ?? receivedAt
        self.receivedAt = receivedAt
        self.body = String(decoding: try encoder.encode(report), as: UTF8.self)
        self.topEvidence = report.identity.evidence.max { $0.weight < $1.weight }.map { evidence in
            let text = evidence.description ?? "\(evidence.rule): \(evidence.field) = \(evidence.value)"
            return String(text.prefix(300))
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// What keeps a device the same device: its serial number, else its MAC, else its address.
public enum StableDeviceId {
    public static func of(_ report: Report) -> String {
        if let serial = serialKey(report) { return serial }
        if let mac = macKey(report) { return mac }
        return addressKey(of: report)
    }

    /// The weaker keys a report names besides its own (see ``IngestPlan`` for the merge rule).
    public static func aliases(of report: Report) -> [String] {
        let address = addressKey(of: report)
        if serialKey(report) != nil { return (macKey(report).map { [$0] } ?? []) + [address] }
        if macKey(report) != nil { return [address] }
        return []
    }

    public static func addressKey(host: String, port: Int?) -> String {
        "addr:\(host.lowercased()):\(port ?? 554)"
    }

    /// Where the report's device was: its address, or for a camera seen through a recorder the
    /// recorder's address and channel (`addr:10.0.0.9:554#ch3`), never the recorder's own key.
    public static func addressKey(of report: Report) -> String {
        addressKey(host: report.target.host, port: report.target.port, behindChannel: report.behind?.channel)
    }

    public static func addressKey(host: String, port: Int?, behindChannel: Int?) -> String {
        addressKey(host: host, port: port) + (behindChannel.map { "#ch\($0)" } ?? "")
    }

    /// Serial- and MAC-based keys identify the camera; address keys only where it was.
    public static func isStrong(_ key: String) -> Bool { !key.hasPrefix("addr:") }

    /// The key of the row that holds reports of a contested serial/MAC `key` from `address`:
    /// `sn:X@addr:10.0.0.9:554`.
    public static func conflictKey(_ key: String, address: String) -> String { key + "@" + address }

    private static func serialKey(_ report: Report) -> String? {
        guard let serial = report.device?.serialNumber, !serial.isEmpty else { return nil }
        return "sn:" + serial
    }

    private static func macKey(_ report: Report) -> String? {
        guard let mac = report.device?.mac, !mac.isEmpty else { return nil }
        return "mac:" + mac.lowercased()
    }
}
