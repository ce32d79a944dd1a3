public import Foundation

/// The loaded signature rules and the canonical vendor list.
///
/// Rule order is match order: rules of extra directories (in argument order), then the operator
/// directory `/etc/camprint/signatures.d/`, then the shipped `Rules/`; inside a directory files
/// are read in name order and rules in file order. For one observation the FIRST rule of its
/// field whose matcher accepts the value wins (recog semantics), so local rules override shipped ones.
public struct SignatureDatabase: Sendable {
    public let signatures: [Signature]
    public let vendors: [Vendor]
    /// Files read, in order.
    public let files: [String]
    private let byField: [FieldKey: [Signature]]

    /// Where operators add their own rules.
    public static let operatorDirectory = URL(fileURLWithPath: "/etc/camprint/signatures.d", isDirectory: true)

    /// The shipped rules: `$CAMPRINT_SIGNATURES_DIR` when set; else `share/camprint/signatures`
    /// beside an installed binary (`make install`); else the SwiftPM resource bundle next to a
    /// built binary. `nil` when none exists (the generated `Bundle.module` would trap instead).
    public static var shippedDirectory: URL? {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["CAMPRINT_SIGNATURES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // The running executable's real path: argv[0] is only `camprint` when a shell found it
        // through PATH (an installed package), which would point at the working directory.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath()
        let binDirectory = executable.deletingLastPathComponent()
        let candidates = [
            binDirectory.deletingLastPathComponent().appendingPathComponent("share/camprint/signatures"),
            binDirectory.appendingPathComponent("camprint_CamprintSignatures.resources/Rules"),
            Bundle.main.bundleURL.appendingPathComponent("camprint_CamprintSignatures.resources/Rules"),
        ]
        return candidates.first { fileManager.fileExists(atPath: $0.appendingPathComponent("vendors.yaml").path) }
    }

    public init(signatures: [Signature], vendors: [Vendor], files: [String] = []) {
        self.signatures = signatures
        self.vendors = vendors
        self.files = files
        byField = Dictionary(grouping: signatures, by: \.field)
    }

    /// Loads `extraDirectories`, then the operator directory (when it exists and
    /// `includeOperatorDirectory`), then the shipped rules (when `includeShipped`).
    /// Every `*.yaml`/`*.yml` file is read; `vendors:` lists may appear in any of them.
    public static func load(
        extraDirectories: [URL] = [],
        includeOperatorDirectory: Bool = true,
        includeShipped: Bool = true
    ) throws(SignatureLoadError) -> SignatureDatabase {
        var directories = extraDirectories
        if includeOperatorDirectory, FileManager.default.fileExists(atPath: operatorDirectory.path) {
            directories.append(operatorDirectory)
        }
        if includeShipped {
            guard let shipped = shippedDirectory else {
                throw SignatureLoadError(file: "Rules", line: 0, message: "shipped rules not found in the bundle")
            }
            directories.append(shipped)
        }
        var sources: [(name: String, text: String)] = []
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw SignatureLoadError(file: directory.path, line: 0, message: "no such directory")
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw SignatureLoadError(file: directory.path, line: 0, message: "cannot list directory: \(error)")
            }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let url = directory.appendingPathComponent(name)
                do {
                    sources.append((url.path, try String(contentsOf: url, encoding: .utf8)))
                } catch {
                    throw SignatureLoadError(file: url.path, line: 0, message: "cannot read: \(error)")
                }
            }
        }
        return try load(sources: sources)
    }

    /// Loads rule texts given as `(file name, YAML text)`, in order.
    public static func load(sources: [(name: String, text: String)]) throws(SignatureLoadError) -> SignatureDatabase {
        var signatures: [Signature] = []
        var vendors: [Vendor] = []
        for source in sources {
            let contents = try RuleFileParser(file: source.name, text: source.text).parse()
            signatures += contents.signatures
            vendors += contents.vendors
        }
        return SignatureDatabase(signatures: signatures, vendors: vendors, files: sources.map(\.name))
    }

    /// Rules for `field`, in match order.
    public func signatures(for field: FieldKey) -> [Signature] { byField[field] ?? [] }

    /// The rule with this id.
    public func signature(id: String) -> Signature? { signatures.first { $0.id == id } }

    /// The first rule of the observation's field that accepts its value.
    public func firstMatch(_ observation: Observation) -> Match? {
        for signature in signatures(for: observation.field) {
            if let captures = signature.match(observation.value) {
                return Match(signature: signature, observation: observation, captures: captures)
            }
        }
        return nil
    }

    /// Every rule of the observation's field that accepts its value, winner first (for `explain`).
    public func allMatches(_ observation: Observation) -> [Match] {
        signatures(for: observation.field).compactMap { signature in
            signature.match(observation.value).map {
                Match(signature: signature, observation: observation, captures: $0)
            }
        }
    }

    /// The winning match of every observation, one per (rule, value): repeated observations of the
    /// same value (the same quirk in every response) count once.
    public func match(_ observations: [Observation]) -> [Match] {
        var seen: Set<String> = []
        var matches: [Match] = []
        for observation in observations {
            guard let match = firstMatch(observation) else { continue }
            if seen.insert(match.ruleID + "\u{0}" + observation.value).inserted {
                matches.append(match)
            }
        }
        return matches
    }

    /// A flat, printable view of the rules, in match order (`camprint signatures list`).
    public var list: [SignatureSummary] {
        signatures.map(SignatureSummary.init)
    }

    /// Canonical spelling of a vendor or brand name (case-insensitive lookup), nil when not listed.
    public func canonicalVendor(_ name: String) -> Vendor? {
        let folded = name.lowercased()
        return vendors.first { $0.name.lowercased() == folded }
    }
}
