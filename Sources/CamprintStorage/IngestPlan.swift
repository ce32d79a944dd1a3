import CamprintReport

/// The inventory changes of one batch, worked out in memory from the devices the batch touches (read,
/// and locked on PostgreSQL, at the start of its transaction) so they are written with a few multi-row
/// statements instead of several statements per report.
///
/// Reports are applied in time order with the same rules as one at a time: a successful report at
/// least as new as the device's last sighting sets its identity (a history entry when it changed); a
/// failed one only sets its status; an older one only moves *first seen* back.
///
/// Merge rule: a report keyed by serial number also names its MAC key (when it has one) and its address
/// key; one keyed by MAC names its address key. A device of the same site whose own key is one of those
/// weaker keys is the same camera seen before it revealed more: it is merged into the device of the
/// report's key (renamed to it when there is none yet), keeping the stored row's id, its history and
/// its report count. An address-only report (a failed probe, no credentials) with no address-keyed
/// device goes to the one serial- or MAC-keyed device last seen at that address, when exactly one is.
///
/// Conflict rule (issue 16: a camera that claims another device's serial must not flip that device's
/// row): a newer report of a serial/MAC key from another address than the device's, while that
/// device still answers where it is (its latest probe succeeded, less than ``moveAfterSilence``
/// before), does not touch the device. It goes to a row of its own keyed
/// ``StableDeviceId/conflictKey(_:address:)``, and both rows carry the contested key in
/// `conflictKey` (the page and the API show it). A device *moves* to a new address (DHCP, re-cabling)
/// when its old address failed its latest probe or has been silent for ``moveAfterSilence``; the
/// new address's conflict row, if any, is then merged into it, and the conflict ends when no other
/// row claims the key.
struct IngestPlan {
    /// How long a device must have gone unseen at its address before its serial reported elsewhere moves it.
    static let moveAfterSilence: Int64 = 24 * 3_600_000

    struct Slot {
        var device: DeviceRecord
        /// The verdict of the stored row before this batch; nil for a device this batch creates.
        let storedVerdict: Verdict?
        /// Identity entries to append to the device's history.
        var history: [PreparedReport] = []
        /// Lifecycle changes the batch causes (verified gone, reappeared).
        var events: [LifecycleEvent] = []
        /// Merged into that slot: this slot's stored row (if any) is deleted, its history moved.
        var absorbedInto: Int?
        var touched = false

        var isNew: Bool { storedVerdict == nil }
    }

    let site: String
    private(set) var slots: [Slot] = []
    private var byKey: [String: Int] = [:]
    /// Slots of serial- or MAC-keyed devices by the address key of their latest address.
    private var strongByAddress: [String: Set<Int>] = [:]

    init(site: String, stored: [DeviceRecord]) {
        self.site = site
        for device in stored where byKey[device.stableId] == nil {
            _ = append(Slot(device: device, storedVerdict: device.verdict))
        }
    }

    // MARK: Applying reports

