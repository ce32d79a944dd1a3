import CamprintCodecs

/// Packs NAL units into RTP packets: H.264 per RFC 6184 (single NAL unit packets §5.6 and FU-A
/// §5.8) and H.265 per RFC 7798 (single NAL unit packets §4.4.1 and FUs §4.4.3). No aggregation.
struct RTPPacketizer: Sendable {
    let codec: VideoCodec
    let payloadType: UInt8
    let ssrc: UInt32
    /// Largest RTP payload (bytes after the 12-byte header).
    let maxPayload: Int
    var sequenceNumber: UInt16
    var packetCount: UInt32 = 0
    var octetCount: UInt32 = 0

    init(codec: VideoCodec, payloadType: Int, ssrc: UInt32, sequenceNumber: UInt16, maxPayload: Int = 1400) {
        self.codec = codec
        self.payloadType = UInt8(truncatingIfNeeded: payloadType & 0x7f)
        self.ssrc = ssrc
        self.sequenceNumber = sequenceNumber
        self.maxPayload = maxPayload
    }

    /// RTP packets for one access unit; the marker bit is set on the last one (RFC 6184 §5.1).
    mutating func packets(for nalUnits: [[UInt8]], timestamp: UInt32) -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        for nal in nalUnits where !nal.isEmpty {
            if nal.count <= maxPayload {
                payloads.append(nal)
            } else {
                payloads.append(contentsOf: fragments(of: nal))
            }
        }
        var packets: [[UInt8]] = []
        packets.reserveCapacity(payloads.count)
        for (index, payload) in payloads.enumerated() {
            packets.append(packet(payload, timestamp: timestamp, marker: index == payloads.count - 1))
        }
        return packets
    }

    private func fragments(of nal: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        switch codec {
        case .h264:
            let indicator = (nal[0] & 0xe0) | 28
            let type = nal[0] & 0x1f
            var offset = 1
            let chunk = maxPayload - 2
            while offset < nal.count {
                let end = min(offset + chunk, nal.count)
                var header = type
                if offset == 1 { header |= 0x80 }
                if end == nal.count { header |= 0x40 }
                out.append([indicator, header] + nal[offset..<end])
                offset = end
            }
        case .h265:
            guard nal.count > 2 else { return [nal] }
            let type = (nal[0] >> 1) & 0x3f
            let payloadHeader0 = (nal[0] & 0x81) | (49 << 1)
            let payloadHeader1 = nal[1]
            var offset = 2
            let chunk = maxPayload - 3
            while offset < nal.count {
                let end = min(offset + chunk, nal.count)
                var header = type
                if offset == 2 { header |= 0x80 }
                if end == nal.count { header |= 0x40 }
                out.append([payloadHeader0, payloadHeader1, header] + nal[offset..<end])
                offset = end
            }
        }
        return out
    }

    private mutating func packet(_ payload: [UInt8], timestamp: UInt32, marker: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + payload.count)
        out.append(0x80)
        out.append((marker ? 0x80 : 0) | payloadType)
        out.append(UInt8(sequenceNumber >> 8))
        out.append(UInt8(sequenceNumber & 0xff))
        out.appendBigEndian(timestamp)
        out.appendBigEndian(ssrc)
        out.append(contentsOf: payload)
        sequenceNumber &+= 1
        packetCount &+= 1
        octetCount &+= UInt32(payload.count)
        return out
    }
}

/// RTCP sender report (RFC 3550 §6.4.1), with an SDES CNAME item (§6.5) when one is given.
enum RTCPSenderReport {
    static func packet(
        ssrc: UInt32,
        ntpSeconds: UInt32,
        ntpFraction: UInt32,
        rtpTimestamp: UInt32,
        packetCount: UInt32,
        octetCount: UInt32,
        cname: String?
    ) -> [UInt8] {
        var out: [UInt8] = [0x80, 200, 0, 6]
        out.appendBigEndian(ssrc)
        out.appendBigEndian(ntpSeconds)
        out.appendBigEndian(ntpFraction)
        out.appendBigEndian(rtpTimestamp)
        out.appendBigEndian(packetCount)
        out.appendBigEndian(octetCount)
        if let cname {
            let text = Array(cname.utf8.prefix(255))
            var chunk: [UInt8] = []
            chunk.appendBigEndian(ssrc)
            chunk.append(1)
            chunk.append(UInt8(text.count))
            chunk.append(contentsOf: text)
            chunk.append(0)
            while chunk.count % 4 != 0 { chunk.append(0) }
            let words = UInt16(chunk.count / 4)
            out.append(contentsOf: [0x81, 202, UInt8(words >> 8), UInt8(words & 0xff)])
            out.append(contentsOf: chunk)
        }
        return out
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
