public import CamprintReport
public import CamprintStorage
public import Foundation
import Yams

/// A cited public source: what a reader can open, and what it states.
public struct PolicySource: Codable, Hashable, Sendable {
    public var title: String
    public var url: String
    public var says: String
}

/// A covered-equipment policy as shipped in `Policies/*.yaml` or added in `/etc/camprint/policies.d/`.
public struct Policy: Codable, Hashable, Sendable {
    public struct Cover: Codable, Hashable, Sendable {
        /// A maker id of the lineage table.
        public var maker: String
        /// What of that maker's equipment the policy covers, in words.
        public var equipment: String
    }

    /// An identity and the coverage the policy must give it: the policy's self-test.
    public struct Example: Codable, Hashable, Sendable {
        public struct Identity: Codable, Hashable, Sendable {
            public var verdict: Verdict
            public var vendor: String?
            public var brand: String?
            public var model: String?
        }

        public var name: String
        public var identity: Identity
        public var expect: CoverageStatus
    }

    public var id: String
    public var title: String
    public var sources: [PolicySource]
    public var scope: String
    public var covers: [Cover]
    public var examples: [Example]
}

/// Brand → maker rows and the makers' names.
public struct MakerLineage: Codable, Hashable, Sendable {
    public struct Maker: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        /// Lowercase names a report's vendor or brand may carry for this maker itself.
        public var names: [String]
    }

    public struct Brand: Codable, Hashable, Sendable {
        public var brand: String
        public var maker: String
        public var relation: String
        public var source: PolicySource
    }

    public var makers: [Maker]
    public var brands: [Brand]

    public init(makers: [Maker], brands: [Brand]) {
        self.makers = makers
        self.brands = brands
    }
}

public enum CoverageStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case covered
    case notCovered = "not-covered"
    /// The verdict is `unknown`: nothing says who made the device.
    case undetermined
}

/// One device under one policy, with the reason in words (`covered by us-ndaa-889: …`).
public struct Coverage: Codable, Hashable, Sendable {
    public var policy: String
    public var status: CoverageStatus
    public var reason: String

    /// `covered by ca-hikvision: …`, `not covered by …: …`, `undetermined under …: …`.
    public var summary: String {
        switch status {
        case .covered: "covered by \(policy): \(reason)"
        case .notCovered: "not covered by \(policy): \(reason)"
        case .undetermined: "undetermined under \(policy): \(reason)"
        }
    }
}

public struct PolicyLoadError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

/// The policies and the lineage table, loaded once. Coverage is computed from a stored identity
/// (verdict, vendor, brand) at read time, so a policy or lineage change applies to the whole
/// inventory and its history at the next request, without probing anything again.
public struct PolicyCatalog: Sendable {
    public let policies: [Policy]
    public let lineage: MakerLineage
    public let files: [String]
    /// Firmware advisories (`advisories.yaml`, shipped and operator files merged).
    public var advisories: AdvisoryTable = .empty

    public static let operatorDirectory = URL(fileURLWithPath: "/etc/camprint/policies.d", isDirectory: true)

