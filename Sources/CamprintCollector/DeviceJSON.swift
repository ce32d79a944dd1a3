public import CamprintReport
public import CamprintStorage

/// A device as the API shows it: times in RFC 3339, `stale` computed.
public struct DeviceJSON: Codable, Hashable, Sendable {
    public var id: Int64
    public var site: String
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
    public var status: String
    public var firstSeen: String
    public var lastSeen: String
    public var stale: Bool
    public var reportCount: Int64
    public var topEvidence: String?
    /// The serial/MAC key this device shares with another row of the site (a conflict), when it does.
    public var conflictKey: String?
    /// The device under each loaded policy, computed from the stored identity at read time.
    public var coverage: [Coverage]?
    /// Firmware advisories whose stated model series and firmware range this device's report falls in.
    public var advisories: [AdvisoryMatch]?
    /// Removal lifecycle: `found`, `confirmed`, `scheduled`, `removed`, `verified-gone`, `reappeared`.
    public var lifecycle: LifecycleState
    /// Planned removal date (scheduled), RFC 3339.
    public var removalDate: String?
    /// When it was removed, RFC 3339.
    public var removedAt: String?
    /// Failed probes since the removal, and how many verify it gone.
    public var missedRounds: Int64
    public var goneAfterRounds: Int64
    /// `discovered` (a discovery sweep found it) or `configured` (named in an agent's targets).
    public var foundBy: String
    /// Discovery channels that answered for it (`sadp`, `wsd`, `ssdp`, `dhip`, `tcp`, `arp`).
    public var discoveryChannels: [String]?
    /// When a discovery sweep first heard from it, RFC 3339.
    public var firstDiscovered: String?
    /// The recorder a camera is seen through, and its channel there.
    public var behind: BehindJSON?
    /// Probes in a row that found nothing answering (`unreachable`, `timeout`).
    public var failedRounds: Int64
    /// A configured target that no longer answers (see ``DeviceRecord/isNotAnswering(rounds:staleBefore:)``).
    public var notAnswering: Bool

    public init(_ record: DeviceRecord, staleBefore: Int64, policies: PolicyCatalog? = nil) {
        id = record.id
        site = record.site
        stableId = record.stableId
        host = record.host
        port = record.port
        serialNumber = record.serialNumber
        mac = record.mac
        verdict = record.verdict
        vendor = record.vendor
        brand = record.brand
        model = record.model
        firmware = record.firmware
        confidence = record.confidence
        status = record.status
        firstSeen = EpochTime.rfc3339(milliseconds: record.firstSeen)
        lastSeen = EpochTime.rfc3339(milliseconds: record.lastSeen)
        stale = record.lastSeen < staleBefore
        reportCount = record.reportCount
        topEvidence = record.topEvidence
        conflictKey = record.conflictKey
        coverage = policies.map { $0.coverage(of: record) }
        advisories = policies.map { $0.advisories.matches(of: record) }
        lifecycle = record.lifecycle
        removalDate = record.removalDate.map { EpochTime.rfc3339(milliseconds: $0) }
        removedAt = record.removedAt.map { EpochTime.rfc3339(milliseconds: $0) }
        missedRounds = record.missedRounds
        goneAfterRounds = record.goneAfterRounds
        foundBy = record.foundBy
        discoveryChannels = record.discoveryChannels.isEmpty ? nil : record.discoveryChannels
        firstDiscovered = record.firstDiscovered.map { EpochTime.rfc3339(milliseconds: $0) }
        behind = record.behindRecorder.map { BehindJSON(recorder: $0, channel: record.behindChannel) }
        failedRounds = record.failedRounds
        notAnswering = record.isNotAnswering(rounds: DeviceQuery.defaultNotAnsweringRounds, staleBefore: staleBefore)
    }
}

/// The recorder (NVR/DVR) a camera is seen through.
public struct BehindJSON: Codable, Hashable, Sendable {
    public var recorder: String
    public var channel: Int?

    public init(recorder: String, channel: Int?) {
        self.recorder = recorder
        self.channel = channel
    }
}

public struct DeviceListJSON: Codable, Hashable, Sendable {
    public var devices: [DeviceJSON]
    public var total: Int
    public var nextCursor: String?
}

public struct IdentityChangeJSON: Codable, Hashable, Sendable {
    public var observedAt: String
    public var reportId: String
    public var verdict: Verdict
    public var vendor: String?
    public var brand: String?
    public var model: String?
    public var firmware: String?

