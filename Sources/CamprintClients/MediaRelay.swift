import CamprintRTSP
import CamprintWire
import NIOCore
import NIOPosix
import Synchronization

/// The media plane's only way to a camera: FFmpeg never connects to the camera and never holds a
/// password.
///
/// camprint connects to the camera itself — resolved, connected and (for `rtsps://`) verified
/// exactly as the control plane's connection (``ControlPlaneClient``) — and FFmpeg speaks plain,
/// unauthenticated RTSP to a loopback port whose first connection is relayed onto it (if its first
/// request names the relay's URL with a random token); every later connection to that port is
/// closed. The relay reads each message in both directions
/// (``RTSPFrameDecoder``):
///
/// - FFmpeg's requests go to the camera with their `rtsp://127.0.0.1:PORT` prefix replaced by the
///   camera's URL and any `Authorization` removed; once the camera has challenged, the relay adds
///   its own `Authorization` (Digest computed by camprint for each request, RFC 7616 §3.4, with
///   its own nonce count). A 401 to a request without credentials is answered by sending that
///   request again, authenticated, once; a 401 to an authenticated request (password refused) goes
///   to FFmpeg and the relay sends no credentials again, so a camera sees at most one failed login.
/// - A Basic challenge is refused (the relay closes both ends and records why) unless the control
///   plane's rule allows Basic (``ControlPlaneOptions/allowBasic``, or TLS with a verified
///   certificate): a camera that offers Digest to the control plane and Basic to the media
///   connection gets nothing.
/// - Any 3xx answer is refused the same way: a redirect could send FFmpeg to another host or
///   scheme, or out of the verified TLS connection.
/// - Interleaved RTP/RTCP (`$` frames, RFC 2326 §10.12) pass unchanged both ways, so the media
///   runs over TCP: FFmpeg would accept UDP only from the relay's address, not the camera's.
public final class MediaRelay: Sendable {
    /// The loopback port FFmpeg connects to.
    public let port: Int
    /// `rtsp://127.0.0.1:PORT/TOKEN`: the first request on the loopback connection must start
    /// with it (see ``RelayState``).
    private let prefix: String
    private let listener: any Channel
    private let state: RelayState

    init(port: Int, prefix: String, listener: any Channel, state: RelayState) {
        self.port = port
        self.prefix = prefix
        self.listener = listener
        self.state = state
    }

    /// `rtsp://127.0.0.1:PORT/TOKEN` + the camera URL's path, for FFmpeg: never userinfo.
    public func localURL(path: String) -> String { prefix + path }

    /// Why the relay closed the media connection on its own (a redirect, a Basic challenge), if it did.
    public var refusal: MediaRelayRefusal? { state.refusal }

    /// Closes the listener and both ends.
    public func close() {
        listener.close(promise: nil)
        state.closeAll()
    }
}

/// What made the relay end the media connection.
public enum MediaRelayRefusal: Hashable, Sendable, CustomStringConvertible {
    /// The camera answered with a redirect (status line quoted).
    case redirect(statusLine: String)
    /// The camera offered only Basic to the media connection where the password would go in clear.
    case basic
    /// The camera refused the credentials it had accepted on the control plane.
    case credentialsRefused

    public var code: String {
        switch self {
        case .redirect: "media.relay.redirect-refused"
        case .basic: "media.relay.basic-refused"
        case .credentialsRefused: "media.relay.auth-failed"
        }
    }

    public var description: String {
        switch self {
        case .redirect(let line):
            "the camera answered the media connection with a redirect (\(line)); not followed"
        case .basic:
            "the camera offered only Basic authentication to the media connection; refusing to send the password "
                + "in clear"
        case .credentialsRefused:
            "the camera refused on the media connection the credentials it accepted on the control plane; "
                + "not retried (one attempt per credential, to avoid lockouts)"
        }
    }
}

