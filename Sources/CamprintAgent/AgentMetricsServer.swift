import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// Why the metrics endpoint could not start.
public struct AgentMetricsServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// `GET /metrics` in the Prometheus text format 0.0.4 on the agent's `metrics_listen` address
/// (SwiftNIO HTTP/1.1). Every other path answers 404, other methods 405; a request body over
/// ``maxRequestBodyBytes`` or a connection idle for ``idleTimeout`` is closed; each response closes
/// its connection. Request headers are bounded by NIO's HTTP parser (80 KiB). At most
/// ``maxConnections`` connections are served at once; one more is closed as soon as it is
/// accepted, so that a local client opening sockets without end costs file descriptors only up to
/// that cap (a scraper needs one).
public final class AgentMetricsServer: Service {
    public static let maxRequestBodyBytes = 8192
    public static let maxConnections = 16
    static let idleTimeout: TimeAmount = .seconds(10)
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The bound port (useful when `metrics_listen` asked for port 0).
    public let port: Int
    private let serverChannel: any Channel
    private let task: Task<Void, Never>

    private init(port: Int, serverChannel: any Channel, task: Task<Void, Never>) {
        self.port = port
        self.serverChannel = serverChannel
        self.task = task
    }

    /// Splits `host:port` or `[v6]:port`.
    public static func parseListen(_ listen: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if listen.hasPrefix("[") {
            guard let close = listen.firstIndex(of: "]") else { return nil }
            host = listen[listen.index(after: listen.startIndex)..<close]
            let rest = listen[listen.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = listen.lastIndex(of: ":") else { return nil }
            host = listen[..<colon]
            portText = listen[listen.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(host), port)
    }

    /// Binds `listen` (`host:port`) and serves `render()` at `/metrics` until ``stop()``.
    public static func start(
        listen: String,
        render: @escaping @Sendable () async -> String
    ) async throws(AgentMetricsServerError) -> AgentMetricsServer {
        guard let (host, port) = parseListen(listen) else {
            throw AgentMetricsServerError(message: "metrics_listen \(listen): expected host:port or [v6-address]:port")
        }
        let server: NIOAsyncChannel<Connection, Never>
        do {
            // One event loop for the listener and its connections: connections then reach the
            // accept loop in the order they were accepted, so the cap counts them in that order
            // (with several loops a later connection could take the last slot first). A metrics
            // endpoint of 16 connections needs no more.
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            server = try await ServerBootstrap(group: loop, childGroup: loop)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { try configure(channel) }
                }
        } catch {
            throw AgentMetricsServerError(message: "metrics_listen \(listen): cannot listen: \(error)")
        }
        let boundPort = server.channel.localAddress?.port ?? port
        let task = Task {
            let open = OpenConnections()
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        guard open.acquire(limit: maxConnections) else {
                            // Closed here, in the accept loop: a flood is taken one at a time.
                            try? await connection.executeThenClose { _, _ in }
                            continue
                        }
                        group.addTask {
                            await serve(connection, render: render)
                            open.release()
                        }
                    }
                }
            }
        }
        return AgentMetricsServer(port: boundPort, serverChannel: server.channel, task: task)
    }

    /// As a service: serves (it listens from ``start(listen:render:)`` on) until graceful shutdown,
    /// then ``stop()``.
    public func run() async {
        try? await gracefulShutdown()
        await stop()
    }

    /// Stops listening and ends open connections.
    public func stop() async {
        task.cancel()
        try? await serverChannel.close()
        await task.value
    }

    /// A connection's pipeline (on its event loop): idle timeout, NIO's HTTP/1.1 server codec with its
    /// error handler (a malformed request is answered 400 and closed), ``CloseOnIdle``.
    static func configure(_ channel: any Channel) throws -> Connection {
        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idleTimeout))
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
        try channel.pipeline.syncOperations.addHandler(CloseOnIdle())
        return try Connection(wrappingChannelSynchronously: channel)
    }

    static func serve(_ connection: Connection, render: @Sendable () async -> String) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var bodyBytes = 0
            for try await part in inbound {
                switch part {
                case .head(let request):
                    head = request
                    bodyBytes = 0
                case .body(let buffer):
                    bodyBytes += buffer.readableBytes
                    if bodyBytes > maxRequestBodyBytes {
                        try await respond(
                            outbound,
                            status: .payloadTooLarge,
                            body: "request too large\n",
                            withBody: true
                        )
                        return
                    }
                case .end:
                    guard let request = head else { return }
                    let path = request.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
                    let isHead = request.method == .HEAD
                    if path != "/metrics" {
                        try await respond(outbound, status: .notFound, body: "not found\n", withBody: !isHead)
                    } else if request.method != .GET, !isHead {
                        try await respond(outbound, status: .methodNotAllowed, body: "GET only\n", withBody: true)
                    } else {
                        let text = await render()
                        try await respond(outbound, status: .ok, body: text, withBody: !isHead, type: contentType)
                    }
                    return
                }
            }
        }
    }

    static func respond(
        _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        status: HTTPResponseStatus,
        body: String,
        withBody: Bool,
        type: String = "text/plain; charset=utf-8"
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        if withBody { try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body)))) }
        try await outbound.write(.end(nil))
    }
}

/// Closes a connection that sent nothing for ``AgentMetricsServer/idleTimeout`` before its request
/// was complete. Once the request's end arrived the connection is being answered, not idle: the
/// answer may wait for `render` (async, on a busy cooperative pool) longer than the timeout.
/// Runs on the channel's event loop only.
final class CloseOnIdle: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private var answering = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { answering = true }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            if !answering { context.close(promise: nil) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// The metrics endpoint's count of connections being served.
private final class OpenConnections: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more connection unless `limit` are open already.
    func acquire(limit: Int) -> Bool {
        if count.add(1, ordering: .relaxed).newValue <= limit { return true }
        count.subtract(1, ordering: .relaxed)
        return false
    }

    func release() { count.subtract(1, ordering: .relaxed) }
}
