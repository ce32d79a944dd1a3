public import CamprintReport

/// How many reports of one batch were new and how many had been stored before (same `reportId`).
public struct IngestOutcome: Codable, Hashable, Sendable {
    public var accepted: Int
    public var duplicate: Int

    public init(accepted: Int = 0, duplicate: Int = 0) {
        self.accepted = accepted
        self.duplicate = duplicate
    }
}

/// One device of the inventory: a camera at a site, keyed by serial number, MAC or address.
public struct DeviceRecord: Codable, Hashable, Sendable {
    public var id: Int64
    public var site: String
    /// `sn:<serial>`, `mac:<mac>` or `addr:<host>:<port>`: what makes this device the same one over time.
    public var stableId: String
    public var host: String
    public var port: Int?
    public var serialNumber: String?
    public var mac: String?
    public var verdict: Verdict
    public var vendor: String?
    public var brand: String?
    public var model: String?
    public var firmware: String?
    public var confidence: Double
    /// Status of the latest probe (`ok`, `timeout`, …).
    public var status: String
    /// Milliseconds since the epoch (see ``EpochTime``).
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var lastReportId: String
    public var reportCount: Int64
    /// The highest-weight evidence item of the latest report, in words, for list views.
    public var topEvidence: String?
    /// Set when this device's serial (or MAC) key was also reported, successfully, from another address
    /// while this device still answered at its own: the contested key (`sn:…`/`mac:…`), the same on
    /// every row that claims it (the original and one row per other address). See ``IngestPlan``.
    public var conflictKey: String?
    /// Removal lifecycle (issue 19).
    public var lifecycle: LifecycleState = .found
    /// `scheduled`: the planned removal date.
    public var removalDate: Int64?
    /// `removed` and after: when it was removed.
    public var removedAt: Int64?
    /// Failed probes of the device observed after `removedAt`.
    public var missedRounds: Int64 = 0
    /// How many of those make it verified gone.
    public var goneAfterRounds: Int64 = Int64(LifecycleState.defaultGoneAfterRounds)
    /// `discovered` (a discovery sweep found it) or `configured` (named by the operator), from the
    /// latest report's `discovery.found`; reports without a `discovery` section are of named targets.
    public var foundBy: String = ReportDiscovery.configured
    /// Discovery channels that ever answered for it, in the report's fixed order (`sadp`, `wsd`, `ssdp`,
    /// `dhip`, `tcp`, `arp`).
    public var discoveryChannels: [String] = []
    /// The earliest `discovery.firstSeen` reported (milliseconds since the epoch).
    public var firstDiscovered: Int64?
    /// The recorder this camera is seen through (`behind.recorder`) and its channel there.
    public var behindRecorder: String?
    public var behindChannel: Int?
    /// Probes in a row, newest first, that found nothing answering (`unreachable`, `timeout`).
    public var failedRounds: Int64 = 0

    /// Statuses that mean nothing answered at the address.
    public static let silentStatuses = [ProbeStatus.unreachable.rawValue, ProbeStatus.timeout.rawValue]

    /// A configured target whose latest probes found nothing answering: `rounds` failed probes in a row,
    /// or one that failed and has not been seen since `staleBefore` (the agent sends an unchanged
    /// failure again only at its heartbeat, so rounds grow slowly; the stale period covers that).
    public func isNotAnswering(rounds: Int64, staleBefore: Int64) -> Bool {
        foundBy == ReportDiscovery.configured && Self.silentStatuses.contains(status)
            && (failedRounds >= rounds || lastSeen < staleBefore)
    }
}

/// One change of a device's identity (the first entry is the identity it was first seen with).
public struct IdentityChange: Codable, Hashable, Sendable {
    public var observedAt: Int64
    public var reportId: String
    public var verdict: Verdict
    public var vendor: String?
    public var brand: String?
    public var model: String?
    public var firmware: String?
}

/// A device with its history and the full evidence of its latest report.
public struct DeviceDetail: Hashable, Sendable {
    public var device: DeviceRecord
    public var history: [IdentityChange]
    /// The latest report as received (its `source.site` already set from the token).
    public var latestReport: Report?
    /// The other devices of the site that claim the same serial or MAC (``DeviceRecord/conflictKey``).
    public var conflicts: [DeviceRecord] = []
    /// Lifecycle changes, oldest first.
    public var lifecycleHistory: [LifecycleEvent] = []
}

