import CamprintCollector
import CamprintReport
import CamprintStorage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A collector over a fresh storage, with one live token for site "north" and one revoked token.
struct Harness: Sendable {
    enum Backend: String, Sendable, CaseIterable {
        case sqlite, postgres
    }

    enum Mode: String, Sendable, CaseIterable {
        /// In process, no sockets (HummingbirdTesting `.router`).
        case router
        /// A real server on 127.0.0.1 (HummingbirdTesting `.live`).
        case live

        var setup: TestingSetup { self == .router ? .router : .live }
    }

    static let postgresURL = ProcessInfo.processInfo.environment["CAMPRINT_TEST_POSTGRES_URL"]
    static let postgresSkipReason: Comment =
        "CAMPRINT_TEST_POSTGRES_URL is not set: run eval \"$(scripts/collector-test-postgres.sh start)\" first"
    /// 2026-11-26T16:00:00Z: reports observed on 2026-11-26 are fresh, those from early November stale.
    static let now: Int64 = 1_795_708_800_000

    let storage: any Storage
    let service: CollectorService
    let token: String
    let revokedToken: String

    static let testLimits = IngestLimits(
        maxBodyBytes: 1 << 20,
        maxDecompressedBytes: 4 << 20,
        maxReportsPerRequest: 500
    )

    /// Service settings a test may change (defaults: open read side, no rate limit, any Host).
    struct Options: Sendable {
        var rateLimit: RateLimit?
        var readAccess: ReadAccess = .open
        var allowedHosts: [String] = []
        var secureCookies = false
        var policies = PolicyCatalog.empty
    }

    static func make(
        _ backend: Backend,
        limits: IngestLimits = testLimits,
        options: Options = Options()
    ) async throws -> Harness {
        let storage: any Storage
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.path + "/camprint-collector-\(UUID().uuidString)/c.db"
            storage = try await StorageFactory.open(.sqlite(path: path))
        case .postgres:
            let base = try #require(postgresURL, postgresSkipReason)
            let schema = "c_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            storage = try await StorageFactory.open(
                try DatabaseURL(parsing: base + (base.contains("?") ? "&" : "?") + "schema=" + schema)
            )
        }
        let token = TokenSecret.generate()
        let revoked = TokenSecret.generate()
        _ = try await storage.createToken(
            site: "north",
            label: "t",
            secretHash: TokenSecret.hash(token),
            createdAt: now
        )
        let old = try await storage.createToken(
            site: "north",
            label: "old",
            secretHash: TokenSecret.hash(revoked),
            createdAt: now
        )
        _ = try await storage.revokeToken(id: old.id, at: now)
        let service = CollectorService(
            storage: storage,
            limits: limits,
            rateLimit: options.rateLimit,
            readAccess: options.readAccess,
            allowedHosts: options.allowedHosts,
            secureCookies: options.secureCookies,
            policies: options.policies,
            clock: { now }
        )
        return Harness(storage: storage, service: service, token: token, revokedToken: revoked)
    }

    func run(_ mode: Mode, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(
            router: service.makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        )
        do {
            try await app.test(mode.setup, body)
        } catch {
            await storage.close()
            throw error
        }
        await storage.close()
    }

    func headers(token: String? = nil, contentType: String = "application/json", gzip: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [.contentType: contentType]
        if let token = token ?? Optional(self.token) { fields[.authorization] = "Bearer " + token }
        if gzip { fields[.contentEncoding] = "gzip" }
        return fields
    }

    static func jsonArray(_ reports: [Report]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONEncoder().encode(reports))
    }

    static func jsonLines(_ reports: [Report]) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for report in reports {
            buffer.writeBytes(try JSONEncoder().encode(report))
            buffer.writeString("\n")
        }
        return buffer
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(type, from: Data(response.body.readableBytesView))
    }

    /// After a refused request: nothing stored and the server still answers.
    func expectNothingStoredAndHealthy(_ client: any TestClientProtocol) async throws {
        #expect(try await storage.reportCount() == 0)
        let health = try await client.execute(uri: "/healthz", method: .get)
        #expect(health.status == .ok)
        let ready = try await client.execute(uri: "/readyz", method: .get)
        #expect(ready.status == .ok)
    }
}

struct ErrorBody: Decodable {
    struct Problem: Decodable {
        var index: Int?
        var field: String
        var message: String
    }

    var status: Int
    var error: String
    var problems: [Problem]?
}
