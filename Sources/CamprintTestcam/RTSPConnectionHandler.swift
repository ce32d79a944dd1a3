import CamprintRTSP
import Foundation
import NIOCore
import NIOPosix

/// One client connection: reads RTSP requests with ``RTSPFrameDecoder``, answers in the camera's
/// persona, streams RTP (interleaved or UDP) after PLAY. Runs on the channel's event loop only.
final class RTSPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let listener: Listener
    private var decoder = RTSPFrameDecoder()
    private var context: ChannelHandlerContext?
    private var queue: [RTSPRequest] = []
    private var busy = false
    private var hung = false
    private var closed = false
    private var optionsAnswered = false
    private var nonce: String?
    private var session: StreamSession?
    /// The camera of the session (or of the last request).
    private var camera: Camera?
    private var dripQueue: [UInt8] = []
    private var dripping = false

    init(listener: Listener) {
        self.listener = listener
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        if listener.singleCamera?.config.faults.hang_after_accept == true { hung = true }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        session?.stop()
        session = nil
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { session?.resumeIfWaiting() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard !hung else { return }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        decoder.append(bytes)
        do {
            while let frame = try decoder.next() {
                if case .request(let request) = frame { queue.append(request) }
            }
        } catch {
            send(status: 400, key: "error", values: TemplateValues(), camera: camera ?? listener.cameras[0])
            context.close(promise: nil)
            return
        }
        processQueue()
    }

    private func processQueue() {
        while !busy, !hung, !closed, !queue.isEmpty {
            let request = queue.removeFirst()
            handle(request)
        }
    }

    // MARK: Requests

    private func handle(_ request: RTSPRequest) {
        let uri = RequestURI(request.uri)
        let resolved =
            session?.camera
            ?? listener.camera(
                path: uri.path,
                pathAndQuery: uri.pathAndQuery,
                strict: request.method.uppercased() != "OPTIONS"
            )
        var values = baseValues(request: request, uri: uri, camera: resolved ?? listener.cameras[0])
        guard let camera = resolved else {
            send(status: 404, key: "error", values: values, camera: listener.cameras[0])
            return
        }
        self.camera = camera
        if let session, request.header("Session") != nil, sessionMatches(request) { values["session"] = session.id }
        let faults = camera.config.faults
        if faults.garbage == true {
            var generator = SystemRandomNumberGenerator()
            write((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }, camera: camera)
            return
        }
        if let status = faults.all_status {
            send(status: status, key: "error", values: values, camera: camera)
            return
        }
        let method = request.method.uppercased()
        let persona = camera.persona
        if persona.auth.methods.contains(method), let credentials = camera.config.credentials,
            !authorize(request, method: method, credentials: credentials, camera: camera, values: &values)
        {
            return
        }
        switch method {
        case "OPTIONS":
            send(status: 200, key: "OPTIONS", values: values, camera: camera)
            if faults.hang_after_options == true { hung = true }
            optionsAnswered = true
        case "DESCRIBE": describe(request, camera: camera, values: values)
        case "SETUP": setup(request, uri: uri, camera: camera, values: values)
        case "PLAY": play(request, camera: camera, values: values)
        case "PAUSE":
            guard let session, sessionMatches(request) else {
                send(status: 454, key: "error", values: values, camera: camera)
                return
            }
            session.pause()
            values["session"] = session.id
            send(status: 200, key: "PAUSE", values: values, camera: camera)
        case "TEARDOWN":
            if let session, sessionMatches(request) {
                values["session"] = session.id
                session.stop()
                self.session = nil
            }
            send(status: 200, key: "TEARDOWN", values: values, camera: camera)
        case "GET_PARAMETER", "SET_PARAMETER":
            if let session { values["session"] = session.id }
            send(status: 200, key: method, values: values, camera: camera)
        default:
            send(status: 501, key: "error", values: values, camera: camera)
        }
    }

    private func sessionMatches(_ request: RTSPRequest) -> Bool {
        guard let session else { return false }
        guard let header = request.header("Session") else { return true }
        let id = header.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
        return id == session.id
    }

    private func baseValues(request: RTSPRequest, uri: RequestURI, camera: Camera) -> TemplateValues {
        var values = TemplateValues()
        values["cseq"] = request.header("CSeq") ?? "0"
        values["url"] = uri.url
        values["url_path"] = uri.urlPath
        values["query"] = uri.query
        values["public"] = camera.persona.publicMethods
        values["timeout"] = String(camera.persona.sessionTimeout)
        values["range"] = request.header("Range")
        if let local = context?.channel.localAddress {
            values["server_ip"] = local.ipAddress
            values["server_port"] = local.port.map(String.init)
        }
        values["client_ip"] = context?.channel.remoteAddress?.ipAddress
        for (key, value) in camera.config.identity { values[key] = value }
        return values
    }

    /// Returns false when the request was answered (401/403).
    private func authorize(
        _ request: RTSPRequest,
        method: String,
        credentials: Credentials,
        camera: Camera,
        values: inout TemplateValues
    ) -> Bool {
        let persona = camera.persona
        let realm = persona.auth.realm.render(values) ?? ""
        values["realm"] = realm
        if camera.isLockedOut() {
            send(status: 403, key: "error", values: values, camera: camera)
            return false
        }
        var outcome = AuthorizationCheck.check(
            header: request.header("Authorization"),
            method: method,
            credentials: credentials,
            realm: realm,
            digest: persona.auth.digest,
            basic: persona.auth.basic
        )
        // Only nonces this camera issued, and only while fresh (RFC 2617 §3.2.1).
        var stale = false
        if let used = AuthorizationCheck.digestNonce(in: request.header("Authorization")) {
            switch camera.nonces.state(of: used) {
            case .fresh: break
            case .stale:
                stale = outcome == .accepted
                outcome = .rejected
            case .unknown: outcome = .rejected
            }
        }
        if outcome == .accepted, camera.config.faults.unauthorized_forever != true {
            camera.recordSuccessfulLogin()
            return true
        }
        if outcome == .rejected, !stale {
            listener.log.record(
                camera: camera.config.label,
                channel: .rtsp,
                user: AuthorizationCheck.user(in: request.header("Authorization"))
            )
        }
        if outcome == .rejected, !stale, camera.recordFailedLogin() {
            send(status: 403, key: "error", values: values, camera: camera)
            return false
        }
        var nonce = self.nonce ?? Self.makeNonce(persona.nonceStyle)
        if camera.nonces.state(of: nonce) == .stale { nonce = Self.makeNonce(persona.nonceStyle) }
        self.nonce = nonce
        if persona.auth.digest { camera.nonces.issue(nonce) }
        if persona.auth.digest {
            values["nonce"] = nonce
            values["digest_realm"] = realm
        }
        if persona.auth.basic { values["basic_realm"] = realm }
        send(status: 401, key: "unauthorized", values: values, camera: camera, stale: stale)
        return false
    }

    static func makeNonce(_ style: Persona.NonceStyle) -> String {
        var generator = SystemRandomNumberGenerator()
        switch style {
        case .hex32, .HEX32:
            let text = (0..<16).map { _ in hex2(UInt8.random(in: 0...255, using: &generator)) }.joined()
            return style == .HEX32 ? text.uppercased() : text
        case .decimal:
            return String(UInt64.random(in: 1_000_000_000...9_999_999_999, using: &generator))
        }
    }

    private func describe(_ request: RTSPRequest, camera: Camera, values: TemplateValues) {
        var values = values
        if let status = camera.config.faults.describe_status {
            send(status: status, key: "error", values: values, camera: camera)
            return
        }
        values["content_base"] = camera.persona.contentBase.render(values)
        var sdp = SDPRenderer.render(camera: camera, values: values)
        if camera.config.faults.truncated_sdp == true {
            let cut = sdp.utf8.count * 3 / 5
            sdp = String(decoding: Array(sdp.utf8.prefix(cut)), as: UTF8.self)
        }
        let body = Array(sdp.utf8)
        values["content_length"] = String(body.count)
        send(status: 200, key: "DESCRIBE", values: values, camera: camera, body: body)
    }

    private func setup(_ request: RTSPRequest, uri: RequestURI, camera: Camera, values: TemplateValues) {
        var values = values
        if let status = camera.config.faults.setup_status {
            send(status: status, key: "error", values: values, camera: camera)
            return
        }
        if session != nil, !sessionMatches(request) {
            send(status: 454, key: "error", values: values, camera: camera)
            return
        }
        let transport = ClientTransport(request.header("Transport") ?? "RTP/AVP/TCP;unicast;interleaved=0-1")
        let session = self.session ?? StreamSession(camera: camera, handler: self)
        self.session = session
        let trackIndex = session.trackIndex(forURI: request.uri)
        values["session"] = session.id
        values["client_proto"] = transport.profile
        if transport.isTCP {
            let channels = transport.interleaved ?? session.nextInterleavedPair()
            session.setupTCP(track: trackIndex, channels: channels, url: request.uri)
            values["interleaved"] = "\(channels.0)-\(channels.1)"
            finishSetup(session: session, track: trackIndex, camera: camera, values: values, tcp: true)
            return
        }
        guard let clientPorts = transport.clientPorts, let context,
            let remote = context.channel.remoteAddress?.ipAddress
        else {
            send(status: 461, key: "error", values: values, camera: camera)
            return
        }
        busy = true
        let local = context.channel.localAddress?.ipAddress ?? "127.0.0.1"
        UDPPair.open(on: context.eventLoop, host: local).assumeIsolated().whenComplete { result in
            self.busy = false
            switch result {
            case .success(let pair):
                do {
                    let rtp = try SocketAddress(ipAddress: remote, port: clientPorts.0)
                    let rtcp = try SocketAddress(ipAddress: remote, port: clientPorts.1)
                    session.setupUDP(track: trackIndex, pair: pair, rtp: rtp, rtcp: rtcp, url: request.uri)
                    values["client_ports"] = "\(clientPorts.0)-\(clientPorts.1)"
                    values["server_ports"] = "\(pair.rtpPort)-\(pair.rtcpPort)"
                    self.finishSetup(session: session, track: trackIndex, camera: camera, values: values, tcp: false)
                } catch {
                    pair.close()
                    self.send(status: 461, key: "error", values: values, camera: camera)
                }
            case .failure:
                self.send(status: 453, key: "error", values: values, camera: camera)
            }
            self.processQueue()
        }
    }

    private func finishSetup(session: StreamSession, track: Int, camera: Camera, values: TemplateValues, tcp: Bool) {
        var values = values
        let ssrc = session.ssrc(track: track)
        values.addSSRC(ssrc)
        let template = tcp ? camera.persona.transportTCP : camera.persona.transportUDP
        values["transport"] = template.render(values)
        send(status: 200, key: "SETUP", values: values, camera: camera)
    }

    private func play(_ request: RTSPRequest, camera: Camera, values: TemplateValues) {
        var values = values
        guard let session, sessionMatches(request), session.hasTracks else {
            send(status: 454, key: "error", values: values, camera: camera)
            return
        }
        values["session"] = session.id
        session.prepareToPlay()
        values["rtp_info"] = session.rtpInfo(values: values)
        send(status: 200, key: "PLAY", values: values, camera: camera)
        session.play()
        if let after = camera.config.faults.close_mid_stream_after, let context {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(after * 1000))) {
                self.context?.close(promise: nil)
            }
        }
    }

    // MARK: Output

    func send(
        status: Int,
        key: String,
        values: TemplateValues,
        camera: Camera,
        body: [UInt8] = [],
        stale: Bool = false
    ) {
        let persona = camera.persona
        var values = values
        values["date"] = RTSPDate.format(camera.now(), style: persona.dateFormat)
        var text = "RTSP/1.0 \(status) \(persona.reason(for: status))\r\n"
        let lines = persona.responses[key] ?? persona.responses["default"] ?? []
        for line in lines {
            if let rendered = line.render(values) {
                text += (stale ? AuthorizationCheck.markingStale(rendered) : rendered) + "\r\n"
            }
        }
        if camera.config.faults.huge_header == true {
            text += "X-Padding: " + String(repeating: "A", count: 1 << 20) + "\r\n"
        }
        text += "\r\n"
        write(Array(text.utf8) + body, camera: camera)
    }

    private func write(_ bytes: [UInt8], camera: Camera) {
        guard let context, !closed else { return }
        if camera.config.faults.drip == true {
            dripQueue.append(contentsOf: bytes)
            startDrip()
            return
        }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    private func startDrip() {
        guard !dripping, let context else { return }
        dripping = true
        func step() {
            guard !closed, let context = self.context, !dripQueue.isEmpty else {
                dripping = false
                return
            }
            let byte = dripQueue.removeFirst()
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: [byte])), promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { step() }
        }
        _ = context
        step()
    }

    /// Writes interleaved RTP/RTCP (`$`, channel, length, packet; RFC 2326 §10.12).
    func writeInterleaved(_ packets: [[UInt8]], channel: UInt8) {
        guard let context, !closed else { return }
        var buffer = context.channel.allocator.buffer(capacity: packets.reduce(0) { $0 + $1.count + 4 })
        for packet in packets {
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeInteger(channel)
            buffer.writeInteger(UInt16(truncatingIfNeeded: packet.count))
            buffer.writeBytes(packet)
        }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    var isWritable: Bool { context?.channel.isWritable ?? false }

    var eventLoop: (any EventLoop)? { context?.eventLoop }

    func closeConnection() {
        context?.close(promise: nil)
    }
}

func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
}

extension TemplateValues {
    mutating func addSSRC(_ ssrc: UInt32) {
        let hex = String(ssrc, radix: 16)
        self["ssrc_hex"] = hex
        self["ssrc_hex08"] = String(repeating: "0", count: max(0, 8 - hex.count)) + hex
        self["ssrc_HEX08"] = (String(repeating: "0", count: max(0, 8 - hex.count)) + hex).uppercased()
        self["ssrc_dec"] = String(ssrc)
    }
}
