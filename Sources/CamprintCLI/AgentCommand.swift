import ArgumentParser
import CamprintAgent
import CamprintReport
import Foundation

/// `camprint agent`: the site agent (README, "Deploying the agent on a gateway").
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Probe a site's cameras on a schedule and send the reports to a camprint collector.",
        discussion: """
            Reads agent.yaml (see Samples/agent/agent.yaml), probes every target, appends each report to \
            a durable SQLite spool before anything else, and uploads the spool to the collector \
            (POST /api/v1/reports, gzip JSON, Authorization: Bearer). A report leaves the spool only once \
            the collector acknowledged it. Passwords come from files in the credentials directory, never \
            from the configuration or the command line, and never appear in logs.

            Examples:
              camprint agent --check-config /etc/camprint/agent.yaml
              camprint agent --config /etc/camprint/agent.yaml --once
              camprint agent --config /etc/camprint/agent.yaml      (runs until SIGTERM; SIGHUP reloads targets)

            Without --once the agent probes each target every `interval` (plus random `jitter`), spools \
            a report when the identity changed or `heartbeat` has passed, uploads with back-off, and \
            talks to systemd through $NOTIFY_SOCKET (READY=1, WATCHDOG=1, STOPPING=1).

            With `metrics_listen: HOST:PORT` the agent serves Prometheus metrics at GET /metrics (probes by \
            status, devices by verdict, probe durations, spool depth/bytes/dropped, uploads by outcome), \
            in --once mode too for the length of the run. A port it cannot bind is a configuration error.

            Exit codes (--once): 0 done (spool drained), 2 configuration error, 3 the collector could not be \
            reached (the reports stay spooled), 4 the collector refused reports (bad token or invalid \
            reports; they stay spooled).
            """
    )

    @Option(help: ArgumentHelp("The agent configuration file.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Validate this configuration file, print a summary, and exit.", valueName: "file"))
    var checkConfig: String?

    @Flag(help: "Probe every target once, upload, and exit (else run until SIGTERM).")
    var once = false

    @OptionGroup var signatures: SignatureOptions

    func validate() throws {
        if config == nil, checkConfig == nil { throw ValidationError("give --config FILE or --check-config FILE") }
        if config != nil, checkConfig != nil { throw ValidationError("give --config or --check-config, not both") }
    }

    func run() async throws {
        if let checkConfig {
            let loaded = try Self.load(checkConfig)
            TerminalOutput.print(AgentConfigSummary.render(loaded))
            return
        }
        guard let path = config else { return }
        let loaded = try Self.load(path)
        let database = try signatures.load()
        let lifecycle = AgentLifecycle(
            config: loaded,
            configPath: path,
            database: database,
            logger: AgentLogHandler.logger(level: loaded.logLevel)
        )
        let result: AgentRoundResult?
        do {
            result = try await lifecycle.run(once: once)
        } catch let error as AgentStartError {
            throw CommandFailure.usage(error.message)
        }
        guard let result else { return }
        let upload = result.upload
        StandardError.write(
            "agent: \(result.targets.count) target(s), \(result.spooled) report(s) spooled, \(upload.delivered) "
                + "delivered, \(upload.remaining) still spooled"
        )
        if upload.drained { return }
        if !upload.collectorReachable { throw ExitCode(3) }
        throw ExitCode(4)
    }

    static func load(_ path: String) throws -> AgentConfig {
        let config: AgentConfig
        do {
            config = try AgentConfig.load(path: path)
        } catch {
            throw CommandFailure.usage("\(path): \(error.description)")
        }
        return config
    }
}
