import CamprintRTSP
import Foundation
import NIOCore
import NIOPosix

/// One client of a replayed camera. Answers every request with the recorded response to the same
/// method (CSeq, Session id, Transport addressing and the camera's `rtsp://host:port` rewritten),
/// then sends the recorded RTP/RTCP packets of the tracks the client set up, paced by their
/// capture times and looped. Authentication: a request without `Authorization` gets the recorded
/// 401 when the camera answered that method (or any DESCRIBE) with 401; any `Authorization` is
/// accepted. Runs on the channel's event loop only.
final class ReplayConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let recording: RecordedSession
    private var decoder = RTSPFrameDecoder()
    private var context: ChannelHandlerContext?
    private var closed = false
    private var busy = false
    private var queue: [RTSPRequest] = []
    private let sessionID: String
    /// Recorded track index → (client RTP/RTCP channel or port, UDP pair).
    private var setUp: [Int: (rtp: Int, rtcp: Int, tcp: Bool)] = [:]
    private var udp: UDPPair?
    private var remote: String?
    private var playing = false
    private var loopTimer: Scheduled<Void>?
    private var cursor = 0
    private var loop: Int64 = 0
    private var playStart = NIODeadline.now()
    private lazy var shifts = (0..<recording.tracks.count).map { recording.loopShift(track: $0) }

    init(recording: RecordedSession) {
        self.recording = recording
        sessionID = Self.makeSessionID(
            like: recording.exchanges.compactMap { $0.response.headers.value("Session") }.first
        )
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        loopTimer?.cancel()
        udp?.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        decoder.append(buffer.readBytes(length: buffer.readableBytes) ?? [])
        do {
            while let frame = try decoder.next() {
                if case .request(let request) = frame { queue.append(request) }
            }
        } catch {
            context.close(promise: nil)
            return
        }
        processQueue()
    }

    private func processQueue() {
        while !busy, !closed, !queue.isEmpty { handle(queue.removeFirst()) }
    }

    // MARK: Answers

    private func handle(_ request: RTSPRequest) {
        let method = request.method.uppercased()
        let authorized = request.headers.value("Authorization") != nil
        let sameMethod = recording.exchanges.filter { $0.request.method.uppercased() == method }
        var chosen: RecordedSession.Exchange?
        if !authorized {
            chosen =
                sameMethod.first { $0.response.statusCode == 401 }
                ?? (method == "DESCRIBE" ? recording.exchanges.first { $0.response.statusCode == 401 } : nil)
        }
        if chosen == nil {
            let successes = sameMethod.filter { $0.response.statusCode != 401 }
            if method == "SETUP" {
                chosen =
                    successes.indices.contains(trackIndex(for: request))
                    ? successes[trackIndex(for: request)] : successes.first
            } else {
                chosen = successes.first
            }
        }
        guard let chosen else {
            let status = ["OPTIONS", "GET_PARAMETER", "SET_PARAMETER", "TEARDOWN"].contains(method) ? 200 : 501
            var text = "RTSP/1.0 \(status) \(status == 200 ? "OK" : "Not Implemented")\r\n"
            text += "CSeq: \(request.headers.value("CSeq") ?? "0")\r\n"
            if request.headers.contains("Session") { text += "Session: \(sessionID)\r\n" }
            write(Array((text + "\r\n").utf8))
            if method == "TEARDOWN" { stopPlaying() }
            return
        }
        let response = rewritten(chosen.response, for: request)
        switch method {
        case "SETUP" where chosen.response.statusCode == 200:
            setup(request, response: response)
            return
        case "PLAY" where chosen.response.statusCode == 200:
            for packet in chosen.leadingMedia { send(packet, loop: 0) }
            write(response.serialize())
            startPlaying()
            return
        case "TEARDOWN":
            stopPlaying()
        default:
            break
        }
        write(response.serialize())
    }

    private func trackIndex(for request: RTSPRequest) -> Int {
        let suffix = RecordedSession.splitURI(request.uri).path
        if let index = recording.tracks.firstIndex(where: {
            let recorded = RecordedSession.splitURI($0.uri).path
            return !recorded.isEmpty && (recorded == suffix || recorded.hasSuffix(suffix) || suffix.hasSuffix(recorded))
        }) {
            return index
        }
        return min(setUp.count, max(0, recording.tracks.count - 1))
    }

    private func setup(_ request: RTSPRequest, response: RTSPResponse) {
        let track = trackIndex(for: request)
        let clientTransport = TransportText(request.headers.value("Transport") ?? "RTP/AVP/TCP;unicast;interleaved=0-1")
        var response = response
        if clientTransport.isTCP {
            let channels = clientTransport.pair("interleaved") ?? (2 * setUp.count, 2 * setUp.count + 1)
            setUp[track] = (channels.0, channels.1, true)
            response.replaceTransport(client: clientTransport, interleaved: channels, serverPorts: nil)
            write(response.serialize())
            return
        }
        guard let ports = clientTransport.pair("client_port"), let context,
            let remote = context.channel.remoteAddress?.ipAddress
        else {
            write(
                Array(
                    "RTSP/1.0 461 Unsupported Transport\r\nCSeq: \(request.headers.value("CSeq") ?? "0")\r\n\r\n".utf8
                )
            )
            return
        }
        self.remote = remote
        busy = true
        let local = context.channel.localAddress?.ipAddress ?? "127.0.0.1"
        let existing = udp.map { context.eventLoop.makeSucceededFuture($0) }
        (existing ?? UDPPair.open(on: context.eventLoop, host: local)).assumeIsolated().whenComplete { result in
            self.busy = false
            if case .success(let pair) = result {
                self.udp = pair
                self.setUp[track] = (ports.0, ports.1, false)
                response.replaceTransport(
                    client: clientTransport,
                    interleaved: nil,
                    serverPorts: (pair.rtpPort, pair.rtcpPort)
                )
                self.write(response.serialize())
            } else {
                self.write(
                    Array(
                        "RTSP/1.0 453 Not Enough Bandwidth\r\nCSeq: \(request.headers.value("CSeq") ?? "0")\r\n\r\n"
                            .utf8
                    )
                )
            }
            self.processQueue()
        }
    }

    /// CSeq from the request, Session id ours, the recorded camera URL prefix the client's.
    private func rewritten(_ recorded: RTSPResponse, for request: RTSPRequest) -> RTSPResponse {
        var response = recorded
        let clientAuthority = RecordedSession.splitURI(request.uri).authority
        var fields = response.headers.fields
        for index in fields.indices {
            let name = fields[index].name.lowercased()
            if name == "cseq" {
                fields[index].rawValue = " " + (request.headers.value("CSeq") ?? "0")
            } else if name == "session" {
                let raw = fields[index].rawValue
                let leading = String(raw.prefix { $0 == " " || $0 == "\t" })
                let value = raw.dropFirst(leading.count)
                let rest = value.firstIndex(of: ";").map { String(value[$0...]) } ?? ""
                fields[index].rawValue = leading + sessionID + rest
            } else if !recording.recordedAuthority.isEmpty, !clientAuthority.isEmpty {
                fields[index].rawValue = fields[index].rawValue.replacingOccurrences(
                    of: "rtsp://" + recording.recordedAuthority,
                    with: "rtsp://" + clientAuthority
                )
            }
        }
        response.headers = RTSPHeaders(fields)
        return response
    }

    static func makeSessionID(like recorded: String?) -> String {
        let id =
            recorded.map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces) } ?? ""
        let digitsOnly = !id.isEmpty && id.allSatisfy(\.isNumber)
        let length = min(max(id.count, 8), 32)
        let alphabet = Array(digitsOnly ? "0123456789" : "0123456789ABCDEF")
        var generator = SystemRandomNumberGenerator()
        var text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "1" })
        if digitsOnly, text.first == "0" { text = "1" + text.dropFirst() }
        return text
    }

    // MARK: Media

    private func startPlaying() {
        guard !playing else { return }
        playing = true
        playStart = .now()
        cursor = 0
        loop = 0
        tick()
    }

    private func stopPlaying() {
        playing = false
        loopTimer?.cancel()
    }

    private var span: Int64 {
        let last = recording.media.last?.time ?? 0
        return max(last + 40_000_000, 100_000_000)
    }

    private func tick() {
        guard playing, !closed, let context else { return }
        let media = recording.media
        guard !media.isEmpty else { return }
        let elapsed = NIODeadline.now().uptimeNanoseconds - playStart.uptimeNanoseconds
        var sent = 0
        while sent < 2_000 {
            if cursor >= media.count {
                cursor = 0
                loop += 1
            }
            let due = media[cursor].time + loop * span
            guard due <= Int64(elapsed) else {
                let wait = TimeAmount.nanoseconds(max(1_000_000, due - Int64(elapsed)))
                loopTimer = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { self.tick() }
                return
            }
            send(media[cursor], loop: loop)
            cursor += 1
            sent += 1
        }
        loopTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(1)) { self.tick() }
    }

    private func send(_ packet: RecordedSession.MediaPacket, loop: Int64) {
        guard let target = setUp[packet.track], let context else { return }
        let bytes = loop == 0 ? packet.bytes : recording.shifted(packet, loops: loop, shift: shifts[packet.track])
        if target.tcp {
            // A client that stops reading loses packets instead of growing our buffers.
            guard context.channel.isWritable else { return }
            var buffer = context.channel.allocator.buffer(capacity: bytes.count + 4)
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeInteger(UInt8(truncatingIfNeeded: packet.isRTCP ? target.rtcp : target.rtp))
            buffer.writeInteger(UInt16(truncatingIfNeeded: bytes.count))
            buffer.writeBytes(bytes)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        } else if let udp, let remote,
            let address = try? SocketAddress(ipAddress: remote, port: packet.isRTCP ? target.rtcp : target.rtp)
        {
            udp.send([bytes], on: packet.isRTCP ? udp.rtcp : udp.rtp, to: address)
        }
    }

    private func write(_ bytes: [UInt8]) {
        guard let context, !closed else { return }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }
}

