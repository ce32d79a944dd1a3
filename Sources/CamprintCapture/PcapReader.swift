/// Classic libpcap files: 24-byte global header, 16-byte record headers
/// (pcap-savefile(5); draft-ietf-opsawg-pcap §4–5). Magic `A1B2C3D4` (µs) or `A1B23C4D` (ns),
/// in the writer's byte order.
enum PcapReader {
    static func read(_ bytes: [UInt8], limits: CaptureLimits) throws(CaptureError) -> CaptureFile {
        guard bytes.count >= 24 else { throw CaptureError(.truncatedHeader, at: 0, in: bytes) }
        var reader = EndianBytes(bytes: bytes, bigEndian: true)
        let format: CaptureFile.Format
        switch reader.u32(0) {
        case 0xA1B2_C3D4: format = .pcapMicroseconds
        case 0xA1B2_3C4D: format = .pcapNanoseconds
        case 0xD4C3_B2A1:
            format = .pcapMicroseconds
            reader.bigEndian = false
        case 0x4D3C_B2A1:
            format = .pcapNanoseconds
            reader.bigEndian = false
        default: throw CaptureError(.unknownFormat, at: 0, in: bytes)
        }
        // LINKTYPE is the low 16 bits (upper bits carry FCS information, §5.8 of the draft).
        let linkType = (reader.u32(20) ?? 0) & 0xFFFF
        let fractionScale: Int64 = format == .pcapNanoseconds ? 1 : 1_000
        var packets: [CapturedPacket] = []
        var offset = 24
        while offset < bytes.count {
            guard packets.count < limits.maxPackets else { throw CaptureError(.tooManyPackets, at: offset, in: bytes) }
            guard let seconds = reader.u32(offset), let fraction = reader.u32(offset + 4),
                let included = reader.u32(offset + 8), let original = reader.u32(offset + 12)
            else { throw CaptureError(.truncatedRecord, at: offset, in: bytes) }
            guard Int(included) <= limits.maxPacketBytes else {
                throw CaptureError(.packetTooLarge, at: offset, in: bytes)
            }
            let start = offset + 16
            guard Int(included) <= bytes.count - start else {
                throw CaptureError(.truncatedRecord, at: offset, in: bytes)
            }
            packets.append(
                CapturedPacket(
                    linkType: linkType,
                    timeNanoseconds: Int64(seconds) * 1_000_000_000 + Int64(fraction) * fractionScale,
                    originalLength: Int(original),
                    data: Array(bytes[start..<start + Int(included)]),
                    fileOffset: offset
                )
            )
            offset = start + Int(included)
        }
        return CaptureFile(format: format, bigEndian: reader.bigEndian, packets: packets)
    }
}
