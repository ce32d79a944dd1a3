public import CamprintReport
import Foundation

/// What makes a report worth sending again before the heartbeat: status, verdict, vendor, brand,
/// model, firmware, device serial and MAC, and the stream shapes (codec, profile, size). Timings,
/// confidence wobble and report ids are left out.
public enum IdentityFingerprint {
    struct Fields: Encodable {
        var status: String
        var verdict: String
        var vendor: String?
        var brand: String?
        var model: String?
        var firmware: String?
        var serial: String?
        var mac: String?
        var streams: [String]
    }

    public static func of(_ report: Report) -> String {
        let fields = Fields(
            status: report.status.rawValue,
            verdict: report.identity.verdict.rawValue,
            vendor: report.identity.vendor,
            brand: report.identity.brand,
            model: report.identity.model,
            firmware: report.identity.firmware,
            serial: report.device?.serialNumber,
            mac: report.device?.mac,
            streams: report.streams.map {
                "\($0.kind)/\($0.codec)/\($0.profile ?? "")/\($0.width ?? 0)x\($0.height ?? 0)"
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(fields)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
