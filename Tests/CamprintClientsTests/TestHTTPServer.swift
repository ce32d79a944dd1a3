import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP request as the test server saw it (head and body).
struct SeenHTTPRequest: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Carries credentials: an `Authorization` header or a WS-Security header.
    var isAuthenticated: Bool { header("Authorization") != nil || body.contains("UsernameToken") }
}

/// A loopback HTTP/1.1 server whose answers the test decides (one request per connection, as
/// the client sends `Connection: close`). Records every request.
final class TestHTTPServer: Sendable {
    let channel: any Channel
    let port: Int
    private let seen = Mutex<[SeenHTTPRequest]>([])

    var requests: [SeenHTTPRequest] { seen.withLock { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    static func start(respond: @escaping @Sendable (SeenHTTPRequest) -> ServerAction) async throws -> TestHTTPServer {
        let box = Mutex<TestHTTPServer?>(nil)
        let channel = try await ServerBootstrap(group: TestEventLoops.server)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let server = box.withLock { $0 }
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPRequestHandler(
                            record: { request in server?.seen.withLock { $0.append(request) } },
                            respond: respond
                        )
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = TestHTTPServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    /// An HTTP/1.1 response with `Content-Length`.
    static func response(_ status: String, headers: [String] = [], body: String = "") -> [UInt8] {
        let lines = ["HTTP/1.1 \(status)"] + headers + ["Content-Length: \(body.utf8.count)", "Connection: close"]
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }
}

/// Reads one request (head, then a `Content-Length` body) and acts on it.
final class HTTPRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var buffer: [UInt8] = []
    private var done = false
    private let record: @Sendable (SeenHTTPRequest) -> Void
    private let respond: @Sendable (SeenHTTPRequest) -> ServerAction

    init(
        record: @escaping @Sendable (SeenHTTPRequest) -> Void,
        respond: @escaping @Sendable (SeenHTTPRequest) -> ServerAction
    ) {
        self.record = record
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        buffer += Array(unwrapInboundIn(data).readableBytesView)
        guard let end = FaultHandler.headEnd(buffer) else { return }
        let head = FaultHandler.parse(String(decoding: buffer[..<end], as: UTF8.self))
        let length = Int(head.header("Content-Length") ?? "0") ?? 0
        guard buffer.count >= end + length else { return }
        done = true
        let request = SeenHTTPRequest(
            method: head.method,
            target: head.uri,
            headers: head.headers,
            body: String(decoding: buffer[end..<end + length], as: UTF8.self)
        )
        record(request)
        let channel = context.channel
        switch respond(request) {
        case .sendAndClose(let bytes):
            channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { _ in channel.close(promise: nil) }
        case .send(let bytes), .trickle(let bytes, _):
            // Left open: the client must see the end from Content-Length.
            channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
        case .ignore:
            break
        }
    }
}
