/// pcapng files (draft-ietf-opsawg-pcapng): Section Header Blocks set the byte order of their
/// section, Interface Description Blocks the link type and timestamp resolution, and packets come
/// from Enhanced (§4.3), Simple (§4.4) and obsolete Packet blocks. Other blocks are skipped.
enum PcapngReader {
    struct Interface {
        var linkType: UInt32
        var snapLength: Int
        /// Timestamp units per second.
        var unitsPerSecond: Int64
    }

    static func read(_ bytes: [UInt8], limits: CaptureLimits) throws(CaptureError) -> CaptureFile {
        var reader = EndianBytes(bytes: bytes, bigEndian: false)
        var firstBigEndian: Bool?
        var interfaces: [Interface] = []
        var packets: [CapturedPacket] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw CaptureError(.truncatedRecord, at: offset, in: bytes) }
            if bytes[offset..<offset + 4].elementsEqual([0x0A, 0x0D, 0x0D, 0x0A]) {
                // §4.1: the byte-order magic after the length decides the section's order.
                guard bytes.count - offset >= 28 else {
                    throw CaptureError(.truncatedHeader, at: offset, in: bytes)
                }
                let magic = Array(bytes[offset + 8..<offset + 12])
                if magic == [0x1A, 0x2B, 0x3C, 0x4D] {
                    reader.bigEndian = true
                } else if magic == [0x4D, 0x3C, 0x2B, 0x1A] {
                    reader.bigEndian = false
                } else {
                    throw CaptureError(.badByteOrderMagic, at: offset + 8, in: bytes)
                }
                if firstBigEndian == nil { firstBigEndian = reader.bigEndian }
                interfaces = []
            } else if firstBigEndian == nil {
                throw CaptureError(.unknownFormat, at: offset, in: bytes)
            }
            guard let type = reader.u32(offset), let length32 = reader.u32(offset + 4) else {
                throw CaptureError(.truncatedRecord, at: offset, in: bytes)
            }
            let length = Int(length32)
            guard length >= 12, length % 4 == 0, length <= limits.maxPacketBytes + 64 else {
                throw CaptureError(.badBlockLength, at: offset + 4, in: bytes)
            }
            guard length <= bytes.count - offset else { throw CaptureError(.truncatedRecord, at: offset, in: bytes) }
            guard reader.u32(offset + length - 4) == length32 else {
                throw CaptureError(.badBlockLength, at: offset + length - 4, in: bytes)
            }
            let body = offset + 8
            let bodyEnd = offset + length - 4
            switch type {
            case 1:
                guard interfaces.count < limits.maxInterfaces else {
                    throw CaptureError(.tooManyInterfaces, at: offset, in: bytes)
                }
                guard bodyEnd - body >= 8, let linkType = reader.u16(body), let snap = reader.u32(body + 4) else {
                    throw CaptureError(.truncatedRecord, at: offset, in: bytes)
                }
                let resolution = timestampResolution(reader, options: body + 8, end: bodyEnd)
                interfaces.append(
                    Interface(linkType: UInt32(linkType), snapLength: Int(snap), unitsPerSecond: resolution)
                )
            case 6, 2:
                guard packets.count < limits.maxPackets else {
                    throw CaptureError(.tooManyPackets, at: offset, in: bytes)
                }
                guard bodyEnd - body >= 20 else { throw CaptureError(.truncatedRecord, at: offset, in: bytes) }
                let interfaceID: Int
                if type == 6 {
                    interfaceID = Int(reader.u32(body) ?? 0)
                } else {
                    interfaceID = Int(reader.u16(body) ?? 0)
                }
                guard interfaceID < interfaces.count else {
                    throw CaptureError(.unknownInterface, at: body, in: bytes)
                }
                let interface = interfaces[interfaceID]
                let high = UInt64(reader.u32(body + 4) ?? 0)
                let low = UInt64(reader.u32(body + 8) ?? 0)
                let captured = Int(reader.u32(body + 12) ?? 0)
                let original = Int(reader.u32(body + 16) ?? 0)
                guard captured <= bodyEnd - (body + 20) else {
                    throw CaptureError(.truncatedRecord, at: body + 12, in: bytes)
                }
                packets.append(
                    CapturedPacket(
                        linkType: interface.linkType,
                        timeNanoseconds: nanoseconds(high << 32 | low, unitsPerSecond: interface.unitsPerSecond),
                        originalLength: original,
                        data: Array(bytes[body + 20..<body + 20 + captured]),
                        fileOffset: offset
                    )
                )
            case 3:
                guard packets.count < limits.maxPackets else {
                    throw CaptureError(.tooManyPackets, at: offset, in: bytes)
                }
                guard let interface = interfaces.first else {
                    throw CaptureError(.unknownInterface, at: offset, in: bytes)
                }
                guard bodyEnd - body >= 4, let original = reader.u32(body) else {
                    throw CaptureError(.truncatedRecord, at: offset, in: bytes)
                }
                var captured = min(Int(original), bodyEnd - (body + 4))
                if interface.snapLength > 0 { captured = min(captured, interface.snapLength) }
                packets.append(
                    CapturedPacket(
                        linkType: interface.linkType,
                        timeNanoseconds: 0,
                        originalLength: Int(original),
                        data: Array(bytes[body + 4..<body + 4 + captured]),
                        fileOffset: offset
                    )
                )
            default:
                break
            }
            offset += length
        }
        return CaptureFile(format: .pcapng, bigEndian: firstBigEndian ?? false, packets: packets)
    }

    /// `if_tsresol` (option 9): bit 7 clear = 10^-n, set = 2^-n; default 10^-6 (§4.2).
    static func timestampResolution(_ reader: EndianBytes, options start: Int, end: Int) -> Int64 {
        var offset = start
        while offset + 4 <= end, let code = reader.u16(offset), let length = reader.u16(offset + 2) {
            if code == 0 { break }
            if code == 9, length >= 1, offset + 4 < end {
                let value = reader.bytes[offset + 4]
                let exponent = Int(value & 0x7F)
                if value & 0x80 != 0 {
                    return exponent < 63 ? Int64(1) << exponent : 1_000_000
                }
                var units: Int64 = 1
                for _ in 0..<min(exponent, 18) { units *= 10 }
                return units
            }
            offset += 4 + (Int(length) + 3) / 4 * 4
        }
        return 1_000_000
    }

    static func nanoseconds(_ units: UInt64, unitsPerSecond: Int64) -> Int64 {
        let perSecond = UInt64(max(1, unitsPerSecond))
        let seconds = units / perSecond
        let fraction = units % perSecond
        let fractionNanoseconds = fraction.multipliedReportingOverflow(by: 1_000_000_000)
        let nanos = fractionNanoseconds.overflow ? 0 : fractionNanoseconds.partialValue / perSecond
        guard seconds < UInt64(Int64.max / 1_000_000_000) else { return Int64.max }
        return Int64(seconds) * 1_000_000_000 + Int64(nanos)
    }
}
