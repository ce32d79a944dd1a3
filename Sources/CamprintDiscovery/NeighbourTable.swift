import CamprintWire

/// The gateway's IPv4 neighbour table as Linux shows it in `/proc/net/arp` (proc(5)): one line per
/// neighbour, `IP address  HW type  Flags  HW address  Mask  Device`. Incomplete entries (flags
/// 0x0, address all zero) are left out.
public struct NeighbourTable: Hashable, Sendable {
    /// Address → lowercase colon-separated MAC.
    public var macs: [String: String]

    public init(macs: [String: String] = [:]) { self.macs = macs }

    public init(procNetARP text: String) {
        var macs: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst().prefix(65536) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 4, let flags = UInt32(fields[2].dropFirst(2), radix: 16), flags & 0x2 != 0,
                let mac = MACAddress.normalized(String(fields[3])), mac != "00:00:00:00:00:00",
                IPv4.parse(fields[0]) != nil
            else { continue }
            macs[String(fields[0])] = mac
        }
        self.macs = macs
    }

    /// The table of this machine; empty where `/proc/net/arp` cannot be read.
    public static func read(path: String = "/proc/net/arp") -> NeighbourTable {
        guard let file = fopen(path, "r") else { return NeighbourTable() }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 8 << 20 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return NeighbourTable(procNetARP: String(decoding: bytes, as: UTF8.self))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
