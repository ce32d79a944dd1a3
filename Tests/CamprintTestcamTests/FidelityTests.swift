import CamprintDigest
import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import CamprintWire
import Foundation
import Testing

/// Sends the requests of real captures to the emulator and compares its responses with the
/// captured ones: status line, header names in order with their exact spelling, every header line
/// byte for byte (whitespace included) after replacing only dynamic values — dates, nonces, session
/// ids, SSRCs, ports, RTP seq/rtptime, Content-Length, IPv4 addresses other than 0.0.0.0, µs origin
/// ids, base64 parameter sets, media-derived profile-level-id and frame rate — and SDP lines
/// (all of them for the C2875 transcript, the session-level lines and the video section's line
/// kinds in order for the other captures, whose extra audio/metadata tracks the persona does not
/// announce).
@Suite("Fidelity against real captures")
struct FidelityTests {
    enum SDPCheck { case none, full, sessionAndVideoKinds }

    static func normalize(_ line: String, firstRTPInfoOnly: Bool) -> String {
        var text = line
        let rules: [(String, String)] = [
            (#"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT"#, "<date>"),
            (#"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"#, "<date>"),
            (#"nonce="[^"]*""#, #"nonce="<nonce>""#),
            (#"^(Session:\s*)[0-9A-Za-z]+"#, "$1<session>"),
            (#"ssrc=[ 0-9A-Fa-f]+"#, "ssrc=<ssrc>"),
            (#"(client|server)_port=\d+-\d+"#, "$1_port=<ports>"),
            (#"seq=\d+"#, "seq=<n>"),
            (#"rtptime=\d+"#, "rtptime=<n>"),
            (#"^Content-Length: \d+"#, "Content-Length: <n>"),
            (#"\b(?!0\.0\.0\.0)\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b"#, "<ip>"),
            (#"^o=(\S+) \d{9,} \d{9,}"#, "o=$1 <t> <t>"),
            (#"^o=(\S+) \d{9,}"#, "o=$1 <t>"),
            (#"sprop-(parameter-sets|vps|sps|pps)=[^;\s]+"#, "sprop-$1=<b64>"),
            (#"profile-level-id=(?!420029|4D0014)[0-9A-Fa-f]{6}"#, "profile-level-id=<plid>"),
            (#"a=framerate:[0-9.]+"#, "a=framerate:<fps>"),
        ]
        for (pattern, template) in rules {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            text = regex.stringByReplacingMatches(
                in: text,
                range: NSRange(text.startIndex..., in: text),
                withTemplate: template
            )
        }
        if firstRTPInfoOnly, text.hasPrefix("RTP-Info:"), let comma = text.range(of: ",url=") {
            text = String(text[..<comma.lowerBound])
        }
        return text
    }

    static func sdpLines(_ body: [UInt8]) -> [String] {
        String(decoding: body, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// Kind of an SDP line: `a=name` for attributes, `x=` otherwise.
    static func kind(_ line: String) -> String {
        if line.hasPrefix("a=") {
            let name = line.dropFirst(2).prefix { $0 != ":" }
            return "a=" + name
        }
        return String(line.prefix(2))
    }

    static func compare(
        _ ours: RTSPResponse,
        _ captured: RTSPResponse,
        label: String,
        sdp: SDPCheck,
        firstRTPInfoOnly: Bool = false
    ) {
        #expect(ours.statusLine == captured.statusLine, "\(label): status line")
        #expect(
            ours.headers.map(\.name) == captured.headers.map(\.name),
            "\(label): header names/order/spelling"
        )
        let mine = ours.headerLines.map { normalize($0, firstRTPInfoOnly: firstRTPInfoOnly) }
        let theirs = captured.headerLines.map { normalize($0, firstRTPInfoOnly: firstRTPInfoOnly) }
        for (index, pair) in zip(mine, theirs).enumerated() where pair.0 != pair.1 {
            Issue.record("\(label): header line \(index + 1) differs:\n ours: \(pair.0)\n real: \(pair.1)")
        }
        let ourSDP = sdpLines(ours.body.bytes).map { normalize($0, firstRTPInfoOnly: false) }
        let realSDP = sdpLines(captured.body.bytes).map { normalize($0, firstRTPInfoOnly: false) }
        switch sdp {
        case .none: break
        case .full:
            #expect(ourSDP.count == realSDP.count, "\(label): SDP line count")
            for (index, pair) in zip(ourSDP, realSDP).enumerated() where pair.0 != pair.1 {
                Issue.record("\(label): SDP line \(index + 1) differs:\n ours: \(pair.0)\n real: \(pair.1)")
            }
        case .sessionAndVideoKinds:
            let ourSession = Array(ourSDP.prefix { !$0.hasPrefix("m=") })
            let realSession = Array(realSDP.prefix { !$0.hasPrefix("m=") })
            #expect(ourSession == realSession, "\(label): SDP session-level lines")
            func videoKinds(_ lines: [String]) -> [String] {
                guard let start = lines.firstIndex(where: { $0.hasPrefix("m=video") }) else { return [] }
                let rest = lines[(start + 1)...].prefix { !$0.hasPrefix("m=") }
                return rest.map(kind)
            }
            #expect(videoKinds(ourSDP) == videoKinds(realSDP), "\(label): SDP video section line kinds")
        }
    }

    static func captured(_ path: String) throws -> RTSPResponse {
        var decoder = RTSPFrameDecoder()
        let frames = try decoder.decode(Corpus.bytes(path)) + decoder.finish()
        for frame in frames {
            if case .response(let response) = frame { return response }
        }
        throw ClientError("no response in \(path)")
    }

    // MARK: Hikvision C2875 transcript (requests and responses)

    @Test(
        "hikvision-ipc answers the C2875 transcript's requests like the camera",
        .enabled(if: Corpus.isAvailable, Corpus.skipReason)
    )
    func hikvisionC2875() async throws {
        let path = "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"
        var decoder = RTSPFrameDecoder()
        let frames = try decoder.decode(Corpus.bytes(path)) + decoder.finish()
        var exchanges: [(RTSPRequest, RTSPResponse)] = []
        var pending: RTSPRequest?
        for frame in frames {
            switch frame {
            case .request(let request): pending = request
            case .response(let response):
                if let request = pending { exchanges.append((request, response)) }
                pending = nil
            case .interleaved: break
            }
        }
        #expect(exchanges.count == 7, "\(path): expected 7 request/response pairs")
        let pairs = exchanges
        let camera = try Harness.camera(
            "hikvision-ipc",
            media: Harness.h264_1080p,
            credentials: Credentials(user: "admin", password: "fidelity")
        )
        try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                var nonce = ""
                var realm = ""
                var session = ""
                for (index, exchange) in pairs.enumerated() {
                    var request = exchange.0
                    for (position, header) in request.headers.fields.enumerated() {
                        if header.hasName("Authorization") {
                            let params = DigestParameters.parse(header.value)
                            let uri = params["uri"] ?? request.uri
                            request.headers.fields[position] = RTSPHeader(
                                "Authorization",
                                HTTPTestAuth.rfc2069(
                                    user: "admin",
                                    password: "fidelity",
                                    realm: realm,
                                    nonce: nonce,
                                    method: request.method,
                                    uri: uri
                                )
                            )
                        }
                        if header.hasName("Session") {
                            request.headers.fields[position] = RTSPHeader("Session", session)
                        }
                    }
                    client.send(String(decoding: request.serialize(), as: UTF8.self))
                    let ours = try client.response()
                    if let challenge = ours.headers.value("WWW-Authenticate") {
                        let params = DigestParameters.parse(challenge)
                        nonce = params["nonce"] ?? ""
                        realm = params["realm"] ?? ""
                    }
                    if let value = ours.headers.value("Session") {
                        session = String(value.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces)
                    }
                    Self.compare(
                        ours,
                        exchange.1,
                        label: "\(path) exchange \(index + 1) (\(exchange.0.method))",
                        sdp: exchange.0.method == "DESCRIBE" ? .full : .none
                    )
                }
            }
        }
    }

    // MARK: Response-only captures (retina, Axis): the requests are rebuilt from the URLs they show

    struct Step: Sendable {
        var method: String
        var url: String
        var cseq: Int
        var headers: [(String, String)] = []
        var capture: String?
        var sdp: SDPCheck = .none
        var firstRTPInfoOnly = false
        var withSession = false
    }

    func run(persona: String, steps: [Step]) async throws {
        let camera = try Harness.camera(persona, media: Harness.h264_1080p)
        let captures = try steps.map { step in try step.capture.map { try Self.captured($0) } }
        try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                let client = try SocketClient(port: port)
                var session = ""
                for (step, captured) in zip(steps, captures) {
                    var headers = step.headers
                    if step.withSession { headers.append(("Session", session)) }
                    let ours = try client.request(step.method, step.url, cseq: step.cseq, headers: headers)
                    if let value = ours.headers.value("Session") {
                        session = String(value.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces)
                    }
                    if let captured, let name = step.capture {
                        Self.compare(
                            ours,
                            captured,
                            label: "\(persona) vs \(name)",
                            sdp: step.sdp,
                            firstRTPInfoOnly: step.firstRTPInfoOnly
                        )
                    }
                }
            }
        }
    }

    @Test(
        "hikvision-ipc matches the retina Hikvision DESCRIBE/SETUP/PLAY headers",
        .enabled(if: Corpus.isAvailable, Corpus.skipReason)
    )
    func hikvisionRetina() async throws {
        let base = "rtsp://192.168.5.106:554/Streaming/Channels/101"
        let query = "?transportmode=unicast&profile=Profile_1"
        try await run(
            persona: "hikvision-ipc",
            steps: [
                Step(
                    method: "DESCRIBE",
                    url: base + query,
                    cseq: 1,
                    capture: "rtsp_text/retina/hikvision_describe.txt"
                ),
                Step(
                    method: "SETUP",
                    url: base + "/trackID=1" + query,
                    cseq: 2,
                    headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")],
                    capture: "rtsp_text/retina/hikvision_setup.txt"
                ),
                Step(
                    method: "PLAY",
                    url: base + "/" + query,
                    cseq: 3,
                    capture: "rtsp_text/retina/hikvision_play.txt",
                    withSession: true
                ),
            ]
        )
    }

    @Test(
        "dahua-ipc matches the retina Dahua DESCRIBE/SETUP/OPTIONS/PLAY",
        .enabled(if: Corpus.isAvailable, Corpus.skipReason)
    )
    func dahua() async throws {
        let base = "rtsp://192.168.5.111:554/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif"
        try await run(
            persona: "dahua-ipc",
            steps: [
                Step(
                    method: "DESCRIBE",
                    url: base,
                    cseq: 3,
                    capture: "rtsp_text/retina/dahua_describe_h264_aac_onvif.txt",
                    sdp: .sessionAndVideoKinds
                ),
                Step(
                    method: "SETUP",
                    url: base + "/trackID=0",
                    cseq: 4,
                    headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")],
                    capture: "rtsp_text/retina/dahua_setup.txt"
                ),
                Step(
                    method: "OPTIONS",
                    url: base,
                    cseq: 5,
                    capture: "rtsp_text/retina/dahua_options.txt",
                    withSession: true
                ),
                Step(
                    method: "PLAY",
                    url: base + "/",
                    cseq: 7,
                    capture: "rtsp_text/retina/dahua_play.txt",
                    firstRTPInfoOnly: true,
                    withSession: true
                ),
            ]
        )
    }

    @Test("axis matches the Axis DESCRIBE and PLAY", .enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func axis() async throws {
        let url = "rtsp://192.168.0.3/axis-media/media.amp?resolution=176x144&fps=1"
        try await run(
            persona: "axis",
            steps: [
                Step(
                    method: "DESCRIBE",
                    url: url,
                    cseq: 3,
                    capture: "rtsp_text/axis/axis_describe_response.txt",
                    sdp: .sessionAndVideoKinds
                ),
                Step(
                    method: "SETUP",
                    url: "rtsp://192.168.0.3/axis-media/media.amp/stream=0?resolution=176x144&fps=1",
                    cseq: 4,
                    headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")]
                ),
                Step(
                    method: "PLAY",
                    url: url,
                    cseq: 5,
                    capture: "rtsp_text/axis/axis_play_response.txt",
                    withSession: true
                ),
            ]
        )
    }

    @Test(
        "reolink matches the retina Reolink DESCRIBE/SETUP/PLAY/TEARDOWN",
        .enabled(if: Corpus.isAvailable, Corpus.skipReason)
    )
    func reolink() async throws {
        let url = "rtsp://192.168.5.206/h264Preview_01_main"
        try await run(
            persona: "reolink",
            steps: [
                Step(
                    method: "DESCRIBE",
                    url: url,
                    cseq: 3,
                    capture: "rtsp_text/retina/reolink_describe.txt",
                    sdp: .sessionAndVideoKinds
                ),
                Step(
                    method: "SETUP",
                    url: url + "/trackID=1",
                    cseq: 4,
                    headers: [("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")],
                    capture: "rtsp_text/retina/reolink_setup.txt"
                ),
                Step(
                    method: "PLAY",
                    url: url + "/",
                    cseq: 6,
                    capture: "rtsp_text/retina/reolink_play.txt",
                    firstRTPInfoOnly: true,
                    withSession: true
                ),
                Step(
                    method: "TEARDOWN",
                    url: url + "/",
                    cseq: 7,
                    capture: "rtsp_text/retina/reolink_teardown.txt",
                    withSession: true
                ),
            ]
        )
    }
}
