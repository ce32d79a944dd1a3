public import CamprintSignatures
import Foundation
public import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Why the agent could not start (exit code 2 in `camprint agent`).
public struct AgentStartError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// `camprint agent` from start to exit, the one place that opens and closes the spool: reads the
/// collector token, opens the spool, binds the metrics endpoint, then runs the agent's services in
/// one `ServiceGroup` (swift-service-lifecycle) and closes the spool when the group has ended.
///
/// Long-running, the group holds the metrics endpoint (``AgentMetricsServer``), the uploads
/// (``AgentUploadService``) and the probe loop (``AgentService``). SIGTERM and SIGINT shut it down
/// gracefully, services in reverse order: the loop stops its probes, the upload service makes its
/// last bounded upload, the metrics endpoint closes. SIGHUP (`UnixSignalsSequence`) asks the loop to
/// reload the configuration. With `--once` the group holds the metrics endpoint and one round
/// (``AgentRunner/runOnce(spool:uploader:)``), whose end shuts the group down; no signal is trapped.
public struct AgentLifecycle: Sendable {
    public var config: AgentConfig
    public var configPath: String
    public var database: SignatureDatabase
    public var logger: Logger
    public var notifier: SystemdNotifier
    /// Reload requests in place of SIGHUP; when given, no signal is trapped at all (tests trigger
    /// graceful shutdown through the task's graceful-shutdown context instead).
    public var reloads: AsyncStream<Void>?

    public init(
        config: AgentConfig,
        configPath: String,
        database: SignatureDatabase,
        logger: Logger,
        notifier: SystemdNotifier = SystemdNotifier(),
        reloads: AsyncStream<Void>? = nil
    ) {
        self.config = config
        self.configPath = configPath
        self.database = database
        self.logger = logger
        self.notifier = notifier
        self.reloads = reloads
    }

    /// Runs the agent: one round with `once` (its result returned), else until graceful shutdown (`nil`).
    public func run(once: Bool) async throws -> AgentRoundResult? {
        // Settings that weaken what the agent protects, said once at start.
        for warning in AgentConfigSummary.securityWarnings(config) { logger.warning("agent: \(warning)") }
        let metrics = AgentMetrics()
        let runner = AgentRunner(config: config, database: database, metrics: metrics, logger: logger)
        let endpoint: CollectorEndpoint
        do {
            endpoint = try runner.endpoint()
        } catch {
            throw AgentStartError(message: "collector token: \(error.description)")
        }
        let spool: ReportSpool
        do {
            spool = try await ReportSpool.open(
                path: config.spool.path,
                maxBytes: config.spool.maxBytes,
                maxAge: config.spool.maxAge
            )
        } catch {
            throw AgentStartError(message: "spool \(config.spool.path): \(error)")
        }
        do {
            let result = try await run(once: once, runner: runner, endpoint: endpoint, spool: spool, metrics: metrics)
            await spool.close()
            return result
        } catch {
            await spool.close()
            throw error
        }
    }

    private func run(
        once: Bool,
        runner: AgentRunner,
        endpoint: CollectorEndpoint,
        spool: ReportSpool,
        metrics: AgentMetrics
    ) async throws -> AgentRoundResult? {
        let uploader = ReportUploader(
            endpoint: endpoint,
            spool: spool,
            retry: RetryPolicy(maxAttempts: 4),
            metrics: metrics,
            logger: logger
        )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let listen = config.metricsListen {
            let server: AgentMetricsServer
            do {
                server = try await AgentMetricsServer.start(listen: listen) { await metrics.exposition(spool: spool) }
            } catch {
                throw AgentStartError(message: error.description)
            }
            logger.notice("agent: Prometheus metrics at http://\(listen)/metrics")
            services.append(.init(service: server, serviceName: "metrics"))
        }
        // The group's own lines are debug; the agent's debug level is for its spool lines.
        var groupLogger = logger
        groupLogger.logLevel = max(logger.logLevel, .info)

        if once {
            let round = AgentRound(runner: runner, spool: spool, uploader: uploader)
            services.append(
                .init(service: round, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "round")
            )
            try await ServiceGroup(configuration: .init(services: services, logger: groupLogger)).run()
            return round.result
        }

        let uploads = AgentUploadService(uploader: uploader, spool: spool, interval: config.interval, logger: logger)
        let (hangups, hangup) = AsyncStream.makeStream(of: Void.self)
        let stopClock = AgentStopClock()
        let loop = AgentService(
            configPath: configPath,
            config: config,
            database: database,
            spool: spool,
            uploads: uploads,
            reloads: reloads ?? hangups,
            notifier: notifier,
            metrics: metrics,
            logger: logger,
            stopClock: stopClock
        )
        // Shut down in reverse: the loop first, then the last upload, the metrics endpoint last.
        services.append(.init(service: uploads, serviceName: "uploads"))
        services.append(.init(service: loop, serviceName: "loop"))
        let trapsSignals = reloads == nil
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: trapsSignals ? [.sigterm, .sigint] : [],
                logger: groupLogger
            )
        )
        try await withThrowingDiscardingTaskGroup { tasks in
            if trapsSignals {
                let signals = await UnixSignalsSequence(trapping: .sighup)
                tasks.addTask {
                    for await _ in signals { hangup.yield() }
                }
            }
            try await group.run()
            tasks.cancelAll()
        }
        if let elapsed = stopClock.elapsed {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            logger.notice("agent: stopped in \(String(format: "%.1f", seconds)) s")
        }
        return nil
    }
}

/// `--once` as a service: one round of ``AgentRunner/runOnce(spool:uploader:)``, its result kept.
private final class AgentRound: Service {
    let runner: AgentRunner
    let spool: ReportSpool
    let uploader: ReportUploader
    private let outcome = Mutex<AgentRoundResult?>(nil)

    init(runner: AgentRunner, spool: ReportSpool, uploader: ReportUploader) {
        self.runner = runner
        self.spool = spool
        self.uploader = uploader
    }

    var result: AgentRoundResult? { outcome.withLock { $0 } }

    func run() async {
        let result = await runner.runOnce(spool: spool, uploader: uploader)
        outcome.withLock { $0 = result }
    }
}

/// When the loop began to stop (graceful shutdown), for the `stopped in` line written once every
/// service has stopped.
final class AgentStopClock: Sendable {
    private let began = Mutex<ContinuousClock.Instant?>(nil)

    func markBegan() { began.withLock { $0 = $0 ?? .now } }

    /// Since the stop began, if it did.
    var elapsed: Duration? { began.withLock { $0 }.map { .now - $0 } }
}
