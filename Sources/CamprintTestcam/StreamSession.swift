import CamprintCodecs
import Foundation
import NIOCore

/// An RTSP session (RFC 2326 §3): the tracks set up on one connection and the RTP sender that
/// runs between PLAY and PAUSE/TEARDOWN. Event-loop confined, like its handler.
final class StreamSession {
    enum Output {
        case tcp(rtp: UInt8, rtcp: UInt8)
        case udp(pair: UDPPair, rtp: SocketAddress, rtcp: SocketAddress)
    }

    struct Track {
        var output: Output
        var url: String
        var ssrc: UInt32
        var sequenceNumber: UInt16
        var timestamp: UInt32
    }

    let camera: Camera
    let id: String
    private unowned let handler: RTSPConnectionHandler
    /// Index 0 is the video track, 1… the persona's extra tracks.
    private var tracks: [Int: Track] = [:]
    private var setupOrder: [Int] = []
    private var packetizer: RTPPacketizer?
    /// Frames of media time since the media's first frame, counting loops (decode order): the
    /// next frame sent is `accessUnits[mediaFrame % count]`.
    private var mediaFrame = 0
    /// `mediaFrame` at the first PLAY: RTP time 0 of this session (``startTimestamp``).
    private var baseFrame: Int?
    private var framesSent = 0
    private var playing = false
    private var waitingForWritable = false
    private var playStart = NIODeadline.now()
    /// Wall-clock time of frame 0 (media time 0), for RTCP sender reports that agree with the
    /// RTP timestamps however late a send is.
    private var playStartWall = Date()
    private var startTimestamp: UInt32 = 0
    private var pending: Scheduled<Void>?
    private var stopped = false
    /// Audio frames sent per extra track index.
    private var audioFramesSent: [Int: Int] = [:]

    init(camera: Camera, handler: RTSPConnectionHandler) {
        self.camera = camera
        self.handler = handler
        id = Self.makeSessionID(camera.persona.sessionIdStyle)
    }

