import CamprintClients
import CamprintDiscovery
import CamprintReport
import Foundation
import Logging

/// The state of one run of ``AgentService``: the schedule and the probes in flight (as unstructured
/// tasks, so a probe that ignores cancellation can be abandoned at shutdown). Every step between two
/// waits is bounded: the loop awaits only the local spool. Spooled reports go to the
/// ``AgentUploadService``.
struct AgentLoop {
    typealias Instant = ContinuousClock.Instant

    struct RunningProbe {
        var target: AgentConfig.Target
        var started: Instant
        var task: Task<Void, Never>
    }

    let service: AgentService
    var config: AgentConfig
    var watchdog: AgentWatchdog
    let clock = ContinuousClock()
    let inbox = AgentInbox()
    var runner: AgentRunner
    var schedule: AgentSchedule
    var probes: [String: RunningProbe] = [:]
    /// Devices found by the sweeps (kept across reloads), the sweep running and when the next is due.
    var discovered = DiscoveredSet()
    var sweep: Task<Void, Never>?
    var nextSweep: Instant?

    var logger: Logger { service.logger }
    var spool: ReportSpool { service.spool }

    init(service: AgentService, config: AgentConfig, watchdog: AgentWatchdog) {
        self.service = service
        self.config = config
        self.watchdog = watchdog
        self.runner = AgentRunner(
            config: config,
            database: service.database,
            metrics: service.metrics,
            logger: service.logger
        )
        self.schedule = AgentSchedule(targets: config.targets, now: clock.now)
        self.nextSweep = config.discovery == nil ? nil : clock.now
    }

    /// Rounds until a `.stop` event (graceful shutdown) or cancellation, then ``stop()``. Between
    /// rounds the loop waits for ``nextWait()`` or an event, whichever comes first.
    mutating func run(events: AgentMailbox<AgentService.Event>) async {
        service.notifier.notify("READY=1\nSTATUS=probing \(config.targets.count) target(s)")
        logger.notice("agent: started, site \(config.site), \(config.targets.count) target(s)")
        var stopping = false
        while !stopping, !Task.isCancelled {
            pingWatchdog()
            await collect(accepting: true)
            releaseHeldTargets()
            startSweepIfDue()
            for target in schedule.startable(now: clock.now, concurrency: config.concurrency) { start(target) }
            let woken = await events.next(until: clock.now + nextWait())
            if woken.contains(.reload) { reload() }
            stopping = woken.contains(.stop)
        }
        await stop()
    }

    // MARK: Steps

    mutating func pingWatchdog() {
        if watchdog.due(now: clock.now) { service.notifier.notify("WATCHDOG=1") }
    }

    mutating func reload() {
        do {
            let reloaded = try AgentConfig.load(path: service.configPath)
            config.targets = reloaded.targets
            if config.interval != reloaded.interval { service.uploads.intervalChanged(reloaded.interval) }
            config.interval = reloaded.interval
            config.jitter = reloaded.jitter
            config.heartbeat = reloaded.heartbeat
            config.concurrency = reloaded.concurrency
            config.transport = reloaded.transport
            config.credentialsDirectory = reloaded.credentialsDirectory
            if config.discovery == nil, reloaded.discovery != nil { nextSweep = clock.now }
            if reloaded.discovery == nil { nextSweep = nil }
            config.discovery = reloaded.discovery
            runner = AgentRunner(
                config: config,
                database: service.database,
                metrics: service.metrics,
                logger: logger
            )
            // The devices found so far stay (a reload does not wait for the next sweep to probe them).
            let targets = scheduledTargets()
            service.metrics?.retainTargets(Set(targets.map { $0.url.description }))
            let change = schedule.reload(targets, now: clock.now)
            logger.notice(
                "agent: configuration reloaded: \(config.targets.count) target(s) (\(change.added) new, \(change.removed) removed, \(change.kept) kept); collector and spool keep their settings until restart"
            )
        } catch {
            logger.error("agent: reload failed, keeping the running configuration: \(error.description)")
        }
        service.notifier.notify("STATUS=probing \(config.targets.count) target(s)")
    }

    /// The configured targets and, with a `discovery:` section, the devices found so far.
    func scheduledTargets() -> [AgentConfig.Target] {
        guard config.discovery != nil else { return config.targets }
        return AgentDiscovery.targets(configured: config.targets, found: discovered.list, config: config)
    }

    /// Starts a sweep when one is due and none is running; the next is due an interval after it ends.
    mutating func startSweepIfDue() {
        guard sweep == nil, let due = nextSweep, clock.now >= due else { return }
        let runner = runner
        let inbox = inbox
        sweep = Task { inbox.post(sweep: await runner.sweep()) }
    }

    mutating func finishedSweep(_ found: [DiscoveredDevice]) {
        sweep = nil
        nextSweep = config.discovery.map { clock.now + $0.interval }
        let change = discovered.update(found)
        let targets = scheduledTargets()
        let schedules = schedule.reload(targets, now: clock.now)
        logger.notice(
            "agent: discovery: \(discovered.list.count) device(s) known (\(change.new) new, \(change.forgotten) forgotten after \(AgentDiscovery.forgetAfterSweeps) sweeps without them); \(targets.count) target(s) scheduled (\(schedules.added) new)"
        )
        service.notifier.notify("STATUS=probing \(targets.count) target(s)")
    }

