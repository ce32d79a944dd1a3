extension RecordedSession {
    /// Sequence-number and timestamp span of each track's RTP packets, for looping.
    func loopShift(track: Int) -> (sequence: UInt16, timestamp: UInt32) {
        let packets = media.filter { $0.track == track && !$0.isRTCP && $0.bytes.count >= 12 }
        guard let first = packets.first, let last = packets.last else { return (0, 0) }
        func seq(_ bytes: [UInt8]) -> UInt16 { UInt16(bytes[2]) << 8 | UInt16(bytes[3]) }
        func ts(_ bytes: [UInt8]) -> UInt32 {
            UInt32(bytes[4]) << 24 | UInt32(bytes[5]) << 16 | UInt32(bytes[6]) << 8 | UInt32(bytes[7])
        }
        let distinct = Set(packets.map { ts($0.bytes) }).count
        let covered = ts(last.bytes) &- ts(first.bytes)
        let step = distinct > 1 ? covered / UInt32(distinct - 1) : 3_600
        return (seq(last.bytes) &- seq(first.bytes) &+ 1, covered &+ step)
    }

    /// The packet as sent on loop `loops` (RTP: sequence number and timestamp advanced by whole
    /// loops; RTCP SR: its RTP timestamp likewise; RFC 3550 §5.1, §6.4.1).
    func shifted(_ packet: MediaPacket, loops: Int64, shift: (sequence: UInt16, timestamp: UInt32)) -> [UInt8] {
        var bytes = packet.bytes
        let times = UInt32(truncatingIfNeeded: loops)
        if !packet.isRTCP, bytes.count >= 12 {
            let seq = (UInt16(bytes[2]) << 8 | UInt16(bytes[3])) &+ shift.sequence &* UInt16(truncatingIfNeeded: loops)
            bytes[2] = UInt8(seq >> 8)
            bytes[3] = UInt8(seq & 0xFF)
            writeTimestamp(&bytes, at: 4, adding: shift.timestamp &* times)
        } else if packet.isRTCP, bytes.count >= 20, bytes[1] == 200 {
            writeTimestamp(&bytes, at: 16, adding: shift.timestamp &* times)
        }
        return bytes
    }

    private func writeTimestamp(_ bytes: inout [UInt8], at offset: Int, adding amount: UInt32) {
        var value: UInt32 = 0
        for index in 0..<4 { value = value << 8 | UInt32(bytes[offset + index]) }
        value &+= amount
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }
}
