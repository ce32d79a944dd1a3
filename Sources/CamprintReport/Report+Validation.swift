/// Checks that go beyond what decoding enforces; the collector answers 400 with these messages.
extension Report {
    /// Upper bounds on what one report may carry.
    public enum Limits {
        public static let reportIdLength = 128
        public static let textLength = 4096
        public static let evidenceCount = 512
        public static let streamCount = 64
        public static let discoveryAnswerCount = 64
        public static let openPortCount = 256
    }

    /// Every problem found, each as `field: reason`; empty when the report is valid.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if schema != Self.schemaV1 {
            errors.append("schema: expected \"\(Self.schemaV1)\", got \"\(schema.prefix(64))\"")
        }
        if reportId.isEmpty || reportId.utf8.count > Limits.reportIdLength {
            errors.append("reportId: must be 1…\(Limits.reportIdLength) characters")
        }
        if !Timestamp.isRFC3339UTC(observedAt) {
            errors.append("observedAt: expected RFC 3339 UTC like 2026-11-26T15:04:05Z")
        }
        if target.host.isEmpty { errors.append("target.host: must not be empty") }
        if let port = target.port, !(1...65535).contains(port) { errors.append("target.port: must be 1…65535") }
        if URLRedaction.containsUserInfo(target.url) {
            errors.append("target.url: must be redacted (no user or password)")
        }
        if !(0...1).contains(identity.confidence) || identity.confidence.isNaN {
            errors.append("identity.confidence: must be in [0, 1]")
        }
        if identity.evidence.count > Limits.evidenceCount {
            errors.append("identity.evidence: at most \(Limits.evidenceCount) items")
        }
        if streams.count > Limits.streamCount { errors.append("streams: at most \(Limits.streamCount) items") }
        if let discovery {
            if discovery.answers.count > Limits.discoveryAnswerCount {
                errors.append("discovery.answers: at most \(Limits.discoveryAnswerCount) items")
            }
            if discovery.openPorts.count > Limits.openPortCount {
                errors.append("discovery.openPorts: at most \(Limits.openPortCount) items")
            }
            if ![ReportDiscovery.discovered, ReportDiscovery.configured].contains(discovery.found) {
                errors.append("discovery.found: must be \"discovered\" or \"configured\"")
            }
            if !Timestamp.isRFC3339UTC(discovery.firstSeen) {
                errors.append("discovery.firstSeen: expected RFC 3339 UTC like 2026-11-26T15:04:05Z")
            }
        }
        if let behind, behind.recorder.isEmpty || behind.recorder.utf8.count > Limits.textLength {
            errors.append("behind.recorder: must be 1…\(Limits.textLength) bytes")
        }
        let answerTexts = (discovery?.answers ?? []).flatMap {
            [$0.manufacturer, $0.model, $0.serialNumber, $0.mac, $0.firmware] + $0.urls.map { Optional($0) }
        }
        let texts =
            [target.url, identity.vendor, identity.brand, identity.model, identity.firmware, error?.message]
            + answerTexts
        if texts.contains(where: { ($0?.utf8.count ?? 0) > Limits.textLength }) {
            errors.append("text fields: at most \(Limits.textLength) bytes each")
        }
        if status != .ok, error == nil { errors.append("error: required when status is not ok") }
        return errors
    }
}

/// RFC 3339 timestamps in the one form reports use: `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
public enum Timestamp {
    public static func isRFC3339UTC(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 30, bytes.last == UInt8(ascii: "Z") else { return false }
        let layout = Array("dddd-dd-ddTdd:dd:dd".utf8)
        for (index, expected) in layout.enumerated() {
            let byte = bytes[index]
            if expected == UInt8(ascii: "d") {
                guard byte >= 0x30, byte <= 0x39 else { return false }
            } else if byte != expected {
                return false
            }
        }
        let fraction = bytes[19..<(bytes.count - 1)]
        if fraction.isEmpty { return true }
        return fraction.first == UInt8(ascii: ".") && fraction.count > 1
            && fraction.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
