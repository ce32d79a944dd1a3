public import CamprintSignatures
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The long-running agent: each target on its own schedule (interval plus random jitter), a report
/// spooled when its identity fingerprint changed or the heartbeat is due, uploads with back-off,
/// systemd notifications (READY, WATCHDOG, STOPPING, STATUS), SIGHUP reloads the targets, SIGTERM
/// stops within a bound. Probes and uploads run as child tasks; the loop (``AgentLoop``) ticks at
/// least every ``tick`` and pings the watchdog itself.
public struct AgentService: Sendable {
    public var configPath: String
    public var database: SignatureDatabase
    public var notifier: SystemdNotifier
    public var log: AgentLog
    /// Where probes are counted (the Prometheus endpoint), if anywhere.
    public var metrics: AgentMetrics?

    /// Longest single sleep between checks of the signal flags and watchdog pings.
    public static let tick: Duration = .seconds(1)

    public init(
        configPath: String,
        database: SignatureDatabase,
        notifier: SystemdNotifier = SystemdNotifier(),
        metrics: AgentMetrics? = nil,
        log: @escaping AgentLog
    ) {
        self.configPath = configPath
        self.database = database
        self.notifier = notifier
        self.metrics = metrics
        self.log = log
    }

    /// Longest wait for in-flight probes after SIGTERM (less when every running probe's timeout is shorter).
    public static let stopGrace: Duration = .seconds(10)
    /// After the grace, how long cancelled probes and a cancelled upload get to return.
    public static let cancelWait: Duration = .seconds(1)
    /// Bound of the last upload attempt before exiting.
    public static let finalUploadBound: Duration = .seconds(5)

    /// Runs until a stop signal, then stops within tick + ``stopGrace`` + 2 × ``cancelWait`` +
    /// ``finalUploadBound`` (≈ 18 s, under the unit's `TimeoutStopSec=30s`).
    public func run(
        config initial: AgentConfig,
        spool: ReportSpool,
        uploader: ReportUploader,
        signals: AgentSignals
    ) async {
        var loop = AgentLoop(
            service: self,
            config: initial,
            spool: spool,
            uploader: uploader,
            watchdog: AgentWatchdog(watchdogInterval: Self.watchdogInterval(), tick: Self.tick)
        )
        await loop.run(signals: signals)
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
