import CamprintWire

/// Decodes comma-separated base64 parameter sets (RFC 6184 §8.1 `sprop-parameter-sets`,
/// RFC 7798 §7.1 `sprop-vps`/`sprop-sps`/`sprop-pps`/`sprop-sei`) within a byte and count budget.
struct SpropDecoder {
    let limits: SDPLimits
    let offset: Int
    private(set) var decodedBytes = 0
    private(set) var unitCount = 0
    private(set) var quirks: [Quirk] = []
    /// Entries that were not base64, as raw bytes (Uniview sends the NAL unit itself).
    private(set) var notBase64: [HexBytes] = []
    private var limitReached = false

    init(limits: SDPLimits, offset: Int) {
        self.limits = limits
        self.offset = offset
    }

    mutating func decode(_ parameter: FormatParameter) -> [HexBytes] {
        var units: [HexBytes] = []
        let entries = parameter.valueBytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        for entry in entries {
            let text = ASCII.trimmed(entry)
            if text.isEmpty {
                quirks.append(Quirk("sdp.fmtp.sprop-empty-entry", parameter.raw, offset: offset))
                continue
            }
            guard reserve(text.count) else { break }
            guard let bytes = Base64.decode(text) else {
                quirks.append(
                    Quirk("sdp.fmtp.sprop-not-base64", parameter.name + "=" + Excerpt.make(text), offset: offset)
                )
                notBase64.append(HexBytes(text))
                continue
            }
            units.append(HexBytes(bytes))
        }
        return units
    }

    /// Counts one more unit of `size` bytes against the limits; records the quirk once when full.
    private mutating func reserve(_ size: Int) -> Bool {
        guard !limitReached else { return false }
        guard unitCount < limits.maxSpropNALUnits, decodedBytes + size <= limits.maxSpropDecodedBytes else {
            limitReached = true
            quirks.append(Quirk("sdp.fmtp.sprop-limit", "\(unitCount) units, \(decodedBytes) bytes", offset: offset))
            return false
        }
        unitCount += 1
        decodedBytes += size
        return true
    }
}
