import CamprintCapture
import CamprintWire

extension FuzzTargets {
    /// `CamprintCapture`: read as pcap/pcapng, decode every packet, reassemble TCP; every
    /// result stays within the limits.
    public static func pcap(_ input: [UInt8]) {
        let limits = CaptureLimits(
            maxFileBytes: 1 << 20,
            maxPackets: 4_096,
            maxPacketBytes: 65_536,
            maxInterfaces: 8,
            maxStreamBytes: 1 << 20,
            maxConnections: 64
        )
        guard let file = try? CaptureFile(parsing: input, limits: limits) else { return }
        precondition(file.packets.count <= limits.maxPackets)
        for packet in file.packets { precondition(packet.data.count <= limits.maxPacketBytes) }
        let decoded = file.decodedPackets(limits: limits)
        precondition(decoded.count <= file.packets.count)
        let connections = TCPConnection.reassemble(decoded, limits: limits)
        precondition(connections.count <= limits.maxConnections)
        for connection in connections {
            for stream in [connection.clientToServer, connection.serverToClient] {
                precondition(stream.bytes.count <= limits.maxStreamBytes)
                _ = stream.time(at: stream.bytes.count / 2)
            }
        }
    }
}