    mutating func apply(_ item: PreparedReport) {
        var key = item.stableId
        var target = byKey[key].map(resolve)
        var aliases = item.aliasKeys
        if let index = target, let conflictKey = item.conflictKey {
            let device = slots[index].device
            // A camera a recorder lists may also be reachable itself: seen through the recorder on one
            // side and directly on the other is the same camera, not a borrowed serial.
            let elsewhere =
                device.behindChannel == nil && item.report.behind == nil
                && StableDeviceId.addressKey(host: device.host, port: device.port) != item.addressKey
            let stillThere =
                device.status == ProbeStatus.ok.rawValue && item.observedAt - device.lastSeen < Self.moveAfterSilence
            if elsewhere, item.observedAt >= device.lastSeen {
                let conflictRow = byKey[conflictKey].map(resolve)
                if stillThere {
                    // Contested: the device keeps its row; this address gets (or keeps) its own.
                    slots[index].device.conflictKey = key
                    slots[index].touched = true
                    key = conflictKey
                    target = conflictRow
                    // Only the address alias: a MAC the claimant repeats may be the original's.
                    aliases = [item.addressKey]
                } else if let conflictRow, conflictRow != index {
                    // A move: the original went quiet; the new address's conflict row becomes part of it.
                    target = merge(conflictRow, into: index, key: key)
                }
            }
        }
        for alias in aliases {
            guard let found = byKey[alias].map(resolve), found != target, slots[found].device.stableId == alias
            else { continue }
            if let current = target {
                target = merge(found, into: current, key: key)
            } else {
                rename(found, to: key)
                target = found
            }
        }
        if target == nil, !StableDeviceId.isStrong(item.stableId),
            let candidates = strongByAddress[item.stableId], candidates.count == 1
        {
            target = candidates.first
        }
        guard let index = target else {
            var device = Self.newDevice(from: item, site: site)
            if key != item.stableId {
                device.stableId = key
                device.conflictKey = item.stableId
            }
            var slot = Slot(device: device, storedVerdict: nil)
            slot.history = [item]
            slot.touched = true
            _ = append(slot)
            return
        }
        update(index, with: item)
        if key != item.stableId {
            slots[index].device.conflictKey = item.stableId
        } else if let contested = slots[index].device.conflictKey, contested == key,
            !slots.indices.contains(where: {
                $0 != index && slots[$0].absorbedInto == nil && slots[$0].device.conflictKey == contested
            })
        {
            // The last other claimant was merged in (a move): no conflict left.
            slots[index].device.conflictKey = nil
        }
    }

    private static func identity(of device: DeviceRecord) -> [String?] {
        [device.verdict.rawValue, device.vendor, device.brand, device.model, device.firmware]
    }

    private mutating func update(_ index: Int, with item: PreparedReport) {
        let report = item.report
        let identity = report.identity
        let oldAddress = addressKey(of: index)
        var device = slots[index].device
        device.reportCount += 1
        if report.status == .ok, item.observedAt >= device.lastSeen {
            let previous = Self.identity(of: device)
            device.host = report.target.host
            device.port = report.target.port
            device.serialNumber = report.device?.serialNumber ?? device.serialNumber
            device.mac = report.device?.mac ?? device.mac
            device.verdict = identity.verdict
            device.vendor = identity.vendor
            device.brand = identity.brand
            device.model = identity.model
            device.firmware = identity.firmware
            device.confidence = identity.confidence
            device.status = report.status.rawValue
            device.lastSeen = item.observedAt
            device.lastReportId = report.reportId
            device.topEvidence = item.topEvidence
            if Self.identity(of: device) != previous { slots[index].history.append(item) }
        } else if item.observedAt >= device.lastSeen {
            // A failed probe: the device's identity and last sighting stay; its status says what happened.
            device.status = report.status.rawValue
        } else {
            // An older report arriving late: it can only move first_seen back.
            device.firstSeen = min(device.firstSeen, item.observedAt)
        }
        Self.applyDiscovery(item, to: &device, isNewest: item.observedAt >= slots[index].device.lastSeen)
        // After its removal a device is watched: probes that fail count towards "verified gone", one that
        // succeeds means it is back (whatever the order reports arrive in, only those after the removal).
        if let removedAt = device.removedAt, item.observedAt > removedAt {
            if report.status == .ok, device.lifecycle == .removed || device.lifecycle == .verifiedGone {
                slots[index].events.append(
                    LifecycleEvent(
                        at: item.receivedAt,
                        from: device.lifecycle,
                        to: .reappeared,
                        actor: "collector",
                        note:
                            "seen again at \(report.target.host) (observed \(report.observedAt), report \(report.reportId))",
                        date: nil
                    )
                )
                device.lifecycle = .reappeared
            } else if report.status != .ok, device.lifecycle == .removed {
                device.missedRounds += 1
                if device.missedRounds >= device.goneAfterRounds {
                    slots[index].events.append(
                        LifecycleEvent(
                            at: item.receivedAt,
                            from: .removed,
                            to: .verifiedGone,
                            actor: "collector",
                            note:
                                "\(device.missedRounds) failed probes since the removal (last: \(report.status.rawValue) "
                                + "observed \(report.observedAt), report \(report.reportId))",
                            date: nil
                        )
                    )
                    device.lifecycle = .verifiedGone
                }
            }
        }
        slots[index].device = device
        slots[index].touched = true
        reindexAddress(of: index, removing: oldAddress)
    }

