public import CamprintReport

/// The collector's persistence, the same behaviour on SQLite and PostgreSQL (``StorageFactory``).
public protocol Storage: Sendable {
    /// Stores the reports that are new (by `reportId`) and updates the inventory; all or nothing.
    /// Every report's `source.site` is set to `site` before it is stored.
    func ingest(_ reports: [Report], site: String, tokenId: Int64?, receivedAt: Int64) async throws -> IngestOutcome

    func devices(_ query: DeviceQuery) async throws -> DevicePage
    func device(id: Int64) async throws -> DeviceDetail?
    /// Devices per site and verdict; `stale` counts those last seen before `staleBefore`.
    func summary(staleBefore: Int64) async throws -> [SummaryRow]
    func sites() async throws -> [SiteRecord]
    func reportCount() async throws -> Int

    func createToken(
        site: String,
        label: String?,
        secretHash: String,
        createdAt: Int64,
        role: TokenRole
    ) async throws -> TokenRecord
    func tokens() async throws -> [TokenRecord]
    /// False when there is no such token or it was already revoked.
    func revokeToken(id: Int64, at: Int64) async throws -> Bool
    func token(secretHash: String) async throws -> TokenRecord?
    func markTokenUsed(id: Int64, at: Int64) async throws

    /// An operator's lifecycle change, checked against the allowed transitions and recorded with who,
    /// when and the note; the device as it is after. Throws ``LifecycleError``.
    func changeLifecycle(deviceId: Int64, _ change: LifecycleChange, at: Int64) async throws -> DeviceRecord
    /// Devices per site and lifecycle state, only those `coveredBy` matches when given.
    func lifecycleCounts(coveredBy: CoverageCondition?) async throws -> [LifecycleCount]

    /// The stored bodies (canonical JSON, as kept since ingest) of these reports, by report id.
    func reportBodies(ids: [String]) async throws -> [String: String]

    /// A trivial query: is the database reachable?
    func ping() async throws
    /// The schema version migrations brought the database to.
    func schemaVersion() async throws -> Int
    func close() async
}

extension Storage {
    /// An ingest token (an agent's).
    public func createToken(site: String, label: String?, secretHash: String, createdAt: Int64) async throws
        -> TokenRecord
    {
        try await createToken(site: site, label: label, secretHash: secretHash, createdAt: createdAt, role: .ingest)
    }
}
