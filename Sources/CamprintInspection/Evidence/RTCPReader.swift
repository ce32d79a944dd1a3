/// Reads SDES CNAME items from raw RTCP compound packets (RFC 3550 §6.5). Only what identity
/// needs: the CNAME a device puts in its reports (`root@HUAWEI`).
enum RTCPReader {
    static let maximumPackets = 256
    static let maximumNames = 16

    /// Version 2 and a packet type of SR, RR, SDES, BYE or APP (200…204) in the first header.
    static func looksLikeRTCP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && bytes[0] >> 6 == 2 && (200...204).contains(bytes[1])
            && (Int(bytes[2]) << 8 | Int(bytes[3]) + 1) * 4 <= bytes.count
    }

    static func cnames(_ bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var offset = 0
        var packets = 0
        while offset + 4 <= bytes.count, packets < maximumPackets, names.count < maximumNames {
            guard bytes[offset] >> 6 == 2 else { break }
            let sourceCount = Int(bytes[offset] & 0x1F)
            let type = bytes[offset + 1]
            let length = (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]) + 1) * 4
            let end = min(offset + length, bytes.count)
            if type == 202 {
                var cursor = offset + 4
                for _ in 0..<sourceCount {
                    cursor += 4  // SSRC/CSRC
                    while cursor + 2 <= end, bytes[cursor] != 0 {
                        let itemType = bytes[cursor]
                        let itemLength = Int(bytes[cursor + 1])
                        let start = cursor + 2
                        guard start + itemLength <= end else { break }
                        if itemType == 1 {
                            names.append(String(decoding: bytes[start..<start + itemLength], as: UTF8.self))
                        }
                        cursor = start + itemLength
                    }
                    cursor = (cursor + 4) & ~3  // end item and padding to 32 bits
                    if cursor >= end { break }
                }
            }
            offset += length
            packets += 1
        }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
