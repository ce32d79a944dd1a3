/// A capture file's packets, read from classic pcap or pcapng (either byte order).
public struct CaptureFile: Hashable, Sendable, Encodable {
    public enum Format: String, Hashable, Sendable, Encodable {
        case pcapMicroseconds = "pcap"
        case pcapNanoseconds = "pcap-ns"
        case pcapng
    }

    public var format: Format
    /// True when the (first) header was big-endian.
    public var bigEndian: Bool
    public var packets: [CapturedPacket]

    public init(format: Format, bigEndian: Bool, packets: [CapturedPacket]) {
        self.format = format
        self.bigEndian = bigEndian
        self.packets = packets
    }

    /// Reads either format, chosen by the first four bytes.
    public init(parsing bytes: [UInt8], limits: CaptureLimits = .default) throws(CaptureError) {
        guard bytes.count <= limits.maxFileBytes else { throw CaptureError(.tooLarge, at: 0, in: bytes) }
        guard bytes.count >= 4 else { throw CaptureError(.truncatedHeader, at: 0, in: bytes) }
        let magic = Array(bytes[0..<4])
        if magic == [0x0A, 0x0D, 0x0D, 0x0A] {
            self = try PcapngReader.read(bytes, limits: limits)
        } else {
            self = try PcapReader.read(bytes, limits: limits)
        }
    }
}

extension CaptureFile {
    /// Every TCP/UDP packet decoded (others dropped), with its index in `packets`.
    public func decodedPackets(limits: CaptureLimits = .default) -> [DecodedPacket] {
        packets.enumerated().compactMap { DecodedPacket.decode($1, index: $0, limits: limits) }
    }
}
