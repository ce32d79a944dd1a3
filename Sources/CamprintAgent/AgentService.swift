import CamprintProbe
import CamprintReport
public import CamprintSignatures
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM/SIGINT (stop) and SIGHUP (reload the configuration), turned into flags the loop polls.
public final class AgentSignals: Sendable {
    struct Flags {
        var stop = false
        var reload = false
    }

    private let flags = Mutex(Flags())
    /// Kept alive for the life of the process; written once by ``install()`` before the loop starts.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Installs the handlers (the default actions of the signals are disabled). Call once.
    public func install() {
        #if canImport(Glibc)
            let table: [(Int32, @Sendable (AgentSignals) -> Void)] = [
                (SIGTERM, { $0.requestStop() }),
                (SIGINT, { $0.requestStop() }),
                (SIGHUP, { $0.requestReload() }),
            ]
            var installed: [any DispatchSourceSignal] = []
            for (number, action) in table {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    if let self { action(self) }
                }
                source.resume()
                installed.append(source)
            }
            sources = installed
        #endif
    }

    public func requestStop() { flags.withLock { $0.stop = true } }
    public func requestReload() { flags.withLock { $0.reload = true } }
    public var stopRequested: Bool { flags.withLock { $0.stop } }

    /// True once per SIGHUP.
    public func takeReload() -> Bool {
        flags.withLock { flags in
            defer { flags.reload = false }
            return flags.reload
        }
    }
}

/// The long-running agent: each target on its own schedule (interval plus random jitter), a report
/// spooled when its identity fingerprint changed or the heartbeat is due, uploads with back-off,
/// systemd notifications (READY, WATCHDOG, STOPPING, STATUS), SIGHUP reloads the targets.
public struct AgentService: Sendable {
    public var configPath: String
    public var database: SignatureDatabase
    public var notifier: SystemdNotifier
    public var log: AgentLog

    /// Longest single sleep between checks of the signal flags and watchdog pings.
    public static let tick: Duration = .seconds(1)

    public init(
        configPath: String,
        database: SignatureDatabase,
        notifier: SystemdNotifier = SystemdNotifier(),
        log: @escaping AgentLog
    ) {
        self.configPath = configPath
        self.database = database
        self.notifier = notifier
        self.log = log
    }

    struct TargetState {
        var nextDue: ContinuousClock.Instant
        var fingerprint: String?
        var lastSent: ContinuousClock.Instant?
    }

    /// Runs until a stop signal.
    public func run(
        config initial: AgentConfig,
        spool: ReportSpool,
        uploader: ReportUploader,
        signals: AgentSignals
    ) async {
        let clock = ContinuousClock()
        var config = initial
        var runner = AgentRunner(config: config, database: database, log: log)
        var states: [String: TargetState] = [:]
        var uploadBackoff: Duration = .zero
        var nextUpload = clock.now
        notifier.notify("READY=1\nSTATUS=probing \(config.targets.count) target(s)")
        log(.notice, "agent: started, site \(config.site), \(config.targets.count) target(s)")
        while !signals.stopRequested {
            notifier.notify("WATCHDOG=1")
            if signals.takeReload() {
                do {
                    let reloaded = try AgentConfig.load(path: configPath)
                    config.targets = reloaded.targets
                    config.interval = reloaded.interval
                    config.jitter = reloaded.jitter
                    config.heartbeat = reloaded.heartbeat
                    config.concurrency = reloaded.concurrency
                    config.transport = reloaded.transport
                    config.credentialsDirectory = reloaded.credentialsDirectory
                    runner = AgentRunner(config: config, database: database, log: log)
                    log(
                        .notice,
                        "agent: configuration reloaded: \(config.targets.count) target(s) (collector and spool keep "
                            + "their settings until restart)"
                    )
                } catch {
                    log(.error, "agent: reload failed, keeping the running configuration: \(error.description)")
                }
                notifier.notify("STATUS=probing \(config.targets.count) target(s)")
            }
            let now = clock.now
            let due = config.targets.filter { (states[$0.url.description]?.nextDue ?? now) <= now }
            if !due.isEmpty {
                for result in await runner.probeAll(due) {
                    let key = result.target.url.description
                    var state = states[key] ?? TargetState(nextDue: now)
                    state.nextDue = clock.now + result.target.interval + Self.randomJitter(config.jitter)
                    if let report = result.report {
                        let fingerprint = IdentityFingerprint.of(report)
                        let heartbeatDue = state.lastSent.map { clock.now - $0 >= config.heartbeat } ?? true
                        if fingerprint != state.fingerprint || heartbeatDue {
                            do {
                                let evicted = try await spool.append(
                                    reportId: report.reportId,
                                    json: try JSONEncoder().encode(report)
                                )
                                if evicted > 0 {
                                    log(.warning, "agent: spool full: dropped the \(evicted) oldest report(s)")
                                }
                                state.fingerprint = fingerprint
                                state.lastSent = clock.now
                            } catch {
                                log(.error, "agent: cannot spool a report: \(error)")
                            }
                        }
                    }
                    states[key] = state
                }
            }
            if clock.now >= nextUpload, ((try? await spool.count()) ?? 0) > 0 {
                let summary = await uploader.drain()
                if summary.collectorReachable {
                    uploadBackoff = .zero
                    nextUpload = clock.now
                } else {
                    uploadBackoff = min(max(uploadBackoff * 2, .seconds(5)), max(config.interval, .seconds(5)))
                    nextUpload = clock.now + uploadBackoff
                    log(
                        .warning,
                        "agent: \(summary.remaining) report(s) stay spooled; next upload in "
                            + AgentDuration.describe(uploadBackoff)
                    )
                }
            }
            let soonest = config.targets.compactMap { states[$0.url.description]?.nextDue }.min() ?? clock.now
            let wait = min(max(soonest - clock.now, .milliseconds(50)), Self.tick)
            try? await Task.sleep(for: wait)
        }
        notifier.notify("STOPPING=1")
        log(.notice, "agent: stopping")
    }

    static func randomJitter(_ jitter: Duration) -> Duration {
        guard jitter > .zero else { return .zero }
        return jitter * Double.random(in: 0...1)
    }
}
