import Foundation
import NIOCore
import NIOPosix

/// Where a camera's discovery responders listen: its own address and the channels it answers.
public struct DiscoveryListen: Sendable, Equatable {
    public var host: String
    public var channels: Set<DiscoveryChannel>
    /// The HTTP port announced (SADP `HttpPort`, WS-Discovery `XAddrs`, SSDP `LOCATION`, DHIP
    /// `HttpPort`) when the camera has no HTTP server of its own; else its server's port.
    public var advertisedHTTPPort: Int

    public init(host: String, channels: Set<DiscoveryChannel>, advertisedHTTPPort: Int = 80) {
        self.host = host
        self.channels = channels
        self.advertisedHTTPPort = advertisedHTTPPort
    }
}

/// One UDP discovery socket of a camera: reads a datagram, answers it unicast to its sender
/// (``DiscoveryAnswers``). Never closes on bad input; answers at most ``maxAnswersPerSecond``.
final class DiscoveryHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    /// Bound on answers per second per socket, so a spoofed flood cannot turn the emulator into an
    /// amplifier (DHIP and SSDP answers are 5–10 times the request).
    static let maxAnswersPerSecond = 200

    private let answers: DiscoveryAnswers
    private let channel: DiscoveryChannel
    private var windowStart = NIODeadline.now()
    private var answeredInWindow = 0
    private var messageNumber = 0

    init(answers: DiscoveryAnswers, channel: DiscoveryChannel) {
        self.answers = answers
        self.channel = channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        var buffer = envelope.data
        // A datagram that filled the receive buffer may have been truncated: oversized, dropped.
        guard buffer.readableBytes <= DiscoveryAnswers.maxRequestBytes,
            let request = buffer.readBytes(length: buffer.readableBytes)
        else { return }
        messageNumber += 1
        let replies = answers.answer(request, on: channel, messageNumber: messageNumber)
        guard !replies.isEmpty else { return }
        let now = NIODeadline.now()
        if now - windowStart > .seconds(1) {
            windowStart = now
            answeredInWindow = 0
        }
        guard answeredInWindow < Self.maxAnswersPerSecond else { return }
        answeredInWindow += 1
        for reply in replies {
            let out = context.channel.allocator.buffer(bytes: reply)
            context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: out)), promise: nil)
        }
        context.flush()
    }

    /// Socket errors (an ICMP error for an earlier answer, …) do not stop the responder.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}

enum DiscoveryResponder {
    /// Receive buffer per datagram: larger than ``DiscoveryAnswers/maxRequestBytes`` so that an
    /// oversized request is seen as such (and dropped) rather than cut to a parseable prefix.
    static let receiveBytes = DiscoveryAnswers.maxRequestBytes + 1

    /// Binds one UDP socket per channel on `listen.host`; closes what it opened if one fails.
    static func bind(
        camera: Camera,
        persona: DiscoveryPersona,
        listen: DiscoveryListen,
        httpPort: Int?,
        rtspPort: Int?,
        group: any EventLoopGroup
    ) async throws -> [any Channel] {
        let values = DiscoveryAnswers.values(
            identity: camera.config.identity,
            host: listen.host,
            httpPort: httpPort ?? listen.advertisedHTTPPort,
            rtspPort: rtspPort,
            started: Double(camera.startMicroseconds) / 1_000_000
        )
        let answers = DiscoveryAnswers(persona: persona, values: values)
        var opened: [any Channel] = []
        do {
            for channel in listen.channels.intersection(persona.channels).sorted() {
                let bound = try await DatagramBootstrap(group: group)
                    .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: receiveBytes))
                    .channelInitializer { udp in
                        udp.eventLoop.makeCompletedFuture {
                            try udp.pipeline.syncOperations.addHandler(
                                DiscoveryHandler(answers: answers, channel: channel)
                            )
                        }
                    }
                    .bind(host: listen.host, port: channel.port).get()
                opened.append(bound)
            }
        } catch {
            for open in opened { try? await open.close() }
            throw PersonaError("cannot bind discovery responder on \(listen.host): \(error)")
        }
        return opened
    }
}
