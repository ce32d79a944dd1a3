import CamprintReport
import CompressNIO
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A tiny HTTP receiver on 127.0.0.1 standing in for the collector: records every request, answers
/// with the next scripted status (200 with counts once the script is used up).
final class TestCollector: Sendable {
    struct Received: Sendable {
        var status: Int
        var authorization: String?
        var contentEncoding: String?
        var idempotencyKey: String?
        var path: String
        var reportIds: [String]
    }

    struct State {
        var script: [Int] = []
        var received: [Received] = []
    }

    let state = Mutex(State())
    private let channel: any Channel
    let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// The test-only certificate of Samples/agent/test-tls/ (self-signed, 127.0.0.1).
    static let tlsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/agent/test-tls")
    static var tlsCertificatePath: String { tlsDirectory.appendingPathComponent("collector-test-cert.pem").path }

    static func start(port: Int = 0, script: [Int] = [], tls: Bool = false) async throws -> TestCollector {
        let box = Mutex<TestCollector?>(nil)
        var sslContext: NIOSSLContext?
        if tls {
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tlsCertificatePath).map { .certificate($0) },
                privateKey: .privateKey(
                    try NIOSSLPrivateKey(
                        file: tlsDirectory.appendingPathComponent("collector-test-key.pem").path,
                        format: .pem
                    )
                )
            )
            sslContext = try NIOSSLContext(configuration: configuration)
        }
        let context = sslContext
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler { box.withLock { $0 } })
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let collector = TestCollector(channel: channel, port: channel.localAddress?.port ?? 0)
        collector.state.withLock { $0.script = script }
        box.withLock { $0 = collector }
        return collector
    }

    func stop() async { try? await channel.close() }

    var received: [Received] { state.withLock { $0.received } }
    /// Report ids of the requests answered 2xx.
    var delivered: [String] { received.filter { (200..<300).contains($0.status) }.flatMap(\.reportIds) }

    fileprivate func answer(head: HTTPRequestHead, body: ByteBuffer) -> Int {
        var ids: [String] = []
        var payload = body
        if head.headers["Content-Encoding"].first == "gzip",
            let inflated = try? payload.decompress(with: .gzip(), maxSize: 64 << 20)
        {
            payload = inflated
        }
        if let reports = try? JSONDecoder().decode([Report].self, from: Data(payload.readableBytesView)) {
            ids = reports.map(\.reportId)
        }
        return state.withLock { state in
            let status = state.script.isEmpty ? 200 : state.script.removeFirst()
            state.received.append(
                Received(
                    status: status,
                    authorization: head.headers["Authorization"].first,
                    contentEncoding: head.headers["Content-Encoding"].first,
                    idempotencyKey: head.headers["Idempotency-Key"].first,
                    path: head.uri,
                    reportIds: ids
                )
            )
            return status
        }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let collector: @Sendable () -> TestCollector?
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(collector: @escaping @Sendable () -> TestCollector?) { self.collector = collector }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk): body.writeBuffer(&chunk)
            case .end:
                guard let head, let collector = collector() else { return }
                let status = collector.answer(head: head, body: body)
                let text = status < 300 ? "{\"accepted\":1,\"duplicate\":0}" : "{\"error\":\"scripted\"}"
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: "\(text.utf8.count)")
                headers.add(name: "Connection", value: "close")
                let response = HTTPResponseHead(
                    version: .http1_1,
                    status: HTTPResponseStatus(statusCode: status),
                    headers: headers
                )
                context.write(wrapOutboundOut(.head(response)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
