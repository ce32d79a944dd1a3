public import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One datagram received from an address of the scope.
public struct UDPAnswer: Hashable, Sendable {
    public var channel: DiscoveryChannel
    public var address: String
    public var bytes: [UInt8]
    public var receivedAt: Date
}

/// The UDP channels of a sweep: one socket per channel, requests sent unicast to every IPv4
/// address of the scope (and to the channel's multicast group when asked), paced, then answers
/// collected until `wait` after the last request. Datagrams from addresses outside the scope are
/// dropped unread; at most ``answersPerAddress`` answers per address and channel are kept.
enum UDPSweep {
    static let answersPerAddress = 4
    static let maximumDatagram = 65507

    static func run(
        scope: DiscoveryScope,
        channels: [DiscoveryChannel],
        ports: [DiscoveryChannel: Int],
        packetsPerSecond: Int,
        wait: Duration,
        multicast: Bool,
        sent: @escaping @Sendable (Int) -> Void
    ) async -> [UDPAnswer] {
        let targets = scope.addresses.filter { IPv4.parse($0) != nil }
        guard !targets.isEmpty, !channels.isEmpty else { return [] }
        let store = NIOLockedValueBox(AnswerStore())
        var sockets: [(DiscoveryChannel, any Channel)] = []
        for channel in channels {
            let bootstrap = DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.maxMessagesPerRead, value: 16)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: maximumDatagram))
                .channelInitializer { socket in
                    socket.eventLoop.makeCompletedFuture {
                        try socket.pipeline.syncOperations.addHandler(
                            AnswerHandler(channel: channel, scope: scope, store: store)
                        )
                    }
                }
            if let socket = try? await bootstrap.bind(host: "0.0.0.0", port: 0).get() {
                sockets.append((channel, socket))
            }
        }
        defer { for (_, socket) in sockets { socket.close(promise: nil) } }
        let pacer = Pacer(perSecond: max(1, packetsPerSecond))
        let id = UUID()
        var count = 0
        for address in targets {
            for (channel, socket) in sockets {
                guard !Task.isCancelled else { return store.withLockedValue { $0.answers } }
                let port = ports[channel] ?? channel.udpPort ?? 0
                guard let remote = try? SocketAddress(ipAddress: address, port: port) else { continue }
                for request in DiscoveryMessages.requests(channel, to: address, id: id) {
                    await pacer.next()
                    socket.writeAndFlush(
                        AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: request)),
                        promise: nil
                    )
                    count += 1
                }
            }
            sent(count)
        }
        if multicast {
            for (channel, socket) in sockets {
                guard let group = channel.multicastGroup, let port = channel.udpPort,
                    let remote = try? SocketAddress(ipAddress: group, port: port)
                else { continue }
                for request in DiscoveryMessages.requests(channel, to: group, id: id) {
                    socket.writeAndFlush(
                        AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: request)),
                        promise: nil
                    )
                }
            }
        }
        try? await Task.sleep(for: wait)
        return store.withLockedValue { $0.answers }
    }

    struct AnswerStore {
        var answers: [UDPAnswer] = []
        var counts: [String: Int] = [:]
    }

    final class AnswerHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>

        let channel: DiscoveryChannel
        let scope: DiscoveryScope
        let store: NIOLockedValueBox<AnswerStore>

        init(channel: DiscoveryChannel, scope: DiscoveryScope, store: NIOLockedValueBox<AnswerStore>) {
            self.channel = channel
            self.scope = scope
            self.store = store
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = Self.unwrapInboundIn(data)
            guard let address = envelope.remoteAddress.ipAddress, scope.contains(address) else { return }
            let bytes = Array(envelope.data.readableBytesView)
            let channel = channel
            store.withLockedValue { store in
                let key = "\(channel.rawValue) \(address)"
                guard store.counts[key, default: 0] < UDPSweep.answersPerAddress else { return }
                store.counts[key, default: 0] += 1
                store.answers.append(UDPAnswer(channel: channel, address: address, bytes: bytes, receivedAt: Date()))
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // ICMP errors of one destination (port unreachable) must not close the socket.
        }
    }
}

/// Spaces events evenly: at most `perSecond` per second across every caller.
actor Pacer {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant

    init(perSecond: Int) {
        interval = .nanoseconds(1_000_000_000 / Int64(max(1, perSecond)))
        nextSlot = .now
    }

    func next() async {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }
}