extension ControlPlaneClient {
    /// Connects to `url` as the control plane does — the same resolution, deadlines, certificate
    /// verification and errors — and returns a relay for FFmpeg that authenticates with
    /// `credentials` itself (see ``MediaRelay``).
    public func openMediaRelay(
        to url: RTSPURL,
        credentials: ProbeCredentials? = nil
    ) async throws(ControlPlaneFailure) -> MediaRelay {
        let eventLoop = group.next()
        let run = ControlPlaneRun(
            url: url,
            credentials: nil,
            options: options,
            eventLoop: eventLoop,
            clientNonce: clientNonce
        )
        let connection = try await run.connect(url)
        let upstream = connection.channel
        let state = RelayState(
            upstream: upstream,
            camera: url,
            credentials: credentials,
            basicAllowed: options.allowBasic || options.isVerifiedTLS(url),
            clientNonce: clientNonce
        )
        do {
            // The response reader goes; the relay reads the camera's messages from now on.
            try await upstream.eventLoop.submit {
                let pipeline = upstream.pipeline.syncOperations
                let collector = try pipeline.handler(type: RTSPResponseReader.self)
                pipeline.removeHandler(collector, promise: nil)
                try pipeline.addHandler(RelayHandler(state: state, side: .camera))
            }.get()
            // The listener's connections share the upstream's event loop: the relay state is
            // touched on that loop only.
            let listener = try await ServerBootstrap(group: upstream.eventLoop)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        guard state.attach(client: child) else {
                            child.close(promise: nil)
                            return
                        }
                        try child.pipeline.syncOperations.addHandler(RelayHandler(state: state, side: .client))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let port = listener.localAddress?.port ?? 0
            // A random path segment only this process knows: another local process that connects
            // to the port first cannot use the relay's authenticated session.
            let prefix = "rtsp://127.0.0.1:\(port)/\(ControlPlaneClient.randomClientNonce())"
            state.setLocalPrefix(prefix)
            return MediaRelay(port: port, prefix: prefix, listener: listener, state: state)
        } catch {
            state.closeAll()
            throw .networkUnreachable(address: connection.peer, reason: "media relay: \(error)")
        }
    }
}

/// Both ends of a relay and what it knows of the camera's authentication. The decoders and the
/// authentication state are touched only on the upstream channel's event loop (both channels
/// live there); the channels and the refusal are behind a mutex for ``closeAll()`` and readers.
final class RelayState: Sendable {
    enum Side { case camera, client }

    private struct Ends {
        var upstream: any Channel
        var client: (any Channel)?
        var refusal: MediaRelayRefusal?
        var localPrefix = ""
    }

    /// Per-loop state: message decoders and the authentication in use.
    private struct Conversation {
        var fromClient = RTSPFrameDecoder()
        var fromCamera = RTSPFrameDecoder()
        /// FFmpeg's requests not answered yet, by CSeq, as sent to the camera without credentials.
        var pending: [String: RTSPRequest] = [:]
        /// CSeqs already sent again with credentials after a 401.
        var retried: Set<String> = []
        var choice: AuthenticationChoice?
        var nonceCount = 0
        /// The camera refused the credentials once: never sent again.
        var rejected = false
        /// The loopback client's first request carried the relay's token.
        var clientProven = false
    }

    private let ends: Mutex<Ends>
    private let conversation: ConversationBox
    let camera: RTSPURL
    private let credentials: ProbeCredentials?
    private let basicAllowed: Bool
    private let clientNonce: @Sendable () -> String

    /// Touched only on the upstream channel's event loop (every ``RelayHandler`` of this relay
    /// runs there), which serialises all access.
    private final class ConversationBox: @unchecked Sendable {
        var value = Conversation()
    }

    init(
        upstream: any Channel,
        camera: RTSPURL,
        credentials: ProbeCredentials?,
        basicAllowed: Bool,
        clientNonce: @escaping @Sendable () -> String
    ) {
        ends = Mutex(Ends(upstream: upstream))
        conversation = ConversationBox()
        self.camera = camera
        self.credentials = credentials
        self.basicAllowed = basicAllowed
        self.clientNonce = clientNonce
    }

    var refusal: MediaRelayRefusal? { ends.withLock { $0.refusal } }

    func setLocalPrefix(_ prefix: String) { ends.withLock { $0.localPrefix = prefix } }

    /// Takes the first loopback connection; false for any later one.
    func attach(client: any Channel) -> Bool {
        ends.withLock { ends in
            guard ends.client == nil else { return false }
            ends.client = client
            return true
        }
    }

    func closeAll() {
        let (upstream, client) = ends.withLock { ($0.upstream, $0.client) }
        upstream.close(promise: nil)
        client?.close(promise: nil)
    }

    private func refuse(_ refusal: MediaRelayRefusal) {
        ends.withLock { if $0.refusal == nil { $0.refusal = refusal } }
        closeAll()
    }

    private var upstream: any Channel { ends.withLock { $0.upstream } }
    private var client: (any Channel)? { ends.withLock { $0.client } }

    // MARK: Bytes in

    func received(_ buffer: ByteBuffer, from side: Side) {
        ends.withLock { $0.upstream }.eventLoop.preconditionInEventLoop()
        let box = conversation
        let bytes = Array(buffer.readableBytesView)
        do {
            switch side {
            case .client:
                box.value.fromClient.append(bytes)
                while let frame = try box.value.fromClient.next() { fromClient(frame, box) }
            case .camera:
                box.value.fromCamera.append(bytes)
                while let frame = try box.value.fromCamera.next() { fromCamera(frame, box) }
            }
        } catch {
            // Not RTSP any more (or beyond RTSPLimits): the relay ends the connection.
            closeAll()
        }
    }