    /// The order of ``ReportDiscovery/channels``.
    static let channelOrder = ["sadp", "wsd", "ssdp", "dhip", "tcp", "arp"]

    static func unionOfChannels(_ first: [String], _ second: [String]) -> [String] {
        let all = Set(first).union(second)
        return channelOrder.filter(all.contains) + all.subtracting(channelOrder).sorted()
    }

    /// How the device was found (`discovery`), the recorder it is seen through (`behind`) and the failed
    /// probes in a row. Only the newest report sets `found_by`, `behind` and the failure count; every
    /// report adds its channels and can move the first discovery back.
    static func applyDiscovery(_ item: PreparedReport, to device: inout DeviceRecord, isNewest: Bool) {
        let report = item.report
        if let discovery = report.discovery {
            device.discoveryChannels = unionOfChannels(device.discoveryChannels, discovery.channels)
            if let first = EpochTime.milliseconds(fromRFC3339: discovery.firstSeen) {
                device.firstDiscovered = min(device.firstDiscovered ?? first, first)
            }
        }
        guard isNewest else { return }
        device.foundBy = report.discovery?.found ?? ReportDiscovery.configured
        if let behind = report.behind {
            device.behindRecorder = behind.recorder
            device.behindChannel = behind.channel
        } else if report.status == .ok {
            // Answering without a recorder in between: seen directly now.
            device.behindRecorder = nil
            device.behindChannel = nil
        }
        if DeviceRecord.silentStatuses.contains(report.status.rawValue) {
            device.failedRounds += 1
        } else {
            device.failedRounds = 0
        }
    }

    static func newDevice(from item: PreparedReport, site: String) -> DeviceRecord {
        var device = newDeviceIdentity(from: item, site: site)
        applyDiscovery(item, to: &device, isNewest: true)
        return device
    }

    private static func newDeviceIdentity(from item: PreparedReport, site: String) -> DeviceRecord {
        let report = item.report
        let identity = report.identity
        return DeviceRecord(
            id: 0,
            site: site,
            stableId: item.stableId,
            host: report.target.host,
            port: report.target.port,
            serialNumber: report.device?.serialNumber,
            mac: report.device?.mac,
            verdict: identity.verdict,
            vendor: identity.vendor,
            brand: identity.brand,
            model: identity.model,
            firmware: identity.firmware,
            confidence: identity.confidence,
            status: report.status.rawValue,
            firstSeen: item.observedAt,
            lastSeen: item.observedAt,
            lastReportId: report.reportId,
            reportCount: 1,
            topEvidence: item.topEvidence,
            conflictKey: nil,
            lifecycle: .found,
            removalDate: nil,
            removedAt: nil,
            missedRounds: 0,
            goneAfterRounds: Int64(LifecycleState.defaultGoneAfterRounds)
        )
    }

    // MARK: Merging

