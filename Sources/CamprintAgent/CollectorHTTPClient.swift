public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Where reports go and how the agent proves who it is.
public struct CollectorEndpoint: Sendable {
    /// Base URL (`http://host:port` or `https://…`); reports go to `<url>/api/v1/reports`.
    public var url: URL
    public var token: String
    /// PEM CA bundle for HTTPS; the system trust store when `nil`.
    public var caFile: String?

    public init(url: URL, token: String, caFile: String? = nil) {
        self.url = url
        self.token = token
        self.caFile = caFile
    }

    var isTLS: Bool { url.scheme?.lowercased() == "https" }
    var host: String { url.host ?? "" }
    var port: Int { url.port ?? (isTLS ? 443 : 80) }
    var reportsPath: String {
        var base = url.path
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v1/reports"
    }
}

/// One HTTP answer.
struct CollectorResponse: Sendable {
    var status: Int
    var body: String
}

/// Failures before an HTTP answer arrived (connect, TLS, timeout, broken connection).
struct CollectorTransportError: Error, CustomStringConvertible {
    var description: String
}

/// A minimal HTTP/1.1 client (one request per connection) for the collector's ingest endpoint.
enum CollectorHTTPClient {
    /// Largest answer body kept (for the log line).
    static let maxResponseBytes = 64 << 10

    static func post(
        endpoint: CollectorEndpoint,
        headers: [(String, String)],
        body: ByteBuffer,
        timeout: Duration
    ) async throws -> CollectorResponse {
        try await withThrowingTaskGroup(of: CollectorResponse.self) { group in
            group.addTask { try await exchange(endpoint: endpoint, headers: headers, body: body) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw CollectorTransportError(description: "no answer within \(AgentDuration.describe(timeout))")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw CollectorTransportError(description: "no answer")
            }
            return first
        }
    }

    private static func exchange(
        endpoint: CollectorEndpoint,
        headers: [(String, String)],
        body: ByteBuffer
    ) async throws -> CollectorResponse {
        let tls = try endpoint.isTLS ? tlsContext(caFile: endpoint.caFile) : nil
        let host = endpoint.host
        let serverName = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel
                        )
                    }
                }
        } catch {
            throw CollectorTransportError(description: "cannot connect to \(host):\(endpoint.port): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.reportsPath)
            head.headers.add(
                name: "Host",
                value: endpoint.port == (endpoint.isTLS ? 443 : 80) ? host : "\(host):\(endpoint.port)"
            )
            head.headers.add(name: "Content-Length", value: "\(body.readableBytes)")
            head.headers.add(name: "Connection", value: "close")
            head.headers.add(name: "User-Agent", value: "camprint-agent")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            try await outbound.write(.head(head))
            try await outbound.write(.body(.byteBuffer(body)))
            try await outbound.write(.end(nil))
            var status: Int?
            var text = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let response): status = Int(response.status.code)
                case .body(var chunk):
                    if text.readableBytes < maxResponseBytes { text.writeBuffer(&chunk) }
                case .end:
                    guard let status else { throw CollectorTransportError(description: "answer without status") }
                    return CollectorResponse(status: status, body: String(buffer: text))
                }
            }
            throw CollectorTransportError(description: "the collector closed the connection before answering")
        }
    }

    private static func tlsContext(caFile: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        // The bearer token goes over this connection: TLS 1.2 at least (RFC 8996 deprecates 1.0 and 1.1).
        configuration.minimumTLSVersion = .tlsv12
        if let caFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        }
        return try NIOSSLContext(configuration: configuration)
    }
}
