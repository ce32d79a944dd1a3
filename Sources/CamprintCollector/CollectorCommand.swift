public import ArgumentParser
import CamprintReport
import CamprintStorage
import Foundation
import Logging

/// `camprint-collector serve|token …`: the whole command line, so the executable is one call.
public struct CollectorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "camprint-collector",
        abstract: "Collects camprint reports from site agents: inventory, API and compliance page.",
        version: CamprintBuild.current.versionText(program: "camprint-collector"),
        subcommands: [Serve.self, TokenCommand.self, DeviceCommand.self, PolicyCommand.self, Export.self]
    )

    public init() {}
}

/// Where the data is; the same flags on every subcommand that touches storage.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: "JSON configuration file (flags override it).")
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "sqlite:///path/file.db or postgres://user@host:port/db[?sslmode=…] (never a password here).",
            discussion: "Default: sqlite://<state directory>/collector.db."
        )
    )
    var database: String?

    @Option(name: .long, help: "File whose first line is the PostgreSQL password (else $PGPASSWORD).")
    var databasePasswordFile: String?

    @Option(name: .long, help: "State directory (default $STATE_DIRECTORY, else /var/lib/camprint-collector).")
    var stateDirectory: String?

    func configuration(extra: CollectorConfiguration = CollectorConfiguration()) throws -> CollectorConfiguration {
        let base = try config.map(CollectorConfiguration.load(path:)) ?? CollectorConfiguration()
        let flags = CollectorConfiguration(
            database: database,
            databasePasswordFile: databasePasswordFile,
            stateDirectory: stateDirectory
        )
        return base.overridden(by: flags).overridden(by: extra)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the collector's HTTP server.")

    @OptionGroup var storage: StorageOptions

    @Option(name: .long, help: "host:port to listen on (default 127.0.0.1:8080).")
    var listen: String?

    @Option(name: .long, help: "Hours without a report after which a device is stale (default 72).")
    var staleAfterHours: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "File of read tokens, one a line (mode 0600): the page, API, CSV and metrics need one.",
            discussion: "Required when --listen is not a loopback address, unless --public-read."
        )
    )
    var readTokenFile: String?

    @Flag(name: .long, help: "Off loopback, serve the page and API to anyone who reaches the port.")
    var publicRead = false

    @Option(
        name: .customLong("allowed-host"),
        help: "Answer only requests whose Host is this name (repeatable); defeats DNS rebinding."
    )
    var allowedHosts: [String] = []

    @Flag(name: .long, help: "Mark the read cookie Secure (set automatically on X-Forwarded-Proto: https).")
    var secureCookies = false

    func run() async throws {
        let configuration = try storage.configuration(
            extra: CollectorConfiguration(
                listen: listen,
                staleAfterSeconds: staleAfterHours.map { $0 * 3600 },
                readTokenFile: readTokenFile,
                publicRead: publicRead ? true : nil,
                allowedHosts: allowedHosts.isEmpty ? nil : allowedHosts,
                secureCookies: secureCookies ? true : nil
            )
        )
        try await CollectorExit.mappingConfigurationErrors {
            try await Collector.serve(configuration: configuration, logger: Collector.makeLogger())
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage agent upload tokens (each bound to one site).",
        subcommands: [Create.self, List.self, Revoke.self, NewRead.self]
    )

    struct NewRead: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-read",
            abstract: "Write a new random read token to a new file (mode 0600) for serve --read-token-file."
        )
        @Option(name: .long, help: "The file to create (one token; append more lines for more readers).")
        var output: String

        func run() throws {
            do {
                try SecretFile.create(output, text: TokenSecret.generate() + "\n")
            } catch let error as SecretFile.Failure {
                throw CollectorError.configuration(error.description)
            }
            FileHandle.standardError.write(Data("read token written to \(output) (mode 0600)\n".utf8))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a site and print it once (only its SHA-256 is stored)."
        )
        @OptionGroup var storage: StorageOptions
        @Option(name: .long, help: "Site the token's reports are filed under (ingest tokens).") var site: String?
        @Flag(
            name: .customLong("operator"),
            help: "An operator token: changes device lifecycle states (and reads), never uploads."
        )
        var isOperator = false
        @Option(name: .long, help: "A note, e.g. the agent's host name.") var label: String?
        @Option(name: .long, help: "Write the token to this new file (mode 0600) instead of stdout.")
        var output: String?

        func validate() throws {
            if isOperator {
                guard site == nil else { throw ValidationError("an operator token has no site") }
                return
            }
            guard let site, !site.isEmpty, site.utf8.count <= 256, !site.contains("\u{0}") else {
                throw ValidationError("--site must be 1…256 bytes (or --operator)")
            }
        }

        func run() async throws {
            let store = try await Collector.openStorage(
                try storage.configuration(),
                logger: Collector.makeLogger(defaultLevel: .warning)
            )
            let secret = TokenSecret.generate()
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            do {
                let record = try await store.createToken(
                    site: isOperator ? "*" : site ?? "",
                    label: label,
                    secretHash: TokenSecret.hash(secret),
                    createdAt: now,
                    role: isOperator ? .operator : .ingest
                )
                if let output {
                    try SecretFile.create(output, text: secret + "\n")
                    FileHandle.standardError.write(
                        Data(
                            "\(record.role.rawValue) token \(record.id) for site \"\(record.site)\" written to \(output) (mode 0600)\n"
                                .utf8
                        )
                    )
                } else {
                    FileHandle.standardError.write(
                        Data(
                            "\(record.role.rawValue) token \(record.id) for site \"\(record.site)\" (shown once, keep it secret):\n"
                                .utf8
                        )
                    )
                    print(secret)
                }
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let store = try await Collector.openStorage(
                try storage.configuration(),
                logger: Collector.makeLogger(defaultLevel: .warning)
            )
            let tokens: [TokenRecord]
            do {
                tokens = try await store.tokens()
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            print("id\trole\tsite\tstate\tcreated\tlast used\tlabel")
            for token in tokens {
                let state = token.revokedAt.map { "revoked " + EpochTime.rfc3339(milliseconds: $0) } ?? "active"
                print(
                    [
                        String(token.id), token.role.rawValue, token.site, state,
                        EpochTime.rfc3339(milliseconds: token.createdAt),
                        token.lastUsedAt.map { EpochTime.rfc3339(milliseconds: $0) } ?? "never", token.label ?? "",
                    ].joined(separator: "\t")
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id: its uploads get 403.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Token id from `token list`.") var id: Int64

        func run() async throws {
            let store = try await Collector.openStorage(
                try storage.configuration(),
                logger: Collector.makeLogger(defaultLevel: .warning)
            )
            let revoked: Bool
            do {
                revoked = try await store.revokeToken(id: id, at: Int64(Date().timeIntervalSince1970 * 1000))
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            guard revoked else { throw CollectorError.noActiveToken(id) }
            print("revoked token \(id)")
        }
    }
}

struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Devices and their removal lifecycle (local administration: needs the database).",
        subcommands: [List.self, Show.self, Set.self]
    )

    static func withStore<T>(_ options: StorageOptions, _ body: (any Storage) async throws -> T) async throws -> T {
        let store = try await Collector.openStorage(
            try options.configuration(),
            logger: Collector.makeLogger(defaultLevel: .warning)
        )
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }

    static func time(_ milliseconds: Int64?) -> String {
        milliseconds.map { EpochTime.rfc3339(milliseconds: $0) } ?? "-"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Devices with their lifecycle state.")
        @OptionGroup var storage: StorageOptions
        @Option(name: .long, help: "Only this site.") var site: String?
        @Option(name: .long, help: "Only these states (comma list).") var state: String?

        func run() async throws {
            var query = DeviceQuery(site: site, limit: DeviceQuery.maximumLimit)
            for part in (state ?? "").split(separator: ",") {
                guard let value = LifecycleState(rawValue: String(part)) else {
                    throw ValidationError("unknown state \(part)")
                }
                query.lifecycle.append(value)
            }
            let fixed = query
            let devices = try await DeviceCommand.withStore(storage) { try await $0.devices(fixed).devices }
            print("id\tsite\taddress\tverdict\tvendor\tmodel\tstate\tremoval date\tremoved\tmissed")
            for device in devices {
                print(
                    [
                        String(device.id), device.site, device.port.map { "\(device.host):\($0)" } ?? device.host,
                        device.verdict.rawValue, device.vendor ?? "", device.model ?? "", device.lifecycle.rawValue,
                        DeviceCommand.time(device.removalDate), DeviceCommand.time(device.removedAt),
                        "\(device.missedRounds)/\(device.goneAfterRounds)",
                    ].map(TerminalText.clean).joined(separator: "\t")
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One device: identity, state and its history.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Device id.") var id: Int64

        func run() async throws {
            let id = self.id
            guard let detail = try await DeviceCommand.withStore(storage, { try await $0.device(id: id) }) else {
                throw CollectorError.configuration("no device \(id)")
            }
            let device = detail.device
            let lines = [
                "device \(device.id) at \(device.host)\(device.port.map { ":\($0)" } ?? "") (site \(device.site))",
                "identity: \(device.verdict.rawValue) \(device.vendor ?? "") \(device.model ?? "") \(device.firmware ?? "")",
                "state: \(device.lifecycle.rawValue); removal date \(DeviceCommand.time(device.removalDate)); "
                    + "removed \(DeviceCommand.time(device.removedAt)); missed \(device.missedRounds)/\(device.goneAfterRounds)",
            ]
            for line in lines { print(TerminalText.clean(line)) }
            for event in detail.lifecycleHistory {
                print(
                    TerminalText.clean(
                        "  \(EpochTime.rfc3339(milliseconds: event.at)) \(event.from.rawValue) -> \(event.to.rawValue) by "
                            + "\(event.actor)\(event.date.map { " (date \(EpochTime.rfc3339(milliseconds: $0)))" } ?? "")"
                            + "\(event.note.map { ": \($0)" } ?? "")"
                    )
                )
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Move a device to confirmed, scheduled (--date), removed or back; kept with who, when and the note."
        )
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Device id.") var id: Int64
        @Argument(help: "found, confirmed, scheduled or removed.") var state: String
        @Option(name: .long, help: "Why (kept in the history).") var note: String?
        @Option(name: .long, help: "RFC 3339: planned date (scheduled) or removal time (removed; default now).")
        var date: String?
        @Option(name: .long, help: "Failed probes after removal that verify it gone (default 3).")
        var goneAfter: Int?
        @Option(name: .long, help: "Who (default local:$USER).") var actor: String?

        func run() async throws {
            guard let target = LifecycleState(rawValue: state) else { throw ValidationError("unknown state \(state)") }
            var when: Int64?
            if let date {
                guard let parsed = EpochTime.milliseconds(fromRFC3339: date) else {
                    throw ValidationError("--date: expected RFC 3339 UTC like 2026-12-15T00:00:00Z")
                }
                when = parsed
            }
            let environment = ProcessInfo.processInfo.environment
            let who = actor ?? "local:" + (environment["SUDO_USER"] ?? environment["USER"] ?? "unknown")
            let change = LifecycleChange(to: target, actor: who, note: note, date: when, goneAfterRounds: goneAfter)
            let id = self.id
            do {
                let device = try await DeviceCommand.withStore(storage) {
                    try await $0.changeLifecycle(deviceId: id, change, at: Int64(Date().timeIntervalSince1970 * 1000))
                }
                print("device \(device.id): \(device.lifecycle.rawValue)")
            } catch let error as LifecycleError {
                FileHandle.standardError.write(Data("camprint-collector: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// Text from cameras on a terminal: control characters shown as `\xNN`.
enum TerminalText {
    static func clean(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\x" + (scalar.value < 16 ? "0" : "") + hex
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write the auditor's evidence pack: every covered device, HTML, CSV, JSON, stored reports, SHA256SUMS."
    )
    @OptionGroup var storage: StorageOptions
    @OptionGroup var policies: PolicyCommand.Options
    @Option(name: .long, help: "Only this site (default: every site).") var site: String?
    @Option(name: .long, help: "Directory to write (created).") var out: String

    func run() async throws {
        let catalog = try policies.load()
        let site = self.site
        let pack = try await DeviceCommand.withStore(storage) { store in
            try await EvidencePack.build(
                storage: store,
                policies: catalog,
                site: site,
                now: Int64(Date().timeIntervalSince1970 * 1000)
            )
        }
        let files = try pack.write(to: URL(fileURLWithPath: out, isDirectory: true))
        print(
            "\(pack.contents.devices.count) covered devices, \(files.count) files in \(out) (check: cd \(out) && sha256sum -c SHA256SUMS)"
        )
    }
}

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Covered-equipment policies and the maker lineage table.",
        subcommands: [List.self, Test.self]
    )

    struct Options: ParsableArguments {
        @Option(name: .long, help: "Operator policy directory (default /etc/camprint/policies.d).")
        var policies: String?

        @Flag(name: .long, help: "Only the shipped policies (ignore /etc/camprint/policies.d).")
        var noOperatorPolicies = false

        func load() throws -> PolicyCatalog {
            do {
                if let policies {
                    return try PolicyCatalog.load(
                        extraDirectories: [URL(fileURLWithPath: policies, isDirectory: true)],
                        includeOperatorDirectory: false
                    )
                }
                return try PolicyCatalog.load(includeOperatorDirectory: !noOperatorPolicies)
            } catch {
                throw CollectorError.configuration(error.description)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Policies, their sources, and the lineage rows.")
        @OptionGroup var options: Options

        func run() throws {
            let catalog = try options.load()
            for policy in catalog.policies {
                print("\(policy.id)\t\(policy.title)")
                for cover in policy.covers { print("  covers \(cover.maker): \(cover.equipment)") }
                for source in policy.sources { print("  source: \(source.title) <\(source.url)>") }
            }
            print("lineage:")
            for row in catalog.lineage.brands {
                print("  \(row.brand) -> \(row.maker) (\(row.relation)) <\(row.source.url)>")
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every policy's examples and every lineage row; exit 1 on a failure."
        )
        @OptionGroup var options: Options

        func run() throws {
            let catalog = try options.load()
            let failures = catalog.selfTest()
            for failure in failures { print("FAIL \(failure)") }
            let examples = catalog.policies.reduce(0) { $0 + $1.examples.count }
            print(
                "\(catalog.policies.count) policies, \(examples) examples, \(catalog.lineage.brands.count) lineage rows: "
                    + (failures.isEmpty ? "ok" : "\(failures.count) failed")
            )
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Configuration errors exit 2 (usage or configuration error, as everywhere in camprint).
enum CollectorExit {
    static func mappingConfigurationErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CollectorError {
            guard case .configuration = error else { throw error }
            FileHandle.standardError.write(Data("camprint-collector: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// What `camprint-collector`'s `main.swift` calls: parse the arguments, run the subcommand, exit.
public enum CollectorMain {
    public static func run() async {
        await CollectorCommand.main()
    }
}
