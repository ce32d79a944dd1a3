import CamprintWire

/// The video elementary stream inside an MPEG-2 program stream (ISO/IEC 13818-1 §2.5), as
/// Hikvision writes after an IMKH header and sends over GB28181/PS-over-RTP.
///
/// Only what identification needs: PES payloads of the video stream ids (0xE0–0xEF) are
/// concatenated; pack headers, system headers, the PSM and other streams are skipped. A
/// truncated final packet contributes the bytes that are there.
public enum MPEGProgramStream {
    /// Concatenated video PES payloads, and how many PES packets were read.
    public static func videoElementaryStream(
        _ bytes: some Collection<UInt8>,
        maximumBytes: Int = 64 << 20
    ) -> (bytes: [UInt8], packetCount: Int) {
        var reader = ByteReader(bytes)
        var output: [UInt8] = []
        var packets = 0
        while reader.remaining >= 4 {
            guard reader.peek() == 0, reader.peek(at: 1) == 0, reader.peek(at: 2) == 1,
                let streamId = reader.peek(at: 3)
            else {
                // Resynchronise on the next start code prefix.
                _ = reader.skip(1)
                continue
            }
            _ = reader.skip(4)
            switch streamId {
            case 0xBA:  // pack_header: 10 bytes, then pack_stuffing_length in the low 3 bits
                guard let header = reader.readBytes(10) else { return (output, packets) }
                let stuffing = Int(header[header.startIndex + 9] & 0x07)
                _ = reader.skip(stuffing)
            case 0xB9:  // program end code
                return (output, packets)
            case 0xE0...0xEF:
                guard let length = reader.readUInt16() else { return (output, packets) }
                let available = min(Int(length), reader.remaining)
                guard let packet = reader.readBytes(available), packet.count >= 3 else { return (output, packets) }
                let headerLength = Int(packet[packet.startIndex + 2])
                let payloadStart = packet.startIndex + 3 + headerLength
                if payloadStart < packet.endIndex, output.count < maximumBytes {
                    output += packet[payloadStart..<min(packet.endIndex, payloadStart + maximumBytes - output.count)]
                }
                packets += 1
            default:  // system header, PSM, audio, private streams: length-prefixed, skipped
                guard let length = reader.readUInt16() else { return (output, packets) }
                if !reader.skip(Int(length)) { return (output, packets) }
            }
        }
        return (output, packets)
    }
}