    /// `$CAMPRINT_POLICIES_DIR`; else `share/camprint/policies` beside an installed binary; else the
    /// SwiftPM resource bundle next to a built binary.
    public static var shippedDirectory: URL? {
        if let override = ProcessInfo.processInfo.environment["CAMPRINT_POLICIES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // The running executable's path, not argv[0]: a shell that found the binary through PATH
        // passes only `camprint-collector`.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath()
        let binDirectory = executable.deletingLastPathComponent()
        let candidates = [
            binDirectory.deletingLastPathComponent().appendingPathComponent("share/camprint/policies"),
            binDirectory.appendingPathComponent("camprint_CamprintCollector.resources/Policies"),
            Bundle.main.bundleURL.appendingPathComponent("camprint_CamprintCollector.resources/Policies"),
        ]
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("lineage.yaml").path)
        }
    }

    /// No policies: devices carry no coverage.
    public static let empty = PolicyCatalog(policies: [], lineage: MakerLineage(makers: [], brands: []))

    public init(policies: [Policy], lineage: MakerLineage, files: [String] = []) {
        self.policies = policies
        self.lineage = lineage
        self.files = files
    }

    /// Operator files first (their policies replace shipped ones of the same id, their lineage rows
    /// come first), then the shipped ones. A file holds a policy (`id:`) or lineage lists (`makers:`,
    /// `brands:`).
    public static func load(
        extraDirectories: [URL] = [],
        includeOperatorDirectory: Bool = true,
        includeShipped: Bool = true
    ) throws(PolicyLoadError) -> PolicyCatalog {
        var directories = extraDirectories
        if includeOperatorDirectory, FileManager.default.fileExists(atPath: operatorDirectory.path) {
            directories.append(operatorDirectory)
        }
        if includeShipped {
            guard let shipped = shippedDirectory else {
                throw PolicyLoadError(file: "Policies", message: "shipped policies not found")
            }
            directories.append(shipped)
        }
        var policies: [Policy] = []
        var lineage = MakerLineage(makers: [], brands: [])
        var files: [String] = []
        var advisories: [Advisory] = []
        for directory in directories {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            } catch {
                throw PolicyLoadError(file: directory.path, message: "cannot list the directory")
            }
            if names.contains("advisories.yaml") {
                do {
                    advisories += try AdvisoryTable.load(directory: directory).advisories
                } catch let error as PolicyLoadError {
                    throw error
                } catch {
                    throw PolicyLoadError(file: directory.path + "/advisories.yaml", message: "\(error)")
                }
            }
            for name in names where name != "advisories.yaml" {
                let path = directory.appendingPathComponent(name).path
                let text: String
                do {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw PolicyLoadError(file: path, message: "cannot read")
                }
                do {
                    if text.contains("\nid:") || text.hasPrefix("id:") {
                        let policy = try YAMLDecoder().decode(Policy.self, from: text)
                        if !policies.contains(where: { $0.id == policy.id }) { policies.append(policy) }
                    } else {
                        let part = try YAMLDecoder().decode(PartialLineage.self, from: text)
                        for maker in part.makers ?? [] where !lineage.makers.contains(where: { $0.id == maker.id }) {
                            lineage.makers.append(maker)
                        }
                        lineage.brands += part.brands ?? []
                    }
                } catch {
                    throw PolicyLoadError(file: path, message: "\(error)")
                }
                files.append(path)
            }
        }
        var catalog = PolicyCatalog(policies: policies.sorted { $0.id < $1.id }, lineage: lineage, files: files)
        var seen = Set<String>()
        catalog.advisories = AdvisoryTable(advisories: advisories.filter { seen.insert($0.id).inserted })
        if let problem = catalog.structuralProblems().first {
            throw PolicyLoadError(file: "policies", message: problem)
        }
        return catalog
    }

    private struct PartialLineage: Decodable {
        var makers: [MakerLineage.Maker]?
        var brands: [MakerLineage.Brand]?
    }

    /// Unknown makers, rows without a source, duplicate ids.
    public func structuralProblems() -> [String] {
        var problems: [String] = []
        let makerIds = Set(lineage.makers.map(\.id))
        for policy in policies {
            if policy.sources.isEmpty { problems.append("policy \(policy.id): no source") }
            for cover in policy.covers where !makerIds.contains(cover.maker) {
                problems.append("policy \(policy.id): unknown maker \(cover.maker)")
            }
        }
        for row in lineage.brands {
            if !makerIds.contains(row.maker) { problems.append("lineage \(row.brand): unknown maker \(row.maker)") }
            if row.source.url.isEmpty || row.source.title.isEmpty {
                problems.append("lineage \(row.brand): a row needs a source (title and url)")
            }
        }
        return problems
    }

    /// Every example of every policy evaluated: the failures, in words (empty when all pass).
    public func selfTest() -> [String] {
        var failures = structuralProblems()
        for policy in policies {
            for example in policy.examples {
                let got = coverage(
                    under: policy,
                    verdict: example.identity.verdict,
                    vendor: example.identity.vendor,
                    brand: example.identity.brand
                )
                if got.status != example.expect {
                    failures.append(
                        "\(policy.id): \"\(example.name)\": expected \(example.expect.rawValue), got \(got.summary)"
                    )
                }
            }
        }
        return failures
    }

    // MARK: Evaluation

    private static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The makers an identity points to, each with why, strongest first.
    func makers(verdict: Verdict, vendor: String?, brand: String?) -> [(maker: String, why: String)] {
        var found: [(String, String)] = []
        switch verdict {
        case .hikvision: found.append(("hikvision", "verdict hikvision (Hikvision-made, by camprint's evidence)"))
        case .hikvisionOEM:
            let soldAs = brand ?? vendor
            found.append(
                ("hikvision", "verdict hikvision-oem (Hikvision-made\(soldAs.map { ", sold as \($0)" } ?? ""))")
            )
        case .unknown: return []
        case .clone, .other: break
        }
        for (label, value) in [("brand", brand), ("vendor", vendor)] {
            guard let name = Self.normalized(value) else { continue }
            for maker in lineage.makers where maker.names.contains(name) {
                found.append((maker.id, "\(label) \(value ?? "") is \(maker.name)"))
            }
            for row in lineage.brands where row.brand.lowercased() == name {
                found.append((row.maker, "\(label) \(row.brand): \(row.relation) [\(row.source.title)]"))
            }
        }
        return found
    }

    /// One policy's verdict on one identity.
    public func coverage(under policy: Policy, verdict: Verdict, vendor: String?, brand: String?) -> Coverage {
        guard verdict != .unknown else {
            return Coverage(policy: policy.id, status: .undetermined, reason: "verdict unknown: the maker is not known")
        }
        let candidates = makers(verdict: verdict, vendor: vendor, brand: brand)
        for candidate in candidates {
            if let cover = policy.covers.first(where: { $0.maker == candidate.maker }) {
                return Coverage(
                    policy: policy.id,
                    status: .covered,
                    reason: "\(candidate.why); \(cover.equipment)"
                )
            }
        }
        let what =
            candidates.first.map { "made by \($0.maker), which the policy does not name" }
            ?? "no covered maker for vendor \(vendor ?? "(none)")\(brand.map { ", brand \($0)" } ?? "")"
        return Coverage(policy: policy.id, status: .notCovered, reason: what)
    }

    /// Every policy's verdict on one identity, in policy order.
    public func coverage(verdict: Verdict, vendor: String?, brand: String?) -> [Coverage] {
        policies.map { coverage(under: $0, verdict: verdict, vendor: vendor, brand: brand) }
    }

    public func coverage(of device: DeviceRecord) -> [Coverage] {
        coverage(verdict: device.verdict, vendor: device.vendor, brand: device.brand)
    }

    public func policy(_ id: String) -> Policy? { policies.first { $0.id == id } }

    /// The storage condition equal to "covered by `policy`" (the same rule as ``coverage(under:verdict:vendor:brand:)``):
    /// the verdicts that name a covered maker, and the lowercase vendor/brand names of covered makers.
    public func condition(for policy: Policy) -> CoverageCondition {
        let covered = Set(policy.covers.map(\.maker))
        var names = Set<String>()
        for maker in lineage.makers where covered.contains(maker.id) { names.formUnion(maker.names) }
        for row in lineage.brands where covered.contains(row.maker) { names.insert(row.brand.lowercased()) }
        let verdicts: [Verdict] = covered.contains("hikvision") ? [.hikvision, .hikvisionOEM] : []
        return CoverageCondition(verdicts: verdicts, names: names.sorted())
    }
}
