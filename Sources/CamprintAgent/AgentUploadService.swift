public import Logging
public import ServiceLifecycle

/// Uploads what the probe loop (``AgentService``) spools, as a service: a drain of
/// ``ReportUploader`` when a report was spooled (and at start when the spool holds reports from an
/// earlier run), never two at once; with back-off while the collector is unreachable (doubling from
/// 5 s up to the probe interval) and a recheck of reports it refused (held) every
/// ``heldRecheck``. The drain runs as an unstructured task, so that one that ignores cancellation
/// can be abandoned at shutdown. At graceful shutdown, which comes after the loop's (it runs
/// before the loop in the ``AgentLifecycle``'s group), one last bounded upload.
public struct AgentUploadService: Service {
    let uploader: ReportUploader
    let spool: ReportSpool
    let logger: Logger
    let interval: Duration
    let events = AgentMailbox<Event>()

    /// With only refused (held) reports left, how long until the spool is looked at again.
    static let heldRecheck: Duration = .seconds(60)

    enum Event: Sendable {
        /// A report was spooled.
        case spooled
        /// The probe interval changed (a reload): the longest back-off.
        case interval(Duration)
        /// The loop is stopping: no new drain until the final one.
        case hold
        case uploaded(UploadSummary)
        case stop
    }

    /// `interval`: the probe interval, the longest back-off while the collector is unreachable.
    public init(uploader: ReportUploader, spool: ReportSpool, interval: Duration, logger: Logger) {
        self.uploader = uploader
        self.spool = spool
        self.interval = interval
        self.logger = logger
    }

    /// A report was spooled: upload it now unless the collector is being backed off from.
    public func reportSpooled() { events.post(.spooled) }

    /// The probe interval changed (reload).
    func intervalChanged(_ interval: Duration) { events.post(.interval(interval)) }

    /// The loop began to stop: a running drain goes on, no other starts before the final upload.
    func hold() { events.post(.hold) }

    public func run() async {
        var state = UploadState(service: self)
        await withGracefulShutdownHandler {
            await state.runUntilStopped()
        } onGracefulShutdown: {
            events.post(.stop)
        }
        await state.finalUpload()
    }
}

/// The upload in flight and the back-off of one ``AgentUploadService/run()``.
struct UploadState {
    typealias Instant = ContinuousClock.Instant

    let service: AgentUploadService
    let clock = ContinuousClock()
    var interval: Duration
    var upload: Task<Void, Never>?
    var backoff: Duration = .zero
    /// When the spool is next looked at; `nil`: when a report is spooled.
    var nextUpload: Instant?
    var holding = false

    var logger: Logger { service.logger }

    init(service: AgentUploadService) {
        self.service = service
        self.interval = service.interval
        self.nextUpload = clock.now
    }

    mutating func runUntilStopped() async {
        while !Task.isCancelled {
            await startUploadIfDue()
            for event in await service.events.next(until: upload == nil ? nextUpload : nil) {
                switch event {
                case .spooled:
                    if backoff == .zero { nextUpload = min(nextUpload ?? clock.now, clock.now) }
                case .interval(let interval): self.interval = interval
                case .hold: holding = true
                case .uploaded(let summary): finishedUpload(summary)
                case .stop: return
                }
            }
        }
    }

    mutating func startUploadIfDue() async {
        guard upload == nil, !holding, let due = nextUpload, clock.now >= due else { return }
        guard ((try? await service.spool.count()) ?? 0) > 0 else {
            nextUpload = nil
            return
        }
        startDrain()
    }

    mutating func startDrain() {
        let uploader = service.uploader
        let events = service.events
        upload = Task { events.post(.uploaded(await uploader.drain())) }
    }

    mutating func finishedUpload(_ summary: UploadSummary) {
        upload = nil
        if summary.collectorReachable {
            backoff = .zero
            // What is left is held back (refused batches): look again in a minute or when a report is spooled.
            nextUpload = clock.now + (summary.remaining > 0 ? AgentUploadService.heldRecheck : .zero)
        } else {
            backoff = min(max(backoff * 2, .seconds(5)), max(interval, .seconds(5)))
            nextUpload = clock.now + backoff
            logger.warning(
                "agent: \(summary.remaining) report(s) stay spooled; next upload in \(AgentDuration.describe(backoff))"
            )
        }
    }

    /// Lets a running upload finish (bounded), else runs one more drain (bounded); never two drains at
    /// once, so no batch is sent twice by this process. No `WATCHDOG=1` meanwhile: the loop sent
    /// `STOPPING=1` before, and systemd disarms the watchdog once a unit leaves the running state
    /// (systemd src/core/service.c, `service_set_state()`).
    mutating func finalUpload() async {
        if let running = upload {
            running.cancel()
            await waitForUpload(until: clock.now + AgentService.cancelWait)
            if upload != nil {
                logger.warning("agent: abandoned an upload that did not return; its reports stay spooled")
                return
            }
        }
        guard ((try? await service.spool.count()) ?? 0) > 0 else { return }
        startDrain()
        await waitForUpload(until: clock.now + AgentService.finalUploadBound)
        if let running = upload {
            running.cancel()
            await waitForUpload(until: clock.now + AgentService.cancelWait)
        }
        let remaining = (try? await service.spool.count()) ?? -1
        if upload != nil || remaining != 0 {
            logger.notice("agent: \(remaining) report(s) stay spooled for the next start")
        }
    }

    /// Until the running drain reports back or `deadline`; other events no longer matter.
    mutating func waitForUpload(until deadline: Instant) async {
        while upload != nil, clock.now < deadline, !Task.isCancelled {
            let events = await service.events.next(until: deadline)
            if events.contains(where: { if case .uploaded = $0 { true } else { false } }) { upload = nil }
        }
    }
}