extension RTSPResponse {
    /// Replaces the addressing of the Transport header (`interleaved`, `client_port`,
    /// `server_port`) in place, keeping the camera's other parameters and their order; when the
    /// client asked for the other lower transport, the profile is the client's.
    mutating func replaceTransport(client: TransportText, interleaved: (Int, Int)?, serverPorts: (Int, Int)?) {
        var fields = headers.fields
        guard let index = fields.firstIndex(where: { $0.name.lowercased() == "transport" }) else { return }
        let recorded = TransportText(fields[index].rawValue)
        var output: [String] = []
        let recordedTCP = recorded.isTCP
        // Addressing goes after `unicast` (else after the profile), where cameras put it.
        let anchor = recorded.parameters.firstIndex { $0.lowercased() == "unicast" } ?? 0
        for (position, parameter) in recorded.parameters.enumerated() {
            let name = parameter.split(separator: "=").first.map { $0.lowercased() } ?? ""
            if position == 0, recordedTCP != client.isTCP {
                output.append(client.parameters.first ?? parameter)
            } else if ["interleaved", "client_port", "server_port"].contains(name) {
                continue
            } else {
                output.append(parameter)
            }
            if position == anchor {
                if let interleaved, !output.contains(where: { $0.hasPrefix("interleaved=") }) {
                    output.append("interleaved=\(interleaved.0)-\(interleaved.1)")
                }
                if let serverPorts, let ports = client.pair("client_port"),
                    !output.contains(where: { $0.hasPrefix("client_port=") })
                {
                    output.append("client_port=\(ports.0)-\(ports.1)")
                    output.append("server_port=\(serverPorts.0)-\(serverPorts.1)")
                }
            }
        }
        let leading = String(fields[index].rawValue.prefix { $0 == " " })
        fields[index].rawValue = leading + output.joined(separator: ";")
        headers = RTSPHeaders(fields)
    }
}