    private func fromClient(_ frame: RTSPFrame, _ box: ConversationBox) {
        let prefix = ends.withLock { $0.localPrefix }
        if !box.value.clientProven {
            // The first message must be a request for the relay's own URL (with its token):
            // anything else is not the FFmpeg of this probe, and nothing of it reaches the camera.
            guard case .request(let request) = frame, !prefix.isEmpty, request.uri.hasPrefix(prefix) else {
                closeAll()
                return
            }
            box.value.clientProven = true
        }
        switch frame {
        case .interleaved(let channel, let payload):
            write(Self.interleaved(channel, payload.bytes), to: upstream)
        case .response(let response):
            write(response.serialize(), to: upstream)
        case .request(var request):
            if !prefix.isEmpty, request.uri.hasPrefix(prefix) {
                request.uri = cameraPrefix + request.uri.dropFirst(prefix.count)
            }
            request.headers = RTSPHeaders(request.headers.filter { !$0.hasName("Authorization") })
            let cseq = request.headers.value("CSeq") ?? ""
            box.value.pending[cseq] = request
            send(request, box)
        }
    }

    private func fromCamera(_ frame: RTSPFrame, _ box: ConversationBox) {
        switch frame {
        case .interleaved(let channel, let payload):
            if let client { write(Self.interleaved(channel, payload.bytes), to: client) }
        case .request(let request):
            // A server request (GET_PARAMETER keep-alive, ANNOUNCE): FFmpeg answers it.
            if let client { write(request.serialize(), to: client) }
        case .response(let response):
            let cseq = response.headers.value("CSeq") ?? ""
            if (300..<400).contains(response.statusCode) {
                refuse(.redirect(statusLine: ControlPlaneRun.statusLine(response)))
                return
            }
            if response.statusCode == 401, let request = box.value.pending[cseq], credentials != nil {
                let authenticated = box.value.choice != nil && !box.value.rejected
                let challenges = response.headers.all("WWW-Authenticate").flatMap {
                    AuthenticateChallenge.parseAll($0.value)
                }
                let stale = challenges.contains { $0.stale == true }
                if authenticated, !stale || box.value.retried.contains(cseq) {
                    // The password was refused: FFmpeg gets the 401, the camera no second attempt.
                    box.value.rejected = true
                    refuse(.credentialsRefused)
                    return
                }
                if !box.value.retried.contains(cseq), !box.value.rejected,
                    let choice = AuthenticationChoice.choose(from: challenges)
                {
                    if case .basic = choice, !basicAllowed {
                        refuse(.basic)
                        return
                    }
                    box.value.choice = choice
                    box.value.nonceCount = 0
                    box.value.retried.insert(cseq)
                    send(request, box)
                    return
                }
            }
            box.value.pending[cseq] = nil
            if let client { write(response.serialize(), to: client) }
        }
    }

    /// Sends FFmpeg's request to the camera, with camprint's `Authorization` when the camera has
    /// asked for it.
    private func send(_ request: RTSPRequest, _ box: ConversationBox) {
        var request = request
        if let choice = box.value.choice, let credentials, !box.value.rejected {
            box.value.nonceCount += 1
            request.headers.append(
                RTSPHeader(
                    "Authorization",
                    choice.headerValue(
                        credentials: credentials,
                        method: request.method,
                        uri: request.uri,
                        clientNonce: clientNonce(),
                        nonceCount: box.value.nonceCount
                    )
                )
            )
        }
        write(request.serialize(), to: upstream)
    }

    private var cameraPrefix: String {
        "\(camera.scheme)://\(camera.hostForURL)\(camera.explicitPort.map { ":\($0)" } ?? "")"
    }

    private func write(_ bytes: [UInt8], to channel: any Channel) {
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
    }

    /// `$`, channel, 16-bit length, payload (RFC 2326 §10.12).
    static func interleaved(_ channel: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x24, channel, UInt8(truncatingIfNeeded: payload.count >> 8), UInt8(truncatingIfNeeded: payload.count)]
            + payload
    }
}

/// Hands every buffer read on its channel to the relay; when either end closes, both close.
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let state: RelayState
    private let side: RelayState.Side

    init(state: RelayState, side: RelayState.Side) {
        self.state = state
        self.side = side
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        state.received(unwrapInboundIn(data), from: side)
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.closeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.closeAll()
    }
}
