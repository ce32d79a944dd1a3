public import CamprintCapture
import CamprintRTSP
import CamprintWire
import Foundation

/// A real camera's RTSP session read from a capture: the request/response pairs in order, the
/// tracks it set up, and the RTP/RTCP packets the camera sent after PLAY, with capture times.
public struct RecordedSession: Sendable {
    /// One request and the camera's answer, plus the interleaved frames the camera sent between
    /// the request and its answer (Uniview sends an audio frame before `200 OK` to PLAY).
    struct Exchange: Sendable {
        var request: RTSPRequest
        var response: RTSPResponse
        var leadingMedia: [MediaPacket]
    }

    /// One RTP or RTCP packet of a track, `time` in ns after the PLAY response.
    struct MediaPacket: Sendable {
        var time: Int64
        var track: Int
        var isRTCP: Bool
        var bytes: [UInt8]
    }

    /// One SETUP of the recording: its URI and how the camera sent the track.
    struct Track: Sendable {
        var uri: String
        var interleaved: (UInt8, UInt8)?
        var clientPorts: (UInt16, UInt16)?
    }

    var exchanges: [Exchange]
    var tracks: [Track]
    var media: [MediaPacket]
    /// `host:port` of the camera in the recorded request URIs (rewritten to the client's).
    public var recordedAuthority: String
    /// Path of the first DESCRIBE (what the READY line advertises).
    public var path: String
    /// Capture-level irregularities (`tcp.*` quirks of the RTSP connections).
    public var captureQuirks: [String]

    public var exchangeCount: Int { exchanges.count }
    public var mediaPacketCount: Int { media.count + exchanges.reduce(0) { $0 + $1.leadingMedia.count } }
    public var trackCount: Int { tracks.count }

    /// Reads `bytes` (pcap or pcapng) and extracts the RTSP session(s) in it.
    public init(capture bytes: [UInt8], limits: CaptureLimits = .default) throws {
        let file = try CaptureFile(parsing: bytes, limits: limits)
        let packets = file.decodedPackets(limits: limits)
        var exchanges: [Exchange] = []
        var tracks: [Track] = []
        var media: [MediaPacket] = []
        var quirks: [String] = []
        var playTime: Int64?
        var server: Endpoint?
        for connection in TCPConnection.reassemble(packets, limits: limits) {
            var requestDecoder = RTSPFrameDecoder()
            var requests: [RTSPRequest] = []
            let clientFrames =
                (try? requestDecoder.decode(connection.clientToServer.bytes.bytes)) ?? []
            for case .request(let request) in clientFrames { requests.append(request) }
            guard !requests.isEmpty else { continue }
            server = server ?? connection.server
            quirks += (connection.clientToServer.quirks + connection.serverToClient.quirks).map(\.code)
            var responseDecoder = RTSPFrameDecoder()
            let stream = connection.serverToClient
            responseDecoder.append(stream.bytes.bytes)
            var pendingFrames: [(time: Int64, channel: UInt8, bytes: [UInt8])] = []
            var responseIndex = 0
            while let frame = try? responseDecoder.next() {
                let time = stream.time(at: responseDecoder.lastFrameOffset ?? 0)
                switch frame {
                case .response(let response):
                    let cseq = response.headers.value("CSeq")
                    let request =
                        requests.first { $0.headers.value("CSeq") == cseq && cseq != nil }
                        ?? (responseIndex < requests.count ? requests[responseIndex] : nil)
                    responseIndex += 1
                    guard let request else { continue }
                    let method = request.method.uppercased()
                    if method == "SETUP", response.statusCode == 200 {
                        tracks.append(Self.track(request: request, response: response))
                    }
                    var leading: [MediaPacket] = []
                    if method == "PLAY", response.statusCode == 200, playTime == nil {
                        playTime = time
                        leading = pendingFrames.compactMap { Self.packet($0.channel, $0.bytes, 0, tracks) }
                        pendingFrames = []
                    }
                    exchanges.append(Exchange(request: request, response: response, leadingMedia: leading))
                case .interleaved(let channel, let payload):
                    if let start = playTime {
                        if let packet = Self.packet(channel, payload.bytes, time - start, tracks) {
                            media.append(packet)
                        }
                    } else {
                        pendingFrames.append((time, channel, payload.bytes))
                    }
                case .request:
                    continue
                }
            }
        }
        guard let server, let playStart = playTime ?? exchanges.last.map({ _ in Int64(0) }) else {
            throw PersonaError("no RTSP session in the capture")
        }
        // UDP media: datagrams from the camera to the client ports a SETUP named.
        for packet in packets where packet.transport == .udp && packet.source.address == server.address {
            for (index, track) in tracks.enumerated() {
                guard let ports = track.clientPorts else { continue }
                let port = packet.destination.port
                guard port == ports.0 || port == ports.1 else { continue }
                media.append(
                    MediaPacket(
                        time: packet.timeNanoseconds - playStart,
                        track: index,
                        isRTCP: port == ports.1,
                        bytes: packet.payload.bytes
                    )
                )
            }
        }
        media.sort { $0.time < $1.time }
        self.exchanges = exchanges
        self.tracks = tracks
        self.media = media.filter { $0.time >= 0 }
        captureQuirks = Array(Set(quirks)).sorted()
        let describe = exchanges.first { $0.request.method.uppercased() == "DESCRIBE" } ?? exchanges[0]
        let parts = Self.splitURI(describe.request.uri)
        recordedAuthority = parts.authority
        path = parts.path.isEmpty ? "/" : parts.path
    }

    static func packet(_ channel: UInt8, _ bytes: [UInt8], _ time: Int64, _ tracks: [Track]) -> MediaPacket? {
        for (index, track) in tracks.enumerated() {
            guard let pair = track.interleaved else { continue }
            if channel == pair.0 || channel == pair.1 {
                return MediaPacket(time: time, track: index, isRTCP: channel == pair.1, bytes: bytes)
            }
        }
        return nil
    }

    static func track(request: RTSPRequest, response: RTSPResponse) -> Track {
        let transport = response.headers.value("Transport") ?? request.headers.value("Transport") ?? ""
        let parameters = TransportText(transport)
        return Track(
            uri: request.uri,
            interleaved: parameters.pair("interleaved").map {
                (UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $1))
            },
            clientPorts: parameters.pair("client_port").map {
                (UInt16(truncatingIfNeeded: $0), UInt16(truncatingIfNeeded: $1))
            }
        )
    }

    /// `rtsp://host:port/path?q` → (`host:port`, `/path?q`).
    static func splitURI(_ uri: String) -> (authority: String, path: String) {
        guard let scheme = uri.range(of: "://") else { return ("", uri) }
        let rest = uri[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (String(rest), "") }
        return (String(rest[..<slash]), String(rest[slash...]))
    }
}

/// The `;`-separated parameters of a Transport header (RFC 2326 §12.39).
struct TransportText {
    var parameters: [String]

    init(_ text: String) {
        parameters = text.split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func value(_ name: String) -> String? {
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name { return String(parts[1]) }
        }
        return nil
    }

    /// `name=a-b` (or `name=a`, meaning a and a+1).
    func pair(_ name: String) -> (Int, Int)? {
        guard let text = value(name) else { return nil }
        let numbers = text.split(separator: "-").compactMap { Int($0) }
        guard let first = numbers.first else { return nil }
        return (first, numbers.count > 1 ? numbers[1] : first + 1)
    }

    var isTCP: Bool { parameters.first?.uppercased().hasSuffix("/TCP") ?? false }
}
