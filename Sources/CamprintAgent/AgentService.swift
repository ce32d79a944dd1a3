public import CamprintSignatures
import Foundation
public import Logging
public import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The long-running agent's probe loop as a service: each target on its own schedule (interval plus
/// random jitter), a report spooled when its identity fingerprint changed or the heartbeat is due
/// and handed to ``AgentUploadService``, systemd notifications (READY, WATCHDOG, STOPPING, STATUS).
/// A reload request (SIGHUP, see ``AgentLifecycle``) re-reads the targets; graceful shutdown
/// (SIGTERM) stops within a bound. Probes run as child tasks; the loop (``AgentLoop``) wakes at
/// least every ``tick`` and pings the watchdog itself.
public struct AgentService: Service {
    public var configPath: String
    public var config: AgentConfig
    public var database: SignatureDatabase
    public var spool: ReportSpool
    public var uploads: AgentUploadService
    /// Each element asks for a reload of the configuration.
    public var reloads: AsyncStream<Void>
    public var notifier: SystemdNotifier
    public var logger: Logger
    /// Where probes are counted (the Prometheus endpoint), if anywhere.
    public var metrics: AgentMetrics?
    /// When the stop began (for the `stopped in` line once every service has stopped).
    let stopClock: AgentStopClock

    /// Longest single sleep between two rounds of the loop (watchdog pings, due targets).
    public static let tick: Duration = .seconds(1)

    public init(
        configPath: String,
        config: AgentConfig,
        database: SignatureDatabase,
        spool: ReportSpool,
        uploads: AgentUploadService,
        reloads: AsyncStream<Void>,
        notifier: SystemdNotifier = SystemdNotifier(),
        metrics: AgentMetrics? = nil,
        logger: Logger
    ) {
        self.init(
            configPath: configPath,
            config: config,
            database: database,
            spool: spool,
            uploads: uploads,
            reloads: reloads,
            notifier: notifier,
            metrics: metrics,
            logger: logger,
            stopClock: AgentStopClock()
        )
    }

    init(
        configPath: String,
        config: AgentConfig,
        database: SignatureDatabase,
        spool: ReportSpool,
        uploads: AgentUploadService,
        reloads: AsyncStream<Void>,
        notifier: SystemdNotifier,
        metrics: AgentMetrics?,
        logger: Logger,
        stopClock: AgentStopClock
    ) {
        self.configPath = configPath
        self.config = config
        self.database = database
        self.spool = spool
        self.uploads = uploads
        self.reloads = reloads
        self.notifier = notifier
        self.metrics = metrics
        self.logger = logger
        self.stopClock = stopClock
    }

    /// Longest wait for in-flight probes after SIGTERM (less when every running probe's timeout is shorter).
    public static let stopGrace: Duration = .seconds(10)
    /// After the grace, how long cancelled probes and a cancelled upload get to return.
    public static let cancelWait: Duration = .seconds(1)
    /// Bound of the last upload attempt before exiting (``AgentUploadService``).
    public static let finalUploadBound: Duration = .seconds(5)

    /// What wakes the loop besides its own deadlines.
    enum Event: Sendable, Equatable {
        case reload
        case stop
    }

    /// Runs until graceful shutdown, then stops its probes within ``stopGrace`` + ``cancelWait``; the
    /// upload service, shut down next, adds ``cancelWait`` + ``finalUploadBound``: ≈ 18 s with the
    /// last tick, under the unit's `TimeoutStopSec=30s`.
    public func run() async {
        let events = AgentMailbox<Event>()
        var loop = AgentLoop(
            service: self,
            config: config,
            watchdog: AgentWatchdog(watchdogInterval: Self.watchdogInterval(), tick: Self.tick)
        )
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in reloads { events.post(.reload) }
            }
            await withGracefulShutdownHandler {
                await loop.run(events: events)
            } onGracefulShutdown: {
                events.post(.stop)
            }
            group.cancelAll()
        }
    }

    /// `$WATCHDOG_USEC`, unless `$WATCHDOG_PID` names another process.
    static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        if let pid = environment["WATCHDOG_PID"], let number = Int32(pid), number != getpid() { return nil }
        return SystemdNotifier.watchdogInterval(environment: environment)
    }

    static func randomJitter(_ jitter: Duration) -> Duration {
        guard jitter > .zero else { return .zero }
        return jitter * Double.random(in: 0...1)
    }
}
