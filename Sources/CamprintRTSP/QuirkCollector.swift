import CamprintWire

/// Quirks gathered while parsing, capped at ``RTSPLimits/maxQuirks``.
struct QuirkCollector {
    private(set) var quirks: [Quirk] = []
    let limit: Int

    init(limit: Int = RTSPLimits.default.maxQuirks) {
        self.limit = limit
    }

    mutating func add(_ code: String, _ detail: String = "", offset: Int? = nil) {
        guard quirks.count < limit else { return }
        quirks.append(Quirk(code, detail, offset: offset))
    }

    mutating func add(contentsOf others: [Quirk]) {
        for quirk in others where quirks.count < limit { quirks.append(quirk) }
    }

    func contains(_ code: String) -> Bool {
        quirks.contains { $0.code == code }
    }
}
