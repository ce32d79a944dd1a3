import CamprintCapture
import CamprintWire
import Testing

/// Link layers other than plain Ethernet, and IPv6 with an extension header.
@Suite struct LinkLayerTests {
    /// IPv6 (::1 → ::2) with a hop-by-hop header, then UDP 5000 → 6000 carrying `payload`.
    static func ipv6UDP(_ payload: [UInt8]) -> [UInt8] {
        let udp =
            CaptureBuilder.be16(5000) + CaptureBuilder.be16(6000) + CaptureBuilder.be16(UInt16(8 + payload.count))
            + [0, 0] + payload
        let hopByHop: [UInt8] = [17, 0, 1, 4, 0, 0, 0, 0]
        let source = [UInt8](repeating: 0, count: 15) + [1]
        let destination = [UInt8](repeating: 0, count: 15) + [2]
        return [0x60, 0, 0, 0] + CaptureBuilder.be16(UInt16(hopByHop.count + udp.count)) + [0, 64] + source
            + destination + hopByHop + udp
    }

    static func capture(_ data: [UInt8], linkType: UInt32) -> CapturedPacket {
        CapturedPacket(linkType: linkType, timeNanoseconds: 0, originalLength: data.count, data: data, fileOffset: 0)
    }

    @Test func linuxCookedIPv6() throws {
        let sll: [UInt8] = [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x86, 0xDD]
        let packet = try #require(
            DecodedPacket.decode(Self.capture(sll + Self.ipv6UDP([9, 8, 7]), linkType: 113), index: 0)
        )
        #expect(packet.transport == .udp)
        #expect(packet.payload.bytes == [9, 8, 7])
        #expect(packet.source.description == "[0:0:0:0:0:0:0:1]:5000")
        #expect(packet.destination.port == 6000)
    }

    @Test func vlanTaggedEthernetAndRawIP() throws {
        let frame = CaptureBuilder.udp(payload: [1, 2])
        // Insert an 802.1Q tag after the MAC addresses.
        let tagged = Array(frame[0..<12]) + [0x81, 0x00, 0x00, 0x05] + Array(frame[12...])
        let viaVLAN = try #require(DecodedPacket.decode(Self.capture(tagged, linkType: 1), index: 0))
        #expect(viaVLAN.payload.bytes == [1, 2])
        let raw = Array(frame[14...])
        let viaRaw = try #require(DecodedPacket.decode(Self.capture(raw, linkType: 101), index: 0))
        #expect(viaRaw.payload.bytes == [1, 2])
        // A non-first IPv4 fragment is not decoded.
        var fragment = frame
        fragment[14 + 7] = 0x10
        #expect(DecodedPacket.decode(Self.capture(fragment, linkType: 1), index: 0) == nil)
    }
}
