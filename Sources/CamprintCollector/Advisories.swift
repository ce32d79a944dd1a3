public import CamprintStorage
public import Foundation
import Yams

/// A published firmware advisory and the ranges it states (`Policies/advisories.yaml`).
public struct Advisory: Codable, Hashable, Sendable {
    public struct Range: Codable, Hashable, Sendable {
        /// The series as the advisory names it (`DS-2CD2xx2F-I`).
        public var series: String
        /// Regular expression over the model, anchored, case-insensitive.
        public var model: String
        /// First and last affected firmware, inclusive, as the advisory writes them.
        public var from: String
        public var to: String
    }

    public var id: String
    public var title: String
    public var maker: String
    public var sources: [PolicySource]
    public var ranges: [Range]
}

/// One advisory a device's reported model and firmware fall under.
public struct AdvisoryMatch: Codable, Hashable, Sendable {
    public var advisory: String
    public var series: String
    public var range: String
    public var source: String

    /// `firmware in the range of CVE-2017-7921 (DS-2CD2xx2F-I, V5.2.0 build 140721 to V5.4.0 build 160530)`.
    public var summary: String { "firmware in the range of \(advisory) (\(series), \(range))" }
}

/// The advisory table with its patterns compiled once.
public struct AdvisoryTable: Sendable {
    public let advisories: [Advisory]
    private let compiled: [(advisory: Advisory, range: Advisory.Range, pattern: NSRegularExpressionBox)]

    public static let empty = AdvisoryTable(advisories: [])

    public init(advisories: [Advisory]) {
        self.advisories = advisories
        var compiled: [(Advisory, Advisory.Range, NSRegularExpressionBox)] = []
        for advisory in advisories {
            for range in advisory.ranges {
                if let regex = try? NSRegularExpression(
                    pattern: "^(?:" + range.model + ")$",
                    options: [.caseInsensitive]
                ) {
                    compiled.append((advisory, range, NSRegularExpressionBox(regex: regex)))
                }
            }
        }
        self.compiled = compiled
    }

    /// Every `advisories.yaml` in `directory`.
    public static func load(directory: URL) throws -> AdvisoryTable {
        let url = directory.appendingPathComponent("advisories.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return .empty }
        struct File: Decodable { var advisories: [Advisory] }
        let text = try String(contentsOf: url, encoding: .utf8)
        let table = AdvisoryTable(advisories: try YAMLDecoder().decode(File.self, from: text).advisories)
        if let problem = table.problems().first { throw PolicyLoadError(file: url.path, message: problem) }
        return table
    }

    /// Patterns that do not compile, versions that do not parse, ranges that run backwards, rows without a source.
    public func problems() -> [String] {
        var problems: [String] = []
        for advisory in advisories {
            if advisory.sources.isEmpty { problems.append("\(advisory.id): no source") }
            for range in advisory.ranges {
                if (try? NSRegularExpression(pattern: range.model)) == nil {
                    problems.append("\(advisory.id) \(range.series): bad model pattern")
                }
                guard let from = FirmwareVersion(range.from), let to = FirmwareVersion(range.to) else {
                    problems.append("\(advisory.id) \(range.series): unparsable version")
                    continue
                }
                if to < from { problems.append("\(advisory.id) \(range.series): range runs backwards") }
            }
        }
        return problems
    }

    /// The ranges the reported model and firmware fall in.
    public func matches(model: String?, firmware: String?) -> [AdvisoryMatch] {
        guard let model = model?.trimmingCharacters(in: .whitespaces), !model.isEmpty, let firmware,
            let version = FirmwareVersion(firmware)
        else { return [] }
        var found: [AdvisoryMatch] = []
        for (advisory, range, pattern) in compiled {
            let whole = NSRange(model.startIndex..., in: model)
            guard pattern.regex.firstMatch(in: model, range: whole) != nil,
                let from = FirmwareVersion(range.from), let to = FirmwareVersion(range.to),
                from <= version, version <= to
            else { continue }
            found.append(
                AdvisoryMatch(
                    advisory: advisory.id,
                    series: range.series,
                    range: "\(range.from) to \(range.to)",
                    source: advisory.sources.first?.url ?? ""
                )
            )
        }
        return found
    }

    public func matches(of device: DeviceRecord) -> [AdvisoryMatch] {
        matches(model: device.model, firmware: device.firmware)
    }
}

/// `NSRegularExpression` is immutable once built; this box says so to the concurrency checker.
public struct NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression
}

/// Hikvision-style firmware versions: `V5.4.0 build 160530`, `V5.5.0build 170725`, `5.4.5`.
public struct FirmwareVersion: Comparable, Hashable, Sendable {
    public var parts: [Int]
    public var build: Int

    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.first == "V" || rest.first == "v" { rest = rest.dropFirst() }
        let lower = rest.lowercased()
        var numbers = Substring(lower)
        var build = 0
        if let range = lower.range(of: "build") {
            numbers = Substring(lower[..<range.lowerBound])
            let digits = lower[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
            guard let value = Int(digits) else { return nil }
            build = value
        }
        let parts = numbers.trimmingCharacters(in: .whitespaces).split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.count <= 4, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.parts = parts.compactMap { $0 } + Array(repeating: 0, count: 4 - parts.count)
        self.build = build
    }

    public static func < (lhs: FirmwareVersion, rhs: FirmwareVersion) -> Bool {
        (lhs.parts + [lhs.build]).lexicographicallyPrecedes(rhs.parts + [rhs.build])
    }
}