    static func makeSessionID(_ style: Persona.SessionIdStyle) -> String {
        var generator = SystemRandomNumberGenerator()
        switch style {
        case .decimal9: return String(UInt32.random(in: 100_000_000...999_999_999, using: &generator))
        case .decimal12: return String(UInt64.random(in: 100_000_000_000...999_999_999_999, using: &generator))
        case .hex8: return String(format: "%08X", UInt32.random(in: 0...UInt32.max, using: &generator))
        case .HEX8: return String(format: "%08X", UInt32.random(in: 0...UInt32.max, using: &generator))
        case .alnum16:
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
    }

    var hasTracks: Bool { !tracks.isEmpty }

    func trackIndex(forURI uri: String) -> Int {
        let persona = camera.persona
        // Extra tracks first: a video token may be a prefix of another track's URL.
        for (index, track) in persona.extraTracks.enumerated() where uri.contains(track.token) {
            return index + 1
        }
        return 0
    }

    func nextInterleavedPair() -> (UInt8, UInt8) {
        var used: Set<UInt8> = []
        for track in tracks.values {
            if case .tcp(let rtp, let rtcp) = track.output {
                used.insert(rtp)
                used.insert(rtcp)
            }
        }
        var channel: UInt8 = 0
        while used.contains(channel), channel < 250 { channel += 2 }
        return (channel, channel + 1)
    }

    private func newTrack(_ output: Output, url: String) -> Track {
        var generator = SystemRandomNumberGenerator()
        return Track(
            output: output,
            url: url,
            ssrc: UInt32.random(in: 1...UInt32.max, using: &generator),
            sequenceNumber: UInt16.random(in: 0...UInt16.max, using: &generator),
            timestamp: UInt32.random(in: 0...UInt32.max, using: &generator)
        )
    }

    private func install(_ track: Track, at index: Int) {
        if let old = tracks[index], case .udp(let pair, _, _) = old.output { pair.close() }
        tracks[index] = track
        if !setupOrder.contains(index) { setupOrder.append(index) }
    }

    func setupTCP(track index: Int, channels: (UInt8, UInt8), url: String) {
        install(newTrack(.tcp(rtp: channels.0, rtcp: channels.1), url: url), at: index)
    }

    func setupUDP(track index: Int, pair: UDPPair, rtp: SocketAddress, rtcp: SocketAddress, url: String) {
        install(newTrack(.udp(pair: pair, rtp: rtp, rtcp: rtcp), url: url), at: index)
    }

    func ssrc(track index: Int) -> UInt32 { tracks[index]?.ssrc ?? 0 }

    /// Fixes the first sequence number and timestamp so that RTP-Info is exact.
    func prepareToPlay() {
        guard packetizer == nil, let video = tracks[0] else { return }
        packetizer = RTPPacketizer(
            codec: camera.config.media.codec,
            payloadType: camera.persona.videoPayloadType,
            ssrc: video.ssrc,
            sequenceNumber: video.sequenceNumber
        )
        startTimestamp = video.timestamp
        if camera.config.live { mediaFrame = liveMediaFrame() }
        baseFrame = mediaFrame
    }

    /// The RTP-Info value (RFC 2326 §12.33) for the tracks set up, in SETUP order.
    func rtpInfo(values: TemplateValues) -> String? {
        let persona = camera.persona
        var entries: [String] = []
        for index in setupOrder {
            guard let track = tracks[index] else { continue }
            var values = values
            values["setup_url"] = track.url
            values["control_token"] = index == 0 ? persona.videoToken : persona.extraTracks[index - 1].token
            if index == 0, let packetizer {
                values["seq"] = String(packetizer.sequenceNumber)
                values["rtptime"] = String(currentTimestamp)
            } else {
                values["seq"] = String(track.sequenceNumber)
                values["rtptime"] = String(track.timestamp)
            }
            values.addSSRC(track.ssrc)
            if let entry = persona.rtpInfoEntry.render(values) { entries.append(entry) }
        }
        return entries.isEmpty ? nil : entries.joined(separator: persona.rtpInfoSeparator)
    }

    private var frameDuration90k: Double { 90_000 / camera.frameRate }

    /// The RTP timestamp of the next frame to send.
    private var currentTimestamp: UInt32 { timestamp(ofMediaFrame: mediaFrame) }

    /// RTP timestamps follow presentation order (RFC 6184 §5.1: the sampling time of the picture),
    /// while frames go out in decode order: a B-frame's timestamp is below the P-frame's before it.
    private func timestamp(ofMediaFrame frame: Int) -> UInt32 {
        let units = camera.config.media.accessUnits
        let count = units.count
        let loop = frame / count
        let presented = loop * count + units[frame % count].presentationIndex
        let offset = Double(presented - (baseFrame ?? frame)) * frameDuration90k
        return startTimestamp &+ UInt32(truncatingIfNeeded: Int64(offset.rounded()))
    }

    /// The media frame a live camera shows now: its stream has run since the camera started.
    private func liveMediaFrame() -> Int {
        let elapsed = Double(Date().timeIntervalSince1970 * 1_000_000 - Double(camera.startMicroseconds)) / 1_000_000
        return max(0, Int((elapsed * camera.frameRate).rounded(.down)))
    }

    func play() {
        guard !playing, packetizer != nil else { return }
        playing = true
        // A live camera resumed after PAUSE shows what it shows now, as a real one does.
        if camera.config.live, framesSent > 0 { mediaFrame = liveMediaFrame() }
        playStart = .now() - .nanoseconds(Int64(Double(framesSent) / camera.frameRate * 1e9))
        playStartWall = Date().addingTimeInterval(-Double(framesSent) / camera.frameRate)
        tick()
    }

    func pause() {
        playing = false
        pending?.cancel()
        pending = nil
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        pause()
        for track in tracks.values {
            if case .udp(let pair, _, _) = track.output { pair.close() }
        }
        tracks = [:]
    }

    func resumeIfWaiting() {
        guard waitingForWritable, playing else { return }
        waitingForWritable = false
        tick()
    }

    private func tick() {
        guard playing, !stopped, let loop = handler.eventLoop else { return }
        guard let video = tracks[0] else { return }
        if case .tcp = video.output, !handler.isWritable {
            if camera.config.fast {
                waitingForWritable = true
                return
            }
        } else {
            sendFrame(video)
        }
        framesSent += 1
        let next: TimeAmount
        if camera.config.fast {
            if case .udp = video.output { next = .microseconds(500) } else { next = .zero }
        } else {
            let due = playStart + .nanoseconds(Int64(Double(framesSent) / camera.frameRate * 1e9))
            next = due - .now()
        }
        pending = loop.assumeIsolated().scheduleTask(in: max(next, .zero)) { self.tick() }
    }

    private func sendFrame(_ video: Track) {
        let media = camera.config.media
        let faults = camera.config.faults
        let unit = media.accessUnits[mediaFrame % media.accessUnits.count]
        let timestamp = currentTimestamp
        mediaFrame += 1
        let elapsed = Double(framesSent) / camera.frameRate
        if unit.isKeyframe, let hold = faults.no_keyframe_seconds, elapsed < hold {
            sendSilence(upTo: elapsed)
            return
        }
        var nalUnits = unit.nalUnits
        if faults.no_parameter_sets == true { nalUnits.removeAll { media.isParameterSet($0) } }
        if unit.isKeyframe, let seis = camera.persona.seiBeforeKeyframe[media.codec.rawValue], !seis.isEmpty,
            let firstSlice = nalUnits.firstIndex(where: { media.isKeyframeSlice($0) })
        {
            nalUnits.insert(contentsOf: seis, at: firstSlice)
        }
        sendSilence(upTo: elapsed)
        guard var packetizer else { return }
        let packets = packetizer.packets(for: nalUnits, timestamp: timestamp)
        self.packetizer = packetizer
        send(packets, output: video.output, rtcp: false)
        let perSecond = max(1, Int(camera.frameRate.rounded()))
        if framesSent % perSecond == 0 {
            let now = playStartWall.timeIntervalSince1970 + elapsed + 2_208_988_800
            let seconds = now.rounded(.down)
            let report = RTCPSenderReport.packet(
                ssrc: packetizer.ssrc,
                ntpSeconds: UInt32(truncatingIfNeeded: Int64(seconds)),
                ntpFraction: UInt32(truncatingIfNeeded: Int64((now - seconds) * 4_294_967_296)),
                rtpTimestamp: timestamp,
                packetCount: packetizer.packetCount,
                octetCount: packetizer.octetCount,
                cname: camera.persona.rtcpCNAME
            )
            send([report], output: video.output, rtcp: true)
        }
    }

    /// Sends the silent audio frames due by `elapsed` seconds of stream time on set-up audio tracks.
    private func sendSilence(upTo elapsed: Double) {
        let persona = camera.persona
        for (offset, extra) in persona.extraTracks.enumerated() {
            guard let silence = extra.silence, var track = tracks[offset + 1],
                let frame = HexText.decode(silence.frame_hex)
            else { continue }
            let frameSeconds = Double(silence.samples_per_frame) / Double(silence.clock_rate)
            var sent = audioFramesSent[offset + 1] ?? 0
            var packets: [[UInt8]] = []
            while Double(sent) * frameSeconds <= elapsed, packets.count < 100 {
                var packet: [UInt8] = [0x80, 0x80 | UInt8(silence.payload_type & 0x7f)]
                packet.append(UInt8(track.sequenceNumber >> 8))
                packet.append(UInt8(track.sequenceNumber & 0xff))
                packet.appendBigEndian(track.timestamp &+ UInt32(truncatingIfNeeded: sent * silence.samples_per_frame))
                packet.appendBigEndian(track.ssrc)
                if silence.format == "aac-hbr" {
                    let size = frame.count
                    packet.append(contentsOf: [0x00, 0x10, UInt8((size >> 5) & 0xff), UInt8((size & 0x1f) << 3)])
                }
                packet.append(contentsOf: frame)
                packets.append(packet)
                track.sequenceNumber &+= 1
                sent += 1
            }
            audioFramesSent[offset + 1] = sent
            tracks[offset + 1] = track
            if !packets.isEmpty { send(packets, output: track.output, rtcp: false) }
        }
    }

    private func send(_ packets: [[UInt8]], output: Output, rtcp: Bool) {
        switch output {
        case .tcp(let rtpChannel, let rtcpChannel):
            handler.writeInterleaved(packets, channel: rtcp ? rtcpChannel : rtpChannel)
        case .udp(let pair, let rtpAddress, let rtcpAddress):
            pair.send(packets, on: rtcp ? pair.rtcp : pair.rtp, to: rtcp ? rtcpAddress : rtpAddress)
        }
    }
}
