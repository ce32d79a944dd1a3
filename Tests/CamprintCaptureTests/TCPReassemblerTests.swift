import CamprintCapture
import CamprintWire
import Testing

@Suite struct TCPReassemblerTests {
    static func segment(_ seq: UInt32, _ text: String, time: Int64, flags: UInt8 = 0x18) -> DecodedPacket {
        DecodedPacket(
            index: 0,
            timeNanoseconds: time,
            transport: .tcp,
            source: Endpoint(address: IPAddress([10, 0, 0, 1]), port: 1),
            destination: Endpoint(address: IPAddress([10, 0, 0, 2]), port: 2),
            sequenceNumber: seq,
            flags: flags,
            payload: Array(text.utf8)
        )
    }

    @Test func outOfOrderRetransmittedAndOverlapping() {
        // Sequence numbers wrap around 2^32 in the middle of the stream.
        let isn: UInt32 = 0xFFFF_FFF0
        var reassembler = TCPReassembler()
        reassembler.add(Self.segment(isn, "", time: 0, flags: 0x02))
        let base = isn &+ 1
        reassembler.add(Self.segment(base &+ 10, "KLMNOPQRST", time: 2))  // out of order
        reassembler.add(Self.segment(base, "ABCDEFGHIJ", time: 1))
        reassembler.add(Self.segment(base, "ABCDEFGHIJ", time: 3))  // retransmission
        reassembler.add(Self.segment(base &+ 15, "PQRSTUVWXY", time: 4))  // overlap: adds UVWXY
        reassembler.add(Self.segment(base &+ 15, "xxxxx", time: 5))  // conflicting retransmission: first copy wins
        let stream = reassembler.finish()
        #expect(String(decoding: stream.bytes.bytes, as: UTF8.self) == "ABCDEFGHIJKLMNOPQRSTUVWXY")
        let codes = Set(stream.quirks.map(\.code))
        #expect(codes == ["tcp.out-of-order", "tcp.retransmission", "tcp.overlap"])
        #expect(stream.time(at: 0) == 1)
        #expect(stream.time(at: 12) == 2)
        #expect(stream.time(at: 22) == 4)
    }

    @Test func gapStopsTheStream() {
        var reassembler = TCPReassembler()
        reassembler.add(Self.segment(100, "ABC", time: 1))
        reassembler.add(Self.segment(110, "XYZ", time: 2))
        let stream = reassembler.finish()
        #expect(stream.bytes.bytes == Array("ABC".utf8))
        #expect(stream.quirks.first { $0.code == "tcp.gap" }?.offset == 3)
    }

    @Test func streamLimit() {
        var reassembler = TCPReassembler(limits: CaptureLimits(maxStreamBytes: 4))
        reassembler.add(Self.segment(1, "ABCDEFGH", time: 1))
        let stream = reassembler.finish()
        #expect(stream.bytes.bytes == Array("ABCD".utf8))
        #expect(stream.quirks.contains { $0.code == "tcp.truncated" })
    }
}
