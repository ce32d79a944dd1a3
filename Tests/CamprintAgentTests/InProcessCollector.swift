import CamprintCollector
import CamprintStorage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The real collector in this process: ``CollectorService`` over SQLite in a temporary directory,
/// served by Hummingbird on 127.0.0.1 (plain HTTP, or HTTPS with the test certificate of
/// Samples/agent/test-tls/). What it accepted is read from its storage.
///
/// In front of it sits one small responder that notes each request's headers and answer, and can
/// answer the next requests to `/api/v1/reports` with scripted failure statuses without passing them
/// on (``script``): the real collector answers 5xx only when its database fails, which a test cannot
/// cause on cue, and the uploader's retry, back-off and kill tests need exactly that.
final class InProcessCollector: Sendable {
    /// One request as the front saw it.
    struct Received: Sendable {
        var status: Int
        var authorization: String?
        var contentEncoding: String?
        var idempotencyKey: String?
        var path: String
        /// False when the front answered a scripted status itself.
        var reachedCollector: Bool
    }

    /// The test-only certificate of Samples/agent/test-tls/ (self-signed, 127.0.0.1).
    static let tlsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/agent/test-tls")
    static var tlsCertificatePath: String { tlsDirectory.appendingPathComponent("collector-test-cert.pem").path }

    let port: Int
    let storage: any Storage
    let site: String
    private let front: Front.Log
    private let group: ServiceGroup
    private let task: Task<Void, Never>
    private let directory: URL

    private init(
        port: Int,
        storage: any Storage,
        site: String,
        front: Front.Log,
        group: ServiceGroup,
        task: Task<Void, Never>,
        directory: URL
    ) {
        self.port = port
        self.storage = storage
        self.site = site
        self.front = front
        self.group = group
        self.task = task
        self.directory = directory
    }

    /// Starts a collector on `127.0.0.1:port` (0: any free port) that accepts `token` for `site`
    /// (`token: nil`: no token yet, every upload is refused with 401 until ``addToken(_:)``).
    /// `script`: statuses for the next requests to `/api/v1/reports`; a 2xx entry passes the request
    /// on to the collector, any other is answered by the front with that status.
    static func start(
        token: String? = "cpt_test_token",
        site: String = "agent-test",
        port: Int = 0,
        tls: Bool = false,
        script: [Int] = []
    ) async throws -> InProcessCollector {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-collector-\(UUID())")
        let storage = try await StorageFactory.open(.sqlite(path: directory.appendingPathComponent("c.db").path))
        if let token { try await add(token: token, site: site, to: storage) }
        let service = CollectorService(storage: storage, limits: IngestLimits.default)
        let log = Front.Log(script: script)
        var server: HTTPServerBuilder = .http1()
        if tls {
            server = try .tls(
                .http1(),
                tlsConfiguration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(tlsCertificatePath).map { .certificate($0) },
                    privateKey: .privateKey(
                        try NIOSSLPrivateKey(
                            file: tlsDirectory.appendingPathComponent("collector-test-key.pem").path,
                            format: .pem
                        )
                    )
                )
            )
        }
        let (bound, boundPort) = AsyncStream.makeStream(of: Int.self)
        let quiet = Logger(label: "camprint.test.collector") { _ in SwiftLogNoOpLogHandler() }
        let app = Application(
            responder: Front(inner: service.makeRouter().buildResponder(), log: log),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                boundPort.yield(channel.localAddress?.port ?? 0)
                boundPort.finish()
            },
            logger: quiet
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let task = Task {
            try? await group.run()
            boundPort.finish()
        }
        guard let actual = await bound.first(where: { _ in true }) else {
            await storage.close()
            try? FileManager.default.removeItem(at: directory)
            throw InProcessCollectorError(description: "collector could not listen on 127.0.0.1:\(port)")
        }
        return InProcessCollector(
            port: actual,
            storage: storage,
            site: site,
            front: log,
            group: group,
            task: task,
            directory: directory
        )
    }

    private static func add(token: String, site: String, to storage: any Storage) async throws {
        _ = try await storage.createToken(site: site, label: "agent", secretHash: TokenSecret.hash(token), createdAt: 0)
    }

    /// Issues `token` for this collector's site (what `camprint-collector token create` does).
    func addToken(_ token: String) async throws { try await Self.add(token: token, site: site, to: storage) }

    /// Replaces the scripted statuses still to come.
    func setScript(_ script: [Int]) { front.script.withLock { $0 = script } }

    /// Stops listening (gracefully) and closes the storage.
    func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
        await storage.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every request so far, in order.
    var received: [Received] { front.received.withLock { $0 } }

    /// Of `ids`, those the collector stored.
    func stored(_ ids: some Sequence<String>) async throws -> Set<String> {
        Set(try await storage.reportBodies(ids: Array(ids)).keys)
    }

    /// Reports stored in all.
    func storedCount() async throws -> Int { try await storage.reportCount() }

    /// Notes each request and answers scripted statuses; passes everything else to the collector.
    struct Front: HTTPResponder {
        final class Log: Sendable {
            let script: Mutex<[Int]>
            let received = Mutex<[Received]>([])
            init(script: [Int]) { self.script = Mutex(script) }
        }

        let inner: RouterResponder<BasicRequestContext>
        let log: Log

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            var entry = Received(
                status: 0,
                authorization: request.headers[.authorization],
                contentEncoding: request.headers[.contentEncoding],
                idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!],
                path: request.uri.path,
                reachedCollector: true
            )
            let scripted =
                request.uri.path == "/api/v1/reports"
                ? log.script.withLock { $0.isEmpty ? nil : $0.removeFirst() } : nil
            if let scripted, !(200..<300).contains(scripted) {
                var request = request
                _ = try await request.collectBody(upTo: 64 << 20)
                entry.status = scripted
                entry.reachedCollector = false
                log.received.withLock { $0.append(entry) }
                return Response(
                    status: HTTPResponse.Status(code: scripted),
                    headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error\":\"scripted by the test\"}"))
                )
            }
            do {
                let response = try await inner.respond(to: request, context: context)
                entry.status = response.status.code
                log.received.withLock { $0.append(entry) }
                return response
            } catch {
                entry.status = (error as? any HTTPResponseError)?.status.code ?? 500
                log.received.withLock { $0.append(entry) }
                throw error
            }
        }
    }
}

struct InProcessCollectorError: Error, CustomStringConvertible {
    var description: String
}
