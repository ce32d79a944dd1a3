import CamprintClients
import CamprintReport
import Foundation

/// The long-running agent's per-target schedule: when each target is due, which may start now
/// (global concurrency limit, one connection per host), back-off for unreachable targets, the hold
/// after `auth_failed`, the identity fingerprint, and what a reload keeps. Pure state: the loop in
/// ``AgentService`` owns it and starts the probes.
struct AgentSchedule {
    typealias Instant = ContinuousClock.Instant

    /// Back-off bounds (README, "Deploying the agent on a gateway": exponential back-off for unreachable targets; after `auth_failed` no
    /// new attempt with the same credentials until they change or a long back-off passes).
    struct Policy {
        /// Unreachable: the interval doubles per consecutive failure up to this factor…
        var unreachableMaxFactor = 64
        /// …and never beyond this (or the interval itself when that is longer).
        var unreachableMaxDelay: Duration = .seconds(3600)
        var authInitial: Duration = .seconds(3600)
        var authMax: Duration = .seconds(24 * 3600)
        /// How often held targets' credentials files are looked at.
        var credentialCheckEvery: Duration = .seconds(10)
    }

    /// After `auth_failed`: the credentials seen then, and until when the target waits.
    struct AuthHold {
        var stamp: String
        var backoff: Duration
        var until: Instant
    }

    struct TargetState {
        var target: AgentConfig.Target
        var nextDue: Instant
        var fingerprint: String?
        var lastSent: Instant?
        var unreachableStreak = 0
        var authHold: AuthHold?
    }

    /// What happened to a probe result.
    struct Completion {
        /// The report to spool (changed identity, heartbeat due, or a removed target's last probe).
        var reportToSpool: Report?
        var fingerprint: String?
        /// A line worth logging once (back-off, hold).
        var note: String?
    }

    let policy: Policy
    private(set) var states: [String: TargetState] = [:]
    /// Keys in configuration order.
    private(set) var order: [String] = []
    /// Keys of the probes running, with their host.
    private(set) var inFlight: [String: String] = [:]
    private var lastCredentialCheck: Instant?

    static func key(_ target: AgentConfig.Target) -> String { target.url.description }

    init(targets: [AgentConfig.Target], now: Instant, policy: Policy = Policy()) {
        self.policy = policy
        _ = reload(targets, now: now)
    }

    /// Replaces the target list: new targets are due at once, removed ones leave the schedule (a probe of
    /// theirs still running finishes), kept ones keep their fingerprint, next due time and holds.
    mutating func reload(_ targets: [AgentConfig.Target], now: Instant) -> (added: Int, removed: Int, kept: Int) {
        var next: [String: TargetState] = [:]
        var nextOrder: [String] = []
        var added = 0
        var kept = 0
        for target in targets {
            let key = Self.key(target)
            guard next[key] == nil else { continue }
            nextOrder.append(key)
            if var state = states[key] {
                state.target = target
                next[key] = state
                kept += 1
            } else {
                next[key] = TargetState(target: target, nextDue: now)
                added += 1
            }
        }
        let removed = states.keys.filter { next[$0] == nil }.count
        states = next
        order = nextOrder
        return (added, removed, kept)
    }

    /// Targets that may start now, soonest due first, marked in flight.
    mutating func startable(now: Instant, concurrency: Int) -> [AgentConfig.Target] {
        var free = concurrency - inFlight.count
        guard free > 0 else { return [] }
        var busyHosts = Set(inFlight.values)
        let due = order.compactMap { states[$0] }.filter { $0.nextDue <= now && inFlight[Self.key($0.target)] == nil }
            .sorted { $0.nextDue < $1.nextDue }
        var started: [AgentConfig.Target] = []
        for state in due where free > 0 {
            let host = state.target.url.hostKey
            guard !busyHosts.contains(host) else { continue }
            busyHosts.insert(host)
            inFlight[Self.key(state.target)] = host
            started.append(state.target)
            free -= 1
        }
        return started
    }

    /// The earliest instant a target not in flight is due.
    func soonestDue() -> Instant? {
        states.values.filter { inFlight[Self.key($0.target)] == nil }.map(\.nextDue).min()
    }

