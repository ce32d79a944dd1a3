import NIOCore
import NIOPosix

/// Two bound UDP sockets (RTP and RTCP) a camera sends from (RFC 3550 §11).
final class UDPPair: Sendable {
    let rtp: any Channel
    let rtcp: any Channel
    let rtpPort: Int
    let rtcpPort: Int

    init(rtp: any Channel, rtcp: any Channel) {
        self.rtp = rtp
        self.rtcp = rtcp
        rtpPort = rtp.localAddress?.port ?? 0
        rtcpPort = rtcp.localAddress?.port ?? 0
    }

    static func open(on loop: any EventLoop, host: String) -> EventLoopFuture<UDPPair> {
        DatagramBootstrap(group: loop).bind(host: host, port: 0).flatMap { rtp in
            DatagramBootstrap(group: loop).bind(host: host, port: 0).map { rtcp in UDPPair(rtp: rtp, rtcp: rtcp) }
                .flatMapErrorThrowing { error in
                    rtp.close(promise: nil)
                    throw error
                }
        }
    }

    func send(_ packets: [[UInt8]], on channel: any Channel, to address: SocketAddress) {
        for packet in packets {
            let buffer = channel.allocator.buffer(bytes: packet)
            channel.write(AddressedEnvelope(remoteAddress: address, data: buffer), promise: nil)
        }
        channel.flush()
    }

    func close() {
        rtp.close(promise: nil)
        rtcp.close(promise: nil)
    }
}
