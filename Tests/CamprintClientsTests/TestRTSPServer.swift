import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A request as the test server saw it.
struct SeenRequest: Sendable {
    var method: String
    var uri: String
    var headers: [(name: String, value: String)]
    var text: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var cseq: String { header("CSeq") ?? "0" }
}

/// What the fault server does with each request.
enum ServerAction: Sendable {
    /// Send these bytes at once.
    case send([UInt8])
    /// Send these bytes one at a time, `interval` apart.
    case trickle([UInt8], interval: Duration)
    /// Send these bytes, then close the connection.
    case sendAndClose([UInt8])
    /// Do nothing.
    case ignore
}

/// A loopback TCP server whose answers the test decides, written with SwiftNIO. Records every
/// request it receives and every connection it accepts.
final class TestRTSPServer: Sendable {
    let channel: any Channel
    let port: Int
    private let seen = Mutex<[SeenRequest]>([])
    private let accepted = Mutex(0)

    var requests: [SeenRequest] { seen.withLock { $0 } }
    var connections: Int { accepted.withLock { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    static func start(
        host: String = "127.0.0.1",
        tls: NIOSSLContext? = nil,
        respond: @escaping @Sendable (SeenRequest) -> ServerAction
    ) async throws -> TestRTSPServer {
        let box = Mutex<TestRTSPServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let server = box.withLock { $0 }
                    server?.accepted.withLock { $0 += 1 }
                    // rtsps://: TLS in front of the same handler.
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(
                        FaultHandler(
                            record: { request in server?.seen.withLock { $0.append(request) } },
                            respond: respond
                        )
                    )
                }
            }
            .bind(host: host, port: 0)
            .get()
        let server = TestRTSPServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    var url: String { "rtsp://127.0.0.1:\(port)/stream" }
    var tlsURL: String { "rtsps://127.0.0.1:\(port)/stream" }
}

/// Splits requests on the blank line (the client sends no bodies) and acts on each.
final class FaultHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var buffer: [UInt8] = []
    private let record: @Sendable (SeenRequest) -> Void
    private let respond: @Sendable (SeenRequest) -> ServerAction

    init(record: @escaping @Sendable (SeenRequest) -> Void, respond: @escaping @Sendable (SeenRequest) -> ServerAction)
    {
        self.record = record
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer += Array(unwrapInboundIn(data).readableBytesView)
        while let end = Self.headEnd(buffer) {
            let text = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeFirst(end)
            let request = Self.parse(text)
            record(request)
            act(respond(request), channel: context.channel)
        }
    }

    private func act(_ action: ServerAction, channel: any Channel) {
        switch action {
        case .send(let bytes):
            channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
        case .sendAndClose(let bytes):
            channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { _ in channel.close(promise: nil) }
        case .trickle(let bytes, let interval):
            for (index, byte) in bytes.enumerated() {
                let delay = TimeAmount.nanoseconds(
                    Int64(index + 1)
                        * Int64(
                            interval.components.seconds * 1_000_000_000 + interval.components.attoseconds
                                / 1_000_000_000
                        )
                )
                channel.eventLoop.scheduleTask(in: delay) {
                    channel.writeAndFlush(ByteBuffer(bytes: [byte]), promise: nil)
                }
            }
        case .ignore:
            break
        }
    }

    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    static func parse(_ text: String) -> SeenRequest {
        let lines = text.components(separatedBy: "\r\n")
        let start = lines.first?.split(separator: " ") ?? []
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            )
        }
        return SeenRequest(
            method: start.first.map(String.init) ?? "",
            uri: start.count > 1 ? String(start[1]) : "",
            headers: headers,
            text: text
        )
    }
}

/// RTSP responses for the tests.
enum Responses {
    static func response(
        _ status: String,
        cseq: String,
        headers: [String] = [],
        body: String = ""
    ) -> [UInt8] {
        var lines = ["RTSP/1.0 \(status)", "CSeq: \(cseq)"] + headers
        if !body.isEmpty { lines.append("Content-Length: \(body.utf8.count)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    static let h264SDP = """
        v=0\r
        o=- 1 1 IN IP4 127.0.0.1\r
        s=Media Presentation\r
        t=0 0\r
        m=video 0 RTP/AVP 96\r
        a=rtpmap:96 H264/90000\r
        a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA==\r
        a=control:trackID=1\r

        """

    static let audioOnlySDP = """
        v=0\r
        o=- 1 1 IN IP4 127.0.0.1\r
        s=Audio\r
        t=0 0\r
        m=audio 0 RTP/AVP 0\r
        a=control:trackID=1\r

        """

    static let mjpegSDP = """
        v=0\r
        o=- 1 1 IN IP4 127.0.0.1\r
        s=MJPEG\r
        t=0 0\r
        m=video 0 RTP/AVP 26\r
        a=control:trackID=1\r

        """

    /// OPTIONS 200, DESCRIBE 200 with `sdp`.
    static func camera(sdp: String = h264SDP) -> @Sendable (SeenRequest) -> ServerAction {
        { request in
            switch request.method {
            case "OPTIONS":
                return .send(response("200 OK", cseq: request.cseq, headers: ["Public: OPTIONS, DESCRIBE, TEARDOWN"]))
            case "DESCRIBE":
                return .send(
                    response("200 OK", cseq: request.cseq, headers: ["Content-Type: application/sdp"], body: sdp)
                )
            default:
                return .send(response("200 OK", cseq: request.cseq))
            }
        }
    }

    /// OPTIONS 200, then `status` for DESCRIBE.
    static func describeStatus(_ status: String, headers: [String] = []) -> @Sendable (SeenRequest) -> ServerAction {
        { request in
            request.method == "OPTIONS"
                ? .send(response("200 OK", cseq: request.cseq))
                : .send(response(status, cseq: request.cseq, headers: headers))
        }
    }
}
