/// When a batch the collector refused with a 4xx (not 408/429) is offered again: after ``initial``,
/// doubling per refusal up to ``maximum``, so a collector fixed later still receives it. The spool's
/// size and age bounds still evict such reports eventually.
public struct RefusalBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    /// The clock holds are measured on (a test passes one it advances by hand).
    public var now: @Sendable () -> ContinuousClock.Instant

    public init(
        initial: Duration = .seconds(3600),
        maximum: Duration = .seconds(24 * 3600),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.initial = initial
        self.maximum = max(maximum, initial)
        self.now = now
    }

    /// One refused report: when it may be sent again and the delay used.
    struct Hold: Sendable {
        var retryAt: ContinuousClock.Instant
        var delay: Duration
    }

    /// Records a refusal of `ids`; returns the delay before they are offered again.
    func refuse(_ ids: [String], in holds: inout [String: Hold]) -> Duration {
        let previous = ids.compactMap { holds[$0]?.delay }.max()
        let delay = previous.map { min($0 * 2, maximum) } ?? initial
        let retryAt = now() + delay
        for id in ids { holds[id] = Hold(retryAt: retryAt, delay: delay) }
        return delay
    }

    /// Drops holds of reports no longer spooled (delivered or evicted); `present` is the whole spool.
    func forgetGone(_ holds: inout [String: Hold], present: [ReportSpool.Entry]) {
        let ids = Set(present.map(\.reportId))
        holds = holds.filter { ids.contains($0.key) }
    }
}
