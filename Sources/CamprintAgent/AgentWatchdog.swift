/// When the loop sends `WATCHDOG=1`: at half of `$WATCHDOG_USEC` (systemd's `WatchdogSec=`), or every
/// tick without it. Only the loop itself pings, so a hung loop stops the pings and systemd notices.
struct AgentWatchdog {
    typealias Instant = ContinuousClock.Instant

    /// Time between pings.
    let period: Duration
    private var last: Instant?

    init(watchdogInterval: Duration?, tick: Duration) {
        if let watchdogInterval {
            period = max(watchdogInterval / 2, .milliseconds(10))
        } else {
            period = tick
        }
    }

    /// True (and the ping counted as sent) when a ping is due at `now` (a little early is fine).
    mutating func due(now: Instant) -> Bool {
        if let last, now - last < period * 0.9 { return false }
        last = now
        return true
    }

    /// When the next ping is due; the loop never sleeps past it.
    var nextPing: Instant? { last.map { $0 + period } }
}
