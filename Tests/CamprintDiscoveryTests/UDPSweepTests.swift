import NIOCore
import NIOPosix
import Testing

@testable import CamprintDiscovery

/// The UDP sweep against responders on loopback (127.0.66.x, a block no other test uses): answers
/// count only from addresses of the scope, and a flooding responder cannot make the sweep keep
/// more than ``UDPSweep/answersPerAddress`` answers.
@Suite struct UDPSweepTests {
    /// Answers every datagram with `count` copies of `answer`, from its own socket and, when
    /// `alsoFrom` is set, from that second socket too (a spoofing neighbour).
    final class Responder: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        typealias OutboundOut = AddressedEnvelope<ByteBuffer>
        let answer: [UInt8]
        let count: Int
        let alsoFrom: (any Channel)?

        init(answer: [UInt8], count: Int, alsoFrom: (any Channel)?) {
            self.answer = answer
            self.count = count
            self.alsoFrom = alsoFrom
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let request = Self.unwrapInboundIn(data)
            for _ in 0..<count {
                let reply = AddressedEnvelope(remoteAddress: request.remoteAddress, data: ByteBuffer(bytes: answer))
                context.write(Self.wrapOutboundOut(reply), promise: nil)
                alsoFrom?.writeAndFlush(reply, promise: nil)
            }
            context.flush()
        }
    }

    static func bind(_ host: String, handler: (any ChannelHandler & Sendable)? = nil) async throws -> any Channel {
        try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let handler { try channel.pipeline.syncOperations.addHandler(handler) }
                }
            }
            .bind(host: host, port: 0).get()
    }

    static let probeMatch = Array(
        "<ProbeMatch><DeviceDescription>DS-2CD2385G1-I</DeviceDescription><MAC>58-50-ed-1f-e3-85</MAC></ProbeMatch>"
            .utf8
    )

    @Test func answersCountOnlyFromTheScopeAndAreBounded() async throws {
        // Linux routes all of 127.0.0.0/8 to loopback (ip-sysctl, route_localnet aside).
        let spoofer = try await Self.bind("127.0.66.9")
        let responder = try await Self.bind(
            "127.0.66.1",
            handler: Responder(answer: Self.probeMatch, count: 50, alsoFrom: spoofer)
        )
        defer {
            responder.close(promise: nil)
            spoofer.close(promise: nil)
        }
        let port = try #require(responder.localAddress?.port)
        let scope = try DiscoveryScope.parse(["127.0.66.1-3"])
        let answers = await UDPSweep.run(
            scope: scope,
            channels: [.sadp],
            ports: [.sadp: port],
            packetsPerSecond: 1000,
            wait: .milliseconds(500),
            multicast: false,
            sent: { _ in }
        )
        #expect(answers.allSatisfy { $0.address == "127.0.66.1" })
        #expect(answers.count == UDPSweep.answersPerAddress)
        #expect(answers.allSatisfy { $0.channel == .sadp && $0.bytes == Self.probeMatch })
    }

    @Test func theSweepFindsNothingWhereNothingAnswers() async throws {
        let scope = try DiscoveryScope.parse(["127.0.66.20-21"])
        let answers = await UDPSweep.run(
            scope: scope,
            channels: DiscoveryChannel.udp,
            ports: [.sadp: 9, .wsd: 9, .ssdp: 9, .dhip: 9],
            packetsPerSecond: 1000,
            wait: .milliseconds(200),
            multicast: false,
            sent: { _ in }
        )
        #expect(answers.isEmpty)
    }
}
