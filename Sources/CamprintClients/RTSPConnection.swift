import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One TCP (or TLS) connection to an RTSP server: write a request, wait for its response with a
/// deadline. Always ``close()``d by its owner.
final class RTSPConnection: Sendable {
    let channel: any Channel
    private let collector: NIOLoopBound<RTSPResponseReader>
    /// `host:port` of the peer, for messages.
    let peer: String

    private init(channel: any Channel, collector: NIOLoopBound<RTSPResponseReader>, peer: String) {
        self.channel = channel
        self.collector = collector
        self.peer = peer
    }

    /// Client TLS for `rtsps://`: cameras use self-signed certificates, so by default the
    /// certificate is not verified (the probe identifies devices; over such a connection it sends
    /// credentials only as Digest, see ``ControlPlaneOptions/allowBasic``). TLS 1.2 at least.
    static let tlsContext: Result<NIOSSLContext, any Error> = Result {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv12
        return try NIOSSLContext(configuration: configuration)
    }

    /// Client TLS that trusts only the certificate authorities of the PEM file `caFile` (or the
    /// system's, for `system`) and checks the host name or IP address (``ControlPlaneOptions/caFile``).
    static func tlsContext(caFile: String?) -> Result<NIOSSLContext, any Error> {
        guard let caFile else { return tlsContext }
        return Result {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            configuration.minimumTLSVersion = .tlsv12
            configuration.trustRoots =
                caFile == ControlPlaneOptions.systemTrustStore
                ? .default : .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            return try NIOSSLContext(configuration: configuration)
        }
    }

    /// Connects to `address` within `timeout`.
    static func open(
        to address: SocketAddress,
        tls: Bool,
        caFile: String? = nil,
        serverName: String?,
        eventLoop: any EventLoop,
        timeout: Duration
    ) async throws(ControlPlaneFailure) -> RTSPConnection {
        let peer = Self.describe(address)
        let context: NIOSSLContext?
        if tls {
            switch tlsContext(caFile: caFile) {
            case .success(let value): context = value
            case .failure(let error): throw .tlsFailure(reason: String(describing: error))
            }
        } else {
            context = nil
        }
        let handshake = eventLoop.makePromise(of: Void.self)
        let handshakeOnce = OnceFlag()
        // Every path completes the promise (NIO traps on a promise that is never completed).
        defer { if handshakeOnce.claim() { handshake.succeed() } }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(max(1, timeout.nanoseconds)))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        try channel.pipeline.syncOperations.addHandler(
                            TLSHandshakeWatcher(handshake: handshake, once: handshakeOnce)
                        )
                    }
                    try channel.pipeline.syncOperations.addHandler(RTSPResponseReader())
                }
            }
        let started = NIODeadline.now()
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: address).get()
            let collector = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: RTSPResponseReader.self),
                    eventLoop: channel.eventLoop
                )
            }.get()
            let connection = RTSPConnection(channel: channel, collector: collector, peer: peer)
            if tls {
                try await connection.awaitHandshake(
                    handshake,
                    once: handshakeOnce,
                    deadline: started + .nanoseconds(max(1, timeout.nanoseconds)),
                    timeout: timeout
                )
            }
            return connection
        } catch let error as ControlPlaneFailure {
            throw error
        } catch let error as ChannelError {
            if case .connectTimeout = error { throw .connectTimeout(address: peer, after: timeout) }
            throw .networkUnreachable(address: peer, reason: String(describing: error))
        } catch let error as IOError {
            switch error.errnoCode {
            case ECONNREFUSED: throw .connectionRefused(address: peer)
            case ETIMEDOUT: throw .connectTimeout(address: peer, after: timeout)
            default: throw .networkUnreachable(address: peer, reason: Self.errnoText(error.errnoCode))
            }
        } catch {
            throw .networkUnreachable(address: peer, reason: String(describing: error))
        }
    }

    /// Waits for the TLS handshake until `deadline`; closes the connection when it fails.
    private func awaitHandshake(
        _ handshake: EventLoopPromise<Void>,
        once: OnceFlag,
        deadline: NIODeadline,
        timeout: Duration
    ) async throws(ControlPlaneFailure) {
        let timer = channel.eventLoop.scheduleTask(deadline: deadline) {
            if once.claim() {
                handshake.fail(
                    TLSHandshakeWatcher.Failure(
                        reason: "no handshake answer within \(ControlPlaneFailure.format(timeout))"
                    )
                )
            }
        }
        do {
            try await handshake.futureResult.get()
            timer.cancel()
        } catch {
            timer.cancel()
            await close()
            let reason = (error as? TLSHandshakeWatcher.Failure)?.reason ?? String(describing: error)
            throw .tlsFailure(reason: reason)
        }
    }

    /// Writes `request` and waits for the next response until `deadline`.
    func exchange(_ request: [UInt8], deadline: NIODeadline) async throws(RTSPReadFailure) -> ReceivedResponse {
        let collector = self.collector
        let eventLoop = channel.eventLoop
        let waiting = eventLoop.flatSubmit {
            collector.value.nextResponse(deadline: deadline, eventLoop: eventLoop)
        }
        channel.writeAndFlush(ByteBuffer(bytes: request), promise: nil)
        do {
            return try await waiting.get()
        } catch let failure as RTSPReadFailure {
            throw failure
        } catch {
            throw .io(String(describing: error))
        }
    }

    var isActive: Bool { channel.isActive }

    func close() async {
        try? await channel.close()
    }

    static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return String(describing: address) }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
