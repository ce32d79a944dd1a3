/// A TCP connection found in a capture, both directions reassembled.
public struct TCPConnection: Hashable, Sendable, Encodable {
    /// The side that sent the first SYN (else the first packet).
    public var client: Endpoint
    public var server: Endpoint
    /// Capture time of the connection's first packet.
    public var firstTimeNanoseconds: Int64
    public var clientToServer: ReassembledStream
    public var serverToClient: ReassembledStream

    public init(
        client: Endpoint,
        server: Endpoint,
        firstTimeNanoseconds: Int64,
        clientToServer: ReassembledStream,
        serverToClient: ReassembledStream
    ) {
        self.client = client
        self.server = server
        self.firstTimeNanoseconds = firstTimeNanoseconds
        self.clientToServer = clientToServer
        self.serverToClient = serverToClient
    }

    /// Groups the TCP packets by connection (address/port 4-tuple) and reassembles both
    /// directions, in order of first appearance. At most `limits.maxConnections` connections.
    public static func reassemble(_ packets: [DecodedPacket], limits: CaptureLimits = .default) -> [TCPConnection] {
        struct Pending {
            var client: Endpoint
            var server: Endpoint
            var first: Int64
            var forward: TCPReassembler
            var reverse: TCPReassembler
        }
        var order: [[Endpoint]] = []
        var pending: [[Endpoint]: Pending] = [:]
        for packet in packets where packet.transport == .tcp {
            let key = [packet.source, packet.destination].sorted { $0.description < $1.description }
            if pending[key] == nil {
                guard order.count < limits.maxConnections else { continue }
                // A SYN+ACK as first packet means the sender is the server.
                let fromServer = packet.isSYN && packet.isACK
                pending[key] = Pending(
                    client: fromServer ? packet.destination : packet.source,
                    server: fromServer ? packet.source : packet.destination,
                    first: packet.timeNanoseconds,
                    forward: TCPReassembler(limits: limits),
                    reverse: TCPReassembler(limits: limits)
                )
                order.append(key)
            }
            if pending[key]?.client == packet.source {
                pending[key]?.forward.add(packet)
            } else {
                pending[key]?.reverse.add(packet)
            }
        }
        return order.compactMap { key in
            guard let entry = pending[key] else { return nil }
            return TCPConnection(
                client: entry.client,
                server: entry.server,
                firstTimeNanoseconds: entry.first,
                clientToServer: entry.forward.finish(),
                serverToClient: entry.reverse.finish()
            )
        }
    }
}