    func isScheduled(_ key: String) -> Bool { states[key] != nil }

    /// Records a finished probe and decides whether its report is spooled.
    mutating func complete(
        _ result: AgentTargetResult,
        now: Instant,
        jitter: Duration,
        heartbeat: Duration,
        credentialStamp: String
    ) -> Completion {
        let key = Self.key(result.target)
        inFlight[key] = nil
        guard var state = states[key] else {
            // Removed by a reload while it ran: its result is still a real observation.
            return Completion(reportToSpool: result.report, fingerprint: nil, note: nil)
        }
        var note: String?
        var delay = state.target.interval
        if let report = result.report {
            switch report.status {
            case .unreachable:
                state.unreachableStreak += 1
                let factor = 1 << min(state.unreachableStreak - 1, 20)
                let cap = max(state.target.interval, policy.unreachableMaxDelay)
                delay = min(state.target.interval * min(factor, policy.unreachableMaxFactor), cap)
                if state.unreachableStreak == 2 {
                    note = "unreachable again; backing off (next attempts up to \(AgentDuration.describe(cap)) apart)"
                }
            case .authFailed:
                state.unreachableStreak = 0
                let previous = state.authHold.flatMap { $0.stamp == credentialStamp ? $0.backoff : nil }
                let backoff = previous.map { min($0 * 2, policy.authMax) } ?? policy.authInitial
                state.authHold = AuthHold(stamp: credentialStamp, backoff: backoff, until: now + backoff)
                delay = backoff
                note =
                    "auth_failed: no new attempt with the same credentials until they change or "
                    + "\(AgentDuration.describe(backoff)) pass (repeated failures could lock the account)"
            default:
                state.unreachableStreak = 0
                state.authHold = nil
            }
        }
        state.nextDue = now + delay + (state.authHold == nil ? AgentService.randomJitter(jitter) : .zero)
        var completion = Completion(reportToSpool: nil, fingerprint: nil, note: note)
        if let report = result.report {
            let fingerprint = IdentityFingerprint.of(report)
            let heartbeatDue = state.lastSent.map { now - $0 >= heartbeat } ?? true
            if fingerprint != state.fingerprint || heartbeatDue {
                completion.reportToSpool = report
                completion.fingerprint = fingerprint
            }
        }
        states[key] = state
        return completion
    }

    /// The report of `key` is durably spooled: it is the new reference for change detection.
    mutating func markSent(_ key: String, fingerprint: String?, now: Instant) {
        guard var state = states[key] else { return }
        state.fingerprint = fingerprint
        state.lastSent = now
        states[key] = state
    }

    /// Targets held after `auth_failed` whose credentials changed become due now (checked at most
    /// every ``Policy/credentialCheckEvery``). Returns the keys released.
    mutating func releaseChangedCredentials(now: Instant, stamp: (AgentConfig.Target) -> String) -> [String] {
        if let last = lastCredentialCheck, now - last < policy.credentialCheckEvery { return [] }
        lastCredentialCheck = now
        var released: [String] = []
        for key in order {
            guard var state = states[key], let hold = state.authHold, hold.until > now,
                inFlight[key] == nil, stamp(state.target) != hold.stamp
            else { continue }
            state.nextDue = now
            state.authHold?.until = now
            states[key] = state
            released.append(key)
        }
        return released
    }
}

/// A cheap summary of the credentials a target uses (file name, content hash, modification time), so
/// a change can be noticed without keeping the secret in memory.
enum AgentCredentialStamp {
    static func of(_ target: AgentConfig.Target, directory: String?) -> String {
        guard let name = target.credentials else { return "none" }
        guard let directory, AgentCredentials.isValidName(name) else { return "name:\(name)" }
        let path = (directory as NSString).appendingPathComponent(name)
        let modified =
            (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            .map { $0.timeIntervalSince1970 } ?? 0
        var hasher = Hasher()
        hasher.combine(FileManager.default.contents(atPath: path))
        return "name:\(name) mtime:\(modified) hash:\(hasher.finalize())"
    }
}
