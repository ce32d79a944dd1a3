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
        subcommands: [Serve.self, TokenCommand.self]
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

    func run() async throws {
        let configuration = try storage.configuration(
            extra: CollectorConfiguration(listen: listen, staleAfterSeconds: staleAfterHours.map { $0 * 3600 })
        )
        try await Collector.serve(configuration: configuration, logger: Collector.makeLogger())
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage agent upload tokens (each bound to one site).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a site and print it once (only its SHA-256 is stored)."
        )
        @OptionGroup var storage: StorageOptions
        @Option(name: .long, help: "Site the token's reports are filed under.") var site: String
        @Option(name: .long, help: "A note, e.g. the agent's host name.") var label: String?

        func validate() throws {
            guard !site.isEmpty, site.utf8.count <= 256, !site.contains("\u{0}") else {
                throw ValidationError("--site must be 1…256 bytes")
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
                    site: site,
                    label: label,
                    secretHash: TokenSecret.hash(secret),
                    createdAt: now
                )
                FileHandle.standardError.write(
                    Data("token \(record.id) for site \"\(record.site)\" (shown once, keep it secret):\n".utf8)
                )
                print(secret)
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
            print("id\tsite\tstate\tcreated\tlast used\tlabel")
            for token in tokens {
                let state = token.revokedAt.map { "revoked " + EpochTime.rfc3339(milliseconds: $0) } ?? "active"
                print(
                    [
                        String(token.id), token.site, state, EpochTime.rfc3339(milliseconds: token.createdAt),
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

/// What `camprint-collector`'s `main.swift` calls: parse the arguments, run the subcommand, exit.
public enum CollectorMain {
    public static func run() async {
        await CollectorCommand.main()
    }
}