/// Filters and paging for ``Storage/devices(_:)``.
public struct DeviceQuery: Hashable, Sendable {
    public enum Order: Hashable, Sendable {
        /// By id ascending; pages continue with `cursor` (the last id seen).
        case id
        /// Site, then Hikvision and Hikvision-OEM first, then by last seen, newest first.
        case compliance
    }

    public var site: String?
    public var verdicts: [Verdict]
    public var vendor: String?
    /// `true`: only devices not seen since `staleBefore`; `false`: only devices seen since.
    public var stale: Bool?
    public var staleBefore: Int64
    public var seenSince: Int64?
    /// `true`: only devices in a serial/MAC conflict; `false`: only those that are not.
    public var conflict: Bool?
    /// Only devices a policy covers (the collector turns a policy into this condition).
    public var coveredBy: CoverageCondition?
    /// Only devices in one of these lifecycle states (empty: any).
    public var lifecycle: [LifecycleState] = []
    /// Only devices found this way (`discovered`, `configured`).
    public var foundBy: String?
    /// `true`: only configured targets that no longer answer (``DeviceRecord/isNotAnswering(rounds:staleBefore:)``
    /// with ``notAnsweringRounds`` and `staleBefore`); `false`: all others.
    public var notAnswering: Bool?
    public var notAnsweringRounds: Int64 = Self.defaultNotAnsweringRounds
    public var limit: Int
    public var cursor: Int64?
    public var offset: Int
    public var order: Order

    public static let maximumLimit = 10_000
    /// Failed probes in a row after which a configured target is listed as no longer answering (the
    /// same count as ``LifecycleState/defaultGoneAfterRounds``).
    public static let defaultNotAnsweringRounds: Int64 = Int64(LifecycleState.defaultGoneAfterRounds)

    public init(
        site: String? = nil,
        verdicts: [Verdict] = [],
        vendor: String? = nil,
        stale: Bool? = nil,
        staleBefore: Int64 = 0,
        seenSince: Int64? = nil,
        conflict: Bool? = nil,
        coveredBy: CoverageCondition? = nil,
        limit: Int = 100,
        cursor: Int64? = nil,
        offset: Int = 0,
        order: Order = .id
    ) {
        self.site = site
        self.verdicts = verdicts
        self.vendor = vendor
        self.stale = stale
        self.staleBefore = staleBefore
        self.seenSince = seenSince
        self.conflict = conflict
        self.coveredBy = coveredBy
        self.limit = limit
        self.cursor = cursor
        self.offset = offset
        self.order = order
    }
}

/// Devices whose verdict is one of `verdicts`, or whose verdict is known (not `unknown`) and whose
/// vendor or brand, lowercased, is one of `names`.
public struct CoverageCondition: Hashable, Sendable {
    public var verdicts: [Verdict]
    public var names: [String]

    public init(verdicts: [Verdict], names: [String]) {
        self.verdicts = verdicts
        self.names = names
    }
}

/// One page of devices; `nextCursor` is set when more may follow (id order only).
public struct DevicePage: Hashable, Sendable {
    public var devices: [DeviceRecord]
    public var nextCursor: Int64?
    /// Devices matching the filters, all pages together.
    public var total: Int
}

/// Devices of one site with one verdict.
public struct SummaryRow: Codable, Hashable, Sendable {
    public var site: String
    public var verdict: Verdict
    public var devices: Int
    /// Of those, not seen since the stale limit.
    public var stale: Int
}

/// A site that has devices or tokens.
public struct SiteRecord: Codable, Hashable, Sendable {
    public var site: String
    public var devices: Int
    public var lastSeen: Int64?
    public var activeTokens: Int
}

/// An agent's bearer token, as stored: only the SHA-256 of the secret, hex.
public struct TokenRecord: Codable, Hashable, Sendable {
    public var id: Int64
    public var site: String
    public var label: String?
    public var secretHash: String
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var lastUsedAt: Int64?
    public var role: TokenRole = .ingest
}
