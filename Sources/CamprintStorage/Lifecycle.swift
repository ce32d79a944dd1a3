/// Where a device stands in its removal (issue 19): set by operators, except the two states the
/// collector sets itself from what the agents report.
///
///     found ─► confirmed ─► scheduled (date) ─► removed ─► verified-gone   (N failed probes after removal)
///                                                  │   └──► reappeared     (a successful probe after removal)
///                                                  └──────► reappeared
public enum LifecycleState: String, Codable, Hashable, Sendable, CaseIterable {
    case found
    case confirmed
    case scheduled
    case removed
    case verifiedGone = "verified-gone"
    case reappeared

    /// States an operator may move a device to from this one (`verified-gone` and `reappeared` are the
    /// collector's: they are what the agents' probes show).
    public var operatorTargets: Set<LifecycleState> {
        switch self {
        case .found: [.confirmed, .scheduled, .removed]
        case .confirmed: [.found, .scheduled, .removed]
        case .scheduled: [.confirmed, .removed]
        case .removed: [.scheduled]
        case .verifiedGone: []
        case .reappeared: [.confirmed, .scheduled, .removed]
        }
    }

    /// Failed probes after the removal that make it verified gone, unless the operator says otherwise.
    public static let defaultGoneAfterRounds = 3
}

/// One lifecycle change of a device: who, when, from what to what, and the note given.
public struct LifecycleEvent: Codable, Hashable, Sendable {
    /// Milliseconds since the epoch.
    public var at: Int64
    public var from: LifecycleState
    public var to: LifecycleState
    /// `operator:<label>`, `local:<user>` (the `device` command) or `collector` (automatic).
    public var actor: String
    public var note: String?
    /// For `scheduled`: the planned removal date; for `removed`: when it was removed.
    public var date: Int64?

    public init(at: Int64, from: LifecycleState, to: LifecycleState, actor: String, note: String?, date: Int64?) {
        self.at = at
        self.from = from
        self.to = to
        self.actor = actor
        self.note = note
        self.date = date
    }
}

/// An operator's request to move a device.
public struct LifecycleChange: Hashable, Sendable {
    public var to: LifecycleState
    public var actor: String
    public var note: String?
    /// `scheduled`: the planned date (required); `removed`: when (default `at`).
    public var date: Int64?
    /// `removed`: failed probes after the removal that verify it gone (default 3).
    public var goneAfterRounds: Int?

    public init(to: LifecycleState, actor: String, note: String? = nil, date: Int64? = nil, goneAfterRounds: Int? = nil)
    {
        self.to = to
        self.actor = actor
        self.note = note
        self.date = date
        self.goneAfterRounds = goneAfterRounds
    }
}

public enum LifecycleError: Error, Hashable, Sendable, CustomStringConvertible {
    case noDevice(Int64)
    case notAllowed(from: LifecycleState, to: LifecycleState)
    case missingDate

    public var description: String {
        switch self {
        case .noDevice(let id): "no device \(id)"
        case .notAllowed(let from, let to):
            "a device in state \(from.rawValue) cannot be moved to \(to.rawValue)"
                + (from.operatorTargets.isEmpty
                    ? " (it is set by the collector)"
                    : "; allowed: \(from.operatorTargets.map(\.rawValue).sorted().joined(separator: ", "))")
        case .missingDate: "scheduled needs a removal date"
        }
    }
}

/// Devices per site and lifecycle state.
public struct LifecycleCount: Hashable, Sendable {
    public var site: String
    public var state: LifecycleState
    public var devices: Int

    public init(site: String, state: LifecycleState, devices: Int) {
        self.site = site
        self.state = state
        self.devices = devices
    }
}

/// What an ingest token and an operator token may do.
public enum TokenRole: String, Codable, Hashable, Sendable {
    /// An agent: uploads reports for its site.
    case ingest
    /// A person or tool changing removal state (never uploads).
    case `operator`
}