    init(_ change: IdentityChange) {
        observedAt = EpochTime.rfc3339(milliseconds: change.observedAt)
        reportId = change.reportId
        verdict = change.verdict
        vendor = change.vendor
        brand = change.brand
        model = change.model
        firmware = change.firmware
    }
}

public struct DeviceDetailJSON: Codable, Hashable, Sendable {
    public var device: DeviceJSON
    public var history: [IdentityChangeJSON]
    public var evidence: [ReportEvidence]
    public var contradictions: [String]
    public var latestReport: Report?
    /// The other devices of the site that claim the same serial or MAC.
    public var conflicts: [DeviceJSON]?
    /// Lifecycle changes, oldest first.
    public var lifecycleHistory: [LifecycleEventJSON]?
}

public struct LifecycleEventJSON: Codable, Hashable, Sendable {
    public var at: String
    public var from: LifecycleState
    public var to: LifecycleState
    public var actor: String
    public var note: String?
    public var date: String?

    public init(_ event: LifecycleEvent) {
        at = EpochTime.rfc3339(milliseconds: event.at)
        from = event.from
        to = event.to
        actor = event.actor
        note = event.note
        date = event.date.map { EpochTime.rfc3339(milliseconds: $0) }
    }
}

/// `POST /api/v1/devices/{id}/lifecycle` body.
public struct LifecycleRequestJSON: Codable, Hashable, Sendable {
    public var state: LifecycleState
    public var note: String?
    /// RFC 3339: the planned date for `scheduled` (required), the removal time for `removed` (default now).
    public var date: String?
    /// `removed`: failed probes after the removal that verify it gone (default 3).
    public var goneAfterRounds: Int?

    public init(state: LifecycleState, note: String? = nil, date: String? = nil, goneAfterRounds: Int? = nil) {
        self.state = state
        self.note = note
        self.date = date
        self.goneAfterRounds = goneAfterRounds
    }
}

public struct IngestResponseJSON: Codable, Hashable, Sendable {
    public var accepted: Int
    public var duplicate: Int
    /// The site the reports were filed under (the token's).
    public var site: String
    /// Reports of the batch that were not stored, each with its index and why (absent when none).
    public var refused: [RefusedReportJSON]?

    public init(accepted: Int, duplicate: Int, site: String, refused: [RefusedReportJSON]? = nil) {
        self.accepted = accepted
        self.duplicate = duplicate
        self.site = site
        self.refused = refused
    }
}

/// One report of a batch the collector did not store, while it stored the others.
public struct RefusedReportJSON: Codable, Hashable, Sendable {
    /// Position in the batch, 0-based.
    public var index: Int
    public var reportId: String
    public var reason: String

    public init(index: Int, reportId: String, reason: String) {
        self.index = index
        self.reportId = reportId
        self.reason = reason
    }
}

public struct SummaryJSON: Codable, Hashable, Sendable {
    public struct Site: Codable, Hashable, Sendable {
        public var site: String
        public var total: Int
        public var stale: Int
        /// Devices per verdict (every verdict present, zeros included).
        public var verdicts: [String: Int]
        public var staleByVerdict: [String: Int]
    }

    public var generatedAt: String
    public var staleAfterSeconds: Int64
    public var total: Int
    public var verdicts: [String: Int]
    public var sites: [Site]

    init(rows: [SummaryRow], generatedAt: Int64, staleAfterMilliseconds: Int64) {
        self.generatedAt = EpochTime.rfc3339(milliseconds: generatedAt)
        self.staleAfterSeconds = staleAfterMilliseconds / 1000
        let zero = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) })
        var bySite: [String: Site] = [:]
        var verdicts = zero
        for row in rows {
            var site =
                bySite[row.site] ?? Site(site: row.site, total: 0, stale: 0, verdicts: zero, staleByVerdict: zero)
            site.total += row.devices
            site.stale += row.stale
            site.verdicts[row.verdict.rawValue, default: 0] += row.devices
            site.staleByVerdict[row.verdict.rawValue, default: 0] += row.stale
            bySite[row.site] = site
            verdicts[row.verdict.rawValue, default: 0] += row.devices
        }
        self.sites = bySite.values.sorted { $0.site < $1.site }
        self.total = rows.reduce(0) { $0 + $1.devices }
        self.verdicts = verdicts
    }
}

/// `GET /api/v1/policies`: the loaded policies (with their sources and self-test examples) and the
/// maker lineage table.
public struct PoliciesJSON: Codable, Hashable, Sendable {
    public var policies: [Policy]
    public var lineage: MakerLineage

    public init(_ catalog: PolicyCatalog) {
        policies = catalog.policies
        lineage = catalog.lineage
    }
}
