import CamprintCapture
import CamprintTestSupport
import CamprintWire
import Testing

@Suite struct CaptureFileTests {
    static let frames: [[UInt8]] = [
        CaptureBuilder.tcp(seq: 1000, payload: Array("OPTIONS * RTSP/1.0\r\n".utf8)),
        CaptureBuilder.udp(payload: [0x80, 96, 0, 1]),
        CaptureBuilder.tcp(seq: 7, payload: Array("RTSP/1.0 200 OK\r\n".utf8), fromClient: false),
    ]

    @Test(arguments: [false, true])
    func pcapBothByteOrders(bigEndian: Bool) throws {
        for nanoseconds in [false, true] {
            let file = try CaptureFile(
                parsing: CaptureBuilder.pcap(Self.frames, bigEndian: bigEndian, nanoseconds: nanoseconds)
            )
            #expect(file.format == (nanoseconds ? .pcapNanoseconds : .pcapMicroseconds))
            #expect(file.bigEndian == bigEndian)
            #expect(file.packets.map(\.data.bytes) == Self.frames)
            #expect(file.packets[1].timeNanoseconds == 1_700_000_001_000_000_000 + (nanoseconds ? 500 : 500_000))
            let decoded = file.decodedPackets()
            #expect(decoded.map(\.transport) == [.tcp, .udp, .tcp])
            #expect(decoded[0].payload.bytes == Array("OPTIONS * RTSP/1.0\r\n".utf8), "Ethernet padding leaked in")
            #expect(decoded[0].source.description == "10.0.0.1:40000")
            #expect(decoded[0].sequenceNumber == 1000)
            #expect(decoded[1].payload.bytes == [0x80, 96, 0, 1])
        }
    }

    @Test(arguments: [false, true])
    func pcapngBothByteOrders(bigEndian: Bool) throws {
        let file = try CaptureFile(parsing: CaptureBuilder.pcapng(Self.frames, bigEndian: bigEndian))
        #expect(file.format == .pcapng)
        #expect(file.bigEndian == bigEndian)
        #expect(file.packets.map(\.data.bytes) == Self.frames)
        #expect(file.packets[1].timeNanoseconds == 1_700_000_001_000_000_250)
        #expect(file.decodedPackets().count == 3)
    }

    @Test func truncationIsAnErrorWithAnOffset() throws {
        let bytes = CaptureBuilder.pcap(Self.frames, bigEndian: false)
        let cut = Array(bytes.dropLast(5))
        #expect(throws: CaptureError.self) { try CaptureFile(parsing: cut) }
        do {
            _ = try CaptureFile(parsing: cut)
        } catch {
            #expect(error.code == .truncatedRecord)
            #expect(error.offset > 24 && error.offset < cut.count)
        }
        #expect((try? CaptureFile(parsing: [1, 2, 3, 4, 5, 6, 7, 8])) == nil)
        let small = CaptureLimits(maxPackets: 2)
        #expect(throws: CaptureError.self) { try CaptureFile(parsing: bytes, limits: small) }
        var badMagic = CaptureBuilder.pcapng(Self.frames, bigEndian: true)
        badMagic[8] = 0x77
        #expect(throws: CaptureError.self) { try CaptureFile(parsing: badMagic) }
    }

    struct CorpusCase: Sendable, CustomTestStringConvertible {
        var path: String
        var packets: Int
        var format: CaptureFile.Format
        var testDescription: String { path }
    }

    /// Packet counts from ../shared/corpus/real/MANIFEST.md.
    static let corpusCases = [
        CorpusCase(path: "no-license/dahua_ipc_rtsp_udp_h264_1080p_vlc_session.pcapng", packets: 1612, format: .pcapng),
        CorpusCase(
            path: "no-license/uniview_nvr_rtsp_tcp_interleaved_h265_1080p.pcap",
            packets: 1027,
            format: .pcapMicroseconds
        ),
    ]

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: corpusCases)
    func corpusPacketCounts(_ testCase: CorpusCase) throws {
        let file = try CaptureFile(parsing: try Corpus.bytes(testCase.path))
        #expect(file.format == testCase.format, "\(testCase.path)")
        #expect(file.packets.count == testCase.packets, "\(testCase.path): \(file.packets.count) packets")
        let decoded = file.decodedPackets()
        let connections = TCPConnection.reassemble(decoded)
        let rtsp = try #require(connections.first { $0.server.port == 554 }, "\(testCase.path): no RTSP connection")
        #expect(
            rtsp.clientToServer.bytes.bytes.starts(with: Array("OPTIONS ".utf8))
                || rtsp.clientToServer.bytes.bytes.starts(with: Array("DESCRIBE ".utf8)),
            "\(testCase.path)"
        )
        #expect(rtsp.serverToClient.bytes.bytes.starts(with: Array("RTSP/1.0 ".utf8)), "\(testCase.path)")
        #expect(
            !rtsp.serverToClient.quirks.contains { $0.code == "tcp.gap" },
            "\(testCase.path): \(rtsp.serverToClient.quirks)"
        )
    }
}
