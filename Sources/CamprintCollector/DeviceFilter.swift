public import CamprintReport
public import CamprintStorage
import HTTPTypes

/// Query-string filters shared by `/api/v1/devices`, the CSV export and the web page.
///
/// `site`, `verdict` (comma-separated), `vendor`, `stale` (`true`/`false`), `seen_since` (RFC 3339),
/// `conflict` (`true`/`false`: devices whose serial or MAC is also reported from another address),
/// `found` (`discovered`/`configured`: how the device was found), `answering` (`false`: configured
/// targets that no longer answer; `true`: every other device),
/// `limit` (1…10000), `cursor` (from `nextCursor`), `offset`.
public struct DeviceFilter: Hashable, Sendable {
    public var site: String?
    public var verdicts: [Verdict] = []
    public var vendor: String?
    public var stale: Bool?
    public var seenSince: Int64?
    public var conflict: Bool?
    /// A policy id: only the devices it covers (resolved by the service, which has the policies).
    public var policy: String?
    /// Lifecycle states (`state=scheduled,removed`).
    public var states: [LifecycleState] = []
    /// `discovered` or `configured`.
    public var found: String?
    /// `false`: only configured targets that no longer answer.
    public var answering: Bool?
    public var limit: Int = 100
    public var cursor: Int64?
    public var offset: Int = 0

    public init() {}

    public init(parameters: [(String, String)]) throws(APIError) {
        for (name, value) in parameters where !value.isEmpty {
            switch name {
            case "site": site = value
            case "vendor": vendor = value
            case "verdict":
                for part in value.split(separator: ",") {
                    guard let verdict = Verdict(rawValue: String(part)) else {
                        throw Self.bad(
                            "verdict",
                            "unknown verdict; use \(Verdict.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    verdicts.append(verdict)
                }
            case "stale": stale = try Self.boolean(value, field: "stale")
            case "conflict": conflict = try Self.boolean(value, field: "conflict")
            case "policy": policy = value
            case "found":
                guard [ReportDiscovery.discovered, ReportDiscovery.configured].contains(value) else {
                    throw Self.bad("found", "use \(ReportDiscovery.discovered) or \(ReportDiscovery.configured)")
                }
                found = value
            case "answering": answering = try Self.boolean(value, field: "answering")
            case "state":
                for part in value.split(separator: ",") {
                    guard let state = LifecycleState(rawValue: String(part)) else {
                        throw Self.bad(
                            "state",
                            "unknown state; use \(LifecycleState.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    states.append(state)
                }
            case "seen_since":
                guard let millis = EpochTime.milliseconds(fromRFC3339: value) else {
                    throw Self.bad("seen_since", "expected RFC 3339 UTC like 2026-11-26T15:04:05Z")
                }
                seenSince = millis
            case "limit":
                guard let number = Int(value), (1...DeviceQuery.maximumLimit).contains(number) else {
                    throw Self.bad("limit", "expected 1…\(DeviceQuery.maximumLimit)")
                }
                limit = number
            case "cursor":
                guard let number = Int64(value), number >= 0 else { throw Self.bad("cursor", "expected a device id") }
                cursor = number
            case "offset":
                guard let number = Int(value), number >= 0 else { throw Self.bad("offset", "expected 0 or more") }
                offset = number
            default: continue
            }
        }
    }

    private static func boolean(_ value: String, field: String) throws(APIError) -> Bool {
        switch value {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Self.bad(field, "expected true or false")
        }
    }

    private static func bad(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, "\(field): \(message)", problems: [.init(index: nil, field: field, message: message)])
    }

    /// The storage query; `policies` resolves `policy` (400 when it names no loaded policy).
    public func query(
        staleBefore: Int64,
        order: DeviceQuery.Order = .id,
        policies: PolicyCatalog? = nil
    ) throws(APIError) -> DeviceQuery {
        var coveredBy: CoverageCondition?
        if let policy {
            guard let found = policies?.policy(policy) else {
                throw Self.bad(
                    "policy",
                    "unknown policy; use \((policies?.policies ?? []).map(\.id).joined(separator: ", "))"
                )
            }
            coveredBy = policies?.condition(for: found)
        }
        var query = DeviceQuery(
            site: site,
            verdicts: verdicts,
            vendor: vendor,
            stale: stale,
            staleBefore: staleBefore,
            seenSince: seenSince,
            conflict: conflict,
            coveredBy: coveredBy,
            limit: limit,
            cursor: cursor,
            offset: offset,
            order: order
        )
        query.lifecycle = states
        query.foundBy = found
        query.notAnswering = answering.map { !$0 }
        return query
    }

    /// The filters as a query string (without paging), for links.
    public var queryString: String {
        var pairs: [(String, String)] = []
        if let site { pairs.append(("site", site)) }
        if !verdicts.isEmpty { pairs.append(("verdict", verdicts.map(\.rawValue).joined(separator: ","))) }
        if let vendor { pairs.append(("vendor", vendor)) }
        if let stale { pairs.append(("stale", stale ? "true" : "false")) }
        if let seenSince { pairs.append(("seen_since", EpochTime.rfc3339(milliseconds: seenSince))) }
        if let conflict { pairs.append(("conflict", conflict ? "true" : "false")) }
        if let policy { pairs.append(("policy", policy)) }
        if !states.isEmpty { pairs.append(("state", states.map(\.rawValue).joined(separator: ","))) }
        if let found { pairs.append(("found", found)) }
        if let answering { pairs.append(("answering", answering ? "true" : "false")) }
        return pairs.map { "\($0.0)=\(Self.percentEncode($0.1))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                output.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (byte < 16 ? "0" + hex : hex)
            }
        }
        return output
    }
}
