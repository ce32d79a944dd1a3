public import CamprintWire

/// One packet as stored in the capture: link type, time, captured bytes.
public struct CapturedPacket: Hashable, Sendable, Encodable {
    /// LINKTYPE_* value (1 Ethernet, 113 Linux cooked, 276 Linux cooked v2, 101 raw IP, 0 BSD null).
    public var linkType: UInt32
    /// Nanoseconds since 1970.
    public var timeNanoseconds: Int64
    /// Length on the wire (may exceed `data.count` when the capture was snapped).
    public var originalLength: Int
    public var data: HexBytes
    /// Offset of the record (pcap) or block (pcapng) in the file.
    public var fileOffset: Int

    public init(linkType: UInt32, timeNanoseconds: Int64, originalLength: Int, data: [UInt8], fileOffset: Int) {
        self.linkType = linkType
        self.timeNanoseconds = timeNanoseconds
        self.originalLength = originalLength
        self.data = HexBytes(data)
        self.fileOffset = fileOffset
    }
}
