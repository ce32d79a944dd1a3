public import CamprintWire

/// A captured packet decoded down to TCP or UDP: link layer (Ethernet with VLAN tags, Linux
/// cooked v1/v2, raw IP, BSD null), IPv4 (RFC 791) or IPv6 (RFC 8200), then TCP (RFC 9293 §3.1)
/// or UDP (RFC 768). Packets that are something else decode to `nil`.
public struct DecodedPacket: Hashable, Sendable, Encodable {
    public enum Transport: String, Hashable, Sendable, Encodable {
        case tcp
        case udp
    }

    /// Index of the packet in the capture.
    public var index: Int
    public var timeNanoseconds: Int64
    public var transport: Transport
    public var source: Endpoint
    public var destination: Endpoint
    /// TCP only: sequence number, acknowledgment, flags (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10).
    public var sequenceNumber: UInt32
    public var acknowledgment: UInt32
    public var flags: UInt8
    public var payload: HexBytes

    public var isSYN: Bool { flags & 0x02 != 0 }
    public var isFIN: Bool { flags & 0x01 != 0 }
    public var isACK: Bool { flags & 0x10 != 0 }

    public init(
        index: Int,
        timeNanoseconds: Int64,
        transport: Transport,
        source: Endpoint,
        destination: Endpoint,
        sequenceNumber: UInt32 = 0,
        acknowledgment: UInt32 = 0,
        flags: UInt8 = 0,
        payload: [UInt8]
    ) {
        self.index = index
        self.timeNanoseconds = timeNanoseconds
        self.transport = transport
        self.source = source
        self.destination = destination
        self.sequenceNumber = sequenceNumber
        self.acknowledgment = acknowledgment
        self.flags = flags
        self.payload = HexBytes(payload)
    }

    /// Decodes `packet`, or returns nil when it is not TCP/UDP over IP (ARP, fragments, …).
    public static func decode(
        _ packet: CapturedPacket,
        index: Int,
        limits: CaptureLimits = .default
    ) -> DecodedPacket? {
        let data = packet.data.bytes
        guard let (etherType, networkStart) = linkLayer(data, linkType: packet.linkType) else { return nil }
        let ip: (protocol: UInt8, source: IPAddress, destination: IPAddress, start: Int, end: Int)?
        switch etherType {
        case 0x0800: ip = ipv4(data, at: networkStart)
        case 0x86DD: ip = ipv6(data, at: networkStart, limits: limits)
        default: ip = nil
        }
        guard let ip else { return nil }
        let segment = data[ip.start..<ip.end]
        let base = ip.start
        func u16(_ at: Int) -> UInt16 { UInt16(data[base + at]) << 8 | UInt16(data[base + at + 1]) }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) << 16 | UInt32(u16(at + 2)) }
        switch ip.protocol {
        case 6:
            guard segment.count >= 20 else { return nil }
            let headerLength = Int(data[base + 12] >> 4) * 4
            guard headerLength >= 20, headerLength <= segment.count else { return nil }
            return DecodedPacket(
                index: index,
                timeNanoseconds: packet.timeNanoseconds,
                transport: .tcp,
                source: Endpoint(address: ip.source, port: u16(0)),
                destination: Endpoint(address: ip.destination, port: u16(2)),
                sequenceNumber: u32(4),
                acknowledgment: u32(8),
                flags: data[base + 13],
                payload: Array(data[base + headerLength..<ip.end])
            )
        case 17:
            guard segment.count >= 8 else { return nil }
            let length = Int(u16(4))
            let end = length >= 8 && length <= segment.count ? base + length : ip.end
            return DecodedPacket(
                index: index,
                timeNanoseconds: packet.timeNanoseconds,
                transport: .udp,
                source: Endpoint(address: ip.source, port: u16(0)),
                destination: Endpoint(address: ip.destination, port: u16(2)),
                payload: Array(data[base + 8..<end])
            )
        default:
            return nil
        }
    }

    /// EtherType and where the network header starts.
    static func linkLayer(_ data: [UInt8], linkType: UInt32) -> (UInt16, Int)? {
        func u16(_ at: Int) -> UInt16? {
            at + 1 < data.count ? UInt16(data[at]) << 8 | UInt16(data[at + 1]) : nil
        }
        switch linkType {
        case 1:  // Ethernet, with any number of 802.1Q / 802.1ad tags (bounded by the packet).
            var offset = 12
            while let type = u16(offset) {
                if type == 0x8100 || type == 0x88A8 {
                    offset += 4
                    continue
                }
                return (type, offset + 2)
            }
            return nil
        case 113:  // Linux cooked v1: protocol at 14, header 16 bytes.
            guard let type = u16(14), data.count >= 16 else { return nil }
            return (type, 16)
        case 276:  // Linux cooked v2: protocol at 0, header 20 bytes.
            guard let type = u16(0), data.count >= 20 else { return nil }
            return (type, 20)
        case 101, 12, 14, 228, 229:  // Raw IP: version nibble decides.
            guard let first = data.first else { return nil }
            switch first >> 4 {
            case 4: return (0x0800, 0)
            case 6: return (0x86DD, 0)
            default: return nil
            }
        case 0, 108:  // BSD loopback: 4-byte address family in host (0) or network (108) order.
            guard data.count >= 5 else { return nil }
            switch data[4] >> 4 {
            case 4: return (0x0800, 4)
            case 6: return (0x86DD, 4)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// RFC 791 §3.1. Fragments other than unfragmented datagrams are skipped (nil).
    static func ipv4(_ data: [UInt8], at start: Int) -> (UInt8, IPAddress, IPAddress, Int, Int)? {
        guard data.count - start >= 20, data[start] >> 4 == 4 else { return nil }
        let headerLength = Int(data[start] & 0x0F) * 4
        let totalLength = Int(data[start + 2]) << 8 | Int(data[start + 3])
        let fragment = UInt16(data[start + 6] & 0x3F) << 8 | UInt16(data[start + 7])
        guard headerLength >= 20, fragment == 0 else { return nil }
        // Ethernet pads short frames: the IP total length, not the frame, ends the datagram.
        var end = data.count
        if totalLength >= headerLength, start + totalLength <= data.count { end = start + totalLength }
        guard start + headerLength <= end else { return nil }
        return (
            data[start + 9], IPAddress(Array(data[start + 12..<start + 16])),
            IPAddress(Array(data[start + 16..<start + 20])), start + headerLength, end
        )
    }

    /// RFC 8200 §3–4: skips hop-by-hop, routing and destination-options headers; fragments → nil.
    static func ipv6(
        _ data: [UInt8],
        at start: Int,
        limits: CaptureLimits
    ) -> (UInt8, IPAddress, IPAddress, Int, Int)? {
        guard data.count - start >= 40, data[start] >> 4 == 6 else { return nil }
        let payloadLength = Int(data[start + 4]) << 8 | Int(data[start + 5])
        var end = data.count
        if start + 40 + payloadLength <= data.count { end = start + 40 + payloadLength }
        var next = data[start + 6]
        var offset = start + 40
        var skipped = 0
        while next == 0 || next == 43 || next == 60 {
            guard skipped < limits.maxExtensionHeaders, offset + 8 <= end else { return nil }
            let length = (Int(data[offset + 1]) + 1) * 8
            next = data[offset]
            offset += length
            skipped += 1
        }
        guard next != 44, offset <= end else { return nil }
        return (
            next, IPAddress(Array(data[start + 8..<start + 24])), IPAddress(Array(data[start + 24..<start + 40])),
            offset, end
        )
    }
}
