/// Builds small synthetic captures in memory (our own bytes, no corpus): Ethernet/IPv4/TCP
/// and UDP packets wrapped as classic pcap or pcapng, in either byte order.
enum CaptureBuilder {
    static func put16(_ value: UInt16, _ bigEndian: Bool) -> [UInt8] {
        bigEndian ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    static func put32(_ value: UInt32, _ bigEndian: Bool) -> [UInt8] {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        return bigEndian ? bytes : bytes.reversed()
    }

    static func be16(_ value: UInt16) -> [UInt8] { put16(value, true) }
    static func be32(_ value: UInt32) -> [UInt8] { put32(value, true) }

    /// Ethernet + IPv4 + TCP (flags default ACK|PSH) from 10.0.0.1:40000 to 10.0.0.2:554 (or back).
    static func tcp(seq: UInt32, payload: [UInt8], fromClient: Bool = true, flags: UInt8 = 0x18) -> [UInt8] {
        let ports = fromClient ? (UInt16(40000), UInt16(554)) : (UInt16(554), UInt16(40000))
        let tcp = be16(ports.0) + be16(ports.1) + be32(seq) + be32(0) + [0x50, flags] + be16(65535) + [0, 0, 0, 0]
        return ipv4(protocol: 6, fromClient: fromClient, body: tcp + payload)
    }

    static func udp(payload: [UInt8], sourcePort: UInt16 = 5000, destinationPort: UInt16 = 6000) -> [UInt8] {
        let udp = be16(sourcePort) + be16(destinationPort) + be16(UInt16(8 + payload.count)) + [0, 0]
        return ipv4(protocol: 17, fromClient: false, body: udp + payload)
    }

    static func ipv4(protocol: UInt8, fromClient: Bool, body: [UInt8]) -> [UInt8] {
        let a: [UInt8] = [10, 0, 0, 1]
        let b: [UInt8] = [10, 0, 0, 2]
        let ip: [UInt8] =
            [0x45, 0] + be16(UInt16(20 + body.count)) + [0, 1, 0x40, 0, 64, `protocol`, 0, 0]
            + (fromClient ? a + b : b + a)
        let ethernet: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x00]
        // Ethernet padding after the IP datagram must be ignored.
        return ethernet + ip + body + [0, 0]
    }

    static func pcap(_ frames: [[UInt8]], bigEndian: Bool, nanoseconds: Bool = false) -> [UInt8] {
        var out = put32(nanoseconds ? 0xA1B2_3C4D : 0xA1B2_C3D4, bigEndian)
        out += put16(2, bigEndian) + put16(4, bigEndian) + put32(0, bigEndian) + put32(0, bigEndian)
        out += put32(65535, bigEndian) + put32(1, bigEndian)
        for (index, frame) in frames.enumerated() {
            out += put32(1_700_000_000 + UInt32(index), bigEndian) + put32(500, bigEndian)
            out += put32(UInt32(frame.count), bigEndian) + put32(UInt32(frame.count), bigEndian) + frame
        }
        return out
    }

    static func block(_ type: UInt32, _ body: [UInt8], _ bigEndian: Bool) -> [UInt8] {
        let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
        let length = UInt32(12 + padded.count)
        return put32(type, bigEndian) + put32(length, bigEndian) + padded + put32(length, bigEndian)
    }

    /// SHB, IDB (Ethernet, `if_tsresol` 9 = ns), EPBs; the last frame as a Simple Packet Block.
    static func pcapng(_ frames: [[UInt8]], bigEndian: Bool) -> [UInt8] {
        var out = block(
            0x0A0D_0D0A,
            put32(0x1A2B_3C4D, bigEndian) + put16(1, bigEndian) + put16(0, bigEndian)
                + [UInt8](repeating: 0xFF, count: 8),
            bigEndian
        )
        let tsresol =
            put16(9, bigEndian) + put16(1, bigEndian) + [9, 0, 0, 0] + put16(0, bigEndian) + put16(0, bigEndian)
        out += block(1, put16(1, bigEndian) + put16(0, bigEndian) + put32(0, bigEndian) + tsresol, bigEndian)
        for (index, frame) in frames.enumerated() {
            if index == frames.count - 1 {
                out += block(3, put32(UInt32(frame.count), bigEndian) + frame, bigEndian)
                continue
            }
            let time = UInt64(1_700_000_000 + index) * 1_000_000_000 + 250
            out += block(
                6,
                put32(0, bigEndian) + put32(UInt32(time >> 32), bigEndian)
                    + put32(UInt32(time & 0xFFFF_FFFF), bigEndian)
                    + put32(UInt32(frame.count), bigEndian) + put32(UInt32(frame.count), bigEndian) + frame,
                bigEndian
            )
        }
        // An unknown block type is skipped.
        out += block(0x0000_0BAD, [1, 2, 3, 4], bigEndian)
        return out
    }
}
