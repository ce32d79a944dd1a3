import CamprintWire

/// Reassembles one TCP direction from its segments (RFC 9293 §3.4, §3.10.7.4): orders them by
/// sequence number (modulo 2^32, relative to the SYN or the first segment seen), keeps the first
/// copy of every byte (retransmissions and overlaps add only bytes not yet delivered) and stops
/// at the first hole.
public struct TCPReassembler: Sendable {
    public let limits: CaptureLimits
    private var initialSequence: UInt32?
    private var sawSYN = false
    /// (relative offset, arrival index, time, payload)
    private var segments: [(offset: Int64, arrival: Int, time: Int64, payload: [UInt8])] = []
    private var lastOffset: Int64 = -1
    private var outOfOrder = false
    private var storedBytes = 0
    private var truncated = false

    public init(limits: CaptureLimits = .default) {
        self.limits = limits
    }

    /// Adds one segment of this direction.
    public mutating func add(_ packet: DecodedPacket) {
        if packet.isSYN {
            if !sawSYN {
                sawSYN = true
                initialSequence = packet.sequenceNumber &+ 1
                // Data seen before the SYN (capture started early, reordered) is re-based.
                segments = []
                storedBytes = 0
            }
            return
        }
        let payload = packet.payload.bytes
        guard !payload.isEmpty else { return }
        let base = initialSequence ?? packet.sequenceNumber
        initialSequence = base
        let relative = Int64(Int32(bitPattern: packet.sequenceNumber &- base))
        guard relative >= 0 else { return }
        guard storedBytes + payload.count <= limits.maxStreamBytes * 2 else {
            truncated = true
            return
        }
        if relative < lastOffset { outOfOrder = true }
        lastOffset = relative
        segments.append((relative, segments.count, packet.timeNanoseconds, payload))
        storedBytes += payload.count
    }

    /// The stream as far as it is contiguous.
    public func finish() -> ReassembledStream {
        var quirks: [Quirk] = []
        if outOfOrder { quirks.append(Quirk("tcp.out-of-order", "segments arrived out of sequence order")) }
        if truncated { quirks.append(Quirk("tcp.truncated", "stream larger than the limit")) }
        let ordered = segments.sorted { ($0.offset, $0.arrival) < ($1.offset, $1.arrival) }
        var bytes: [UInt8] = []
        var marks: [ReassembledStream.Mark] = []
        var retransmissions = 0
        var overlaps = 0
        for segment in ordered {
            let cursor = Int64(bytes.count)
            let end = segment.offset + Int64(segment.payload.count)
            if segment.offset > cursor {
                quirks.append(
                    Quirk("tcp.gap", "\(segment.offset - cursor) bytes never captured", offset: bytes.count)
                )
                break
            }
            if end <= cursor {
                retransmissions += 1
                continue
            }
            if segment.offset < cursor { overlaps += 1 }
            let skip = Int(cursor - segment.offset)
            let room = limits.maxStreamBytes - bytes.count
            marks.append(.init(offset: bytes.count, timeNanoseconds: segment.time))
            bytes.append(contentsOf: segment.payload[skip..<min(segment.payload.count, skip + room)])
            if segment.payload.count - skip > room {
                quirks.append(Quirk("tcp.truncated", "stream larger than the limit", offset: bytes.count))
                break
            }
        }
        if retransmissions > 0 {
            quirks.append(Quirk("tcp.retransmission", "\(retransmissions) segments carried only bytes already seen"))
        }
        if overlaps > 0 { quirks.append(Quirk("tcp.overlap", "\(overlaps) segments overlapped earlier data")) }
        return ReassembledStream(bytes: bytes, marks: marks, quirks: quirks)
    }
}