    mutating func start(_ target: AgentConfig.Target) {
        let runner = runner
        let inbox = inbox
        let task = Task {
            let result = await runner.probe(target)
            inbox.post(result)
        }
        probes[AgentSchedule.key(target)] = RunningProbe(target: target, started: clock.now, task: task)
    }

    /// Picks up finished probes (spooling what the schedule says) and sweeps. With `accepting` false
    /// (after cancellation), late probe results are dropped, not spooled.
    mutating func collect(accepting: Bool) async {
        let contents = inbox.take()
        for found in contents.sweeps { finishedSweep(found) }
        for result in contents.probes {
            let key = AgentSchedule.key(result.target)
            probes[key] = nil
            guard accepting else {
                logger.warning("agent: dropped the late result of a cancelled probe: \(result.summaryLine)")
                continue
            }
            logger.info("\(result.summaryLine)")
            let now = clock.now
            let completion = schedule.complete(
                result,
                now: now,
                jitter: config.jitter,
                heartbeat: config.heartbeat,
                credentialStamp: result.report?.status == .authFailed
                    ? AgentCredentialStamp.of(result.target, directory: config.credentialsDirectory) : ""
            )
            let url = URLRedaction.redact(key)
            if let note = completion.note { logger.notice("agent: \(url): \(note)") }
            guard let report = completion.reportToSpool else { continue }
            if !schedule.isScheduled(key) {
                logger.notice("agent: \(url): removed from the configuration; last report kept")
            }
            do {
                let evicted = try await spool.append(reportId: report.reportId, json: try JSONEncoder().encode(report))
                if evicted > 0 { logger.warning("agent: spool full: dropped the \(evicted) oldest report(s)") }
                logger.debug("agent: spooled report \(report.reportId) for \(url)")
                for behind in result.behind {
                    _ = try await spool.append(reportId: behind.reportId, json: try JSONEncoder().encode(behind))
                }
                schedule.markSent(key, fingerprint: completion.fingerprint, now: clock.now)
                service.uploads.reportSpooled()
            } catch {
                logger.error("agent: cannot spool a report: \(error)")
            }
        }
    }

    mutating func releaseHeldTargets() {
        let directory = config.credentialsDirectory
        let released = schedule.releaseChangedCredentials(now: clock.now) {
            AgentCredentialStamp.of($0, directory: directory)
        }
        for key in released {
            logger.notice("agent: \(URLRedaction.redact(key)): credentials changed since auth_failed; probing again")
        }
    }

    /// Until the next due target, the next watchdog ping or the tick, whichever is first; short while
    /// probes run so their results are spooled promptly.
    func nextWait() -> Duration {
        let now = clock.now
        var wait = AgentService.tick
        if let due = schedule.soonestDue() { wait = min(wait, max(due - now, .milliseconds(50))) }
        if !probes.isEmpty || sweep != nil { wait = min(wait, .milliseconds(200)) }
        if sweep == nil, let due = nextSweep { wait = min(wait, max(due - now, .milliseconds(50))) }
        if let ping = watchdog.nextPing { wait = min(wait, max(ping - now, .milliseconds(10))) }
        return wait
    }

    // MARK: Stop

    /// SIGTERM: no new probes; running ones get a bounded grace, then are cancelled and, if they do not
    /// return, abandoned. The last bounded upload is the upload service's, shut down next.
    mutating func stop() async {
        service.stopClock.markBegan()
        service.uploads.hold()
        service.notifier.notify("STOPPING=1\nSTATUS=stopping")
        // A sweep only finds addresses: nothing of it is lost by not waiting.
        sweep?.cancel()
        sweep = nil
        let longest = probes.values.map(\.target.timeout).max() ?? .zero
        let grace = min(longest, AgentService.stopGrace)
        logger.notice(
            "agent: stopping: no new probes; \(probes.count) in flight get up to \(AgentDuration.describe(grace))"
        )
        await waitForProbes(until: clock.now + grace, accepting: true)
        if !probes.isEmpty {
            for probe in probes.values { probe.task.cancel() }
            await waitForProbes(until: clock.now + AgentService.cancelWait, accepting: false)
            for (key, probe) in probes {
                logger.warning(
                    "agent: abandoned the probe of \(URLRedaction.redact(key)) after \(AgentDuration.describe(clock.now - probe.started)) (no report from it)"
                )
            }
            probes = [:]
        }
    }

    mutating func waitForProbes(until deadline: Instant, accepting: Bool) async {
        while !probes.isEmpty, clock.now < deadline {
            pingWatchdog()
            await collect(accepting: accepting)
            if probes.isEmpty { break }
            try? await Task.sleep(for: min(.milliseconds(100), max(deadline - clock.now, .milliseconds(1))))
        }
        await collect(accepting: accepting)
    }
}