    /// Merges two slots naming the same camera; the result is keyed `key` and keeps a stored row's id
    /// (the target's when both are stored). Returns the slot that remains.
    private mutating func merge(_ alias: Int, into target: Int, key: String) -> Int {
        let (keep, drop) = slots[target].isNew && !slots[alias].isNew ? (alias, target) : (target, alias)
        let oldAddresses = (addressKey(of: keep), addressKey(of: drop))
        var kept = slots[keep].device
        let other = slots[drop].device
        if other.lastSeen > kept.lastSeen {
            kept.host = other.host
            kept.port = other.port
            kept.verdict = other.verdict
            kept.vendor = other.vendor
            kept.brand = other.brand
            kept.model = other.model
            kept.firmware = other.firmware
            kept.confidence = other.confidence
            kept.status = other.status
            kept.lastSeen = other.lastSeen
            kept.lastReportId = other.lastReportId
            kept.topEvidence = other.topEvidence
            kept.foundBy = other.foundBy
            kept.behindRecorder = other.behindRecorder
            kept.behindChannel = other.behindChannel
            kept.failedRounds = other.failedRounds
        }
        kept.discoveryChannels = Self.unionOfChannels(kept.discoveryChannels, other.discoveryChannels)
        if let first = other.firstDiscovered { kept.firstDiscovered = min(kept.firstDiscovered ?? first, first) }
        kept.firstSeen = min(kept.firstSeen, other.firstSeen)
        kept.reportCount += other.reportCount
        kept.serialNumber = kept.serialNumber ?? other.serialNumber
        kept.mac = kept.mac ?? other.mac
        kept.stableId = key
        slots[keep].device = kept
        slots[keep].history += slots[drop].history
        slots[keep].events += slots[drop].events
        slots[keep].touched = true
        slots[drop].history = []
        slots[drop].absorbedInto = keep
        slots[drop].touched = true
        byKey[key] = keep
        reindexAddress(of: drop, removing: oldAddresses.1)
        reindexAddress(of: keep, removing: oldAddresses.0)
        return keep
    }

    private mutating func rename(_ index: Int, to key: String) {
        let oldAddress = addressKey(of: index)
        slots[index].device.stableId = key
        slots[index].touched = true
        byKey[key] = index
        reindexAddress(of: index, removing: oldAddress)
    }

    // MARK: Indexes

    private mutating func append(_ slot: Slot) -> Int {
        let index = slots.count
        slots.append(slot)
        byKey[slot.device.stableId] = index
        reindexAddress(of: index, removing: nil)
        return index
    }

    func resolve(_ index: Int) -> Int {
        var current = index
        while let next = slots[current].absorbedInto { current = next }
        return current
    }

    /// The address key under which the slot is indexed for address-only reports, if it is.
    private func addressKey(of index: Int) -> String? {
        let slot = slots[index]
        guard slot.absorbedInto == nil, StableDeviceId.isStrong(slot.device.stableId) else { return nil }
        return StableDeviceId.addressKey(
            host: slot.device.host,
            port: slot.device.port,
            behindChannel: slot.device.behindChannel
        )
    }

    private mutating func reindexAddress(of index: Int, removing old: String?) {
        if let old { strongByAddress[old]?.remove(index) }
        if let key = addressKey(of: index) { strongByAddress[key, default: []].insert(index) }
    }

    // MARK: Results

    /// Stored devices merged into another: (their id, the id of the device that absorbed them).
    var absorbedRows: [(id: Int64, into: Int64)] {
        slots.indices.compactMap { index in
            let slot = slots[index]
            guard slot.absorbedInto != nil, !slot.isNew else { return nil }
            return (slot.device.id, slots[resolve(index)].device.id)
        }
    }

    /// Devices the batch creates.
    var newDevices: [Int] {
        slots.indices.filter { slots[$0].absorbedInto == nil && slots[$0].isNew }
    }

    /// Stored devices the batch changes.
    var changedDevices: [Int] {
        slots.indices.filter { slots[$0].absorbedInto == nil && !slots[$0].isNew && slots[$0].touched }
    }

    mutating func setId(_ id: Int64, of index: Int) {
        slots[index].device.id = id
    }

    /// Change of the number of devices per (site, verdict), zero changes left out, in key order.
    var countChanges: [(verdict: Verdict, delta: Int64)] {
        var deltas: [Verdict: Int64] = [:]
        for slot in slots where slot.touched {
            if let stored = slot.storedVerdict { deltas[stored, default: 0] -= 1 }
            if slot.absorbedInto == nil { deltas[slot.device.verdict, default: 0] += 1 }
        }
        return deltas.filter { $0.value != 0 }.map { ($0.key, $0.value) }.sorted { $0.0.rawValue < $1.0.rawValue }
    }
}
