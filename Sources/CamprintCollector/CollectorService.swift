import CamprintReport
public import CamprintStorage
import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore

/// The collector's HTTP surface over a ``Storage``: ingest, inventory API, metrics and the web page.
///
/// `makeRouter()` is what tests drive in process; `makeApplication(host:port:)` what `serve` runs.
public struct CollectorService: Sendable {
    public let storage: any Storage
    public let metrics: CollectorMetrics
    public let limits: IngestLimits
    public let staleAfterMilliseconds: Int64
    /// Milliseconds since the epoch; replaceable in tests.
    public let clock: @Sendable () -> Int64
    /// Per-token upload rate; nil: unlimited (in-process benchmarks). `serve` always sets one.
    let rateLimiter: TokenRateLimiter?
    /// Idle connections are closed after this long (`serve`'s HTTP server only).
    public let idleTimeoutSeconds: Int
    public let readAccess: ReadAccess
    /// Host names the collector answers for (empty: any).
    public let allowedHosts: [String]
    /// `Secure` on the read cookie even without `X-Forwarded-Proto: https` from the proxy.
    public let secureCookies: Bool
    /// Covered-equipment policies and the maker lineage table.
    public let policies: PolicyCatalog

    /// Reports observed later than this past the collector's clock are refused, each with its reason.
    public static let maxFutureSkewMilliseconds: Int64 = 5 * 60_000
    public static let defaultIdleTimeoutSeconds = 30

    public init(
        storage: any Storage,
        limits: IngestLimits = .default,
        staleAfterMilliseconds: Int64 = Int64(CollectorConfiguration.defaultStaleAfterSeconds) * 1000,
        metrics: CollectorMetrics = CollectorMetrics(),
        rateLimit: RateLimit? = nil,
        idleTimeoutSeconds: Int = CollectorService.defaultIdleTimeoutSeconds,
        readAccess: ReadAccess = .open,
        allowedHosts: [String] = [],
        secureCookies: Bool = false,
        policies: PolicyCatalog = .empty,
        clock: @escaping @Sendable () -> Int64 = CollectorService.systemClock
    ) {
        self.policies = policies
        self.readAccess = readAccess
        self.allowedHosts = allowedHosts
        self.secureCookies = secureCookies
        self.storage = storage
        self.limits = limits
        self.staleAfterMilliseconds = staleAfterMilliseconds
        self.metrics = metrics
        self.rateLimiter = rateLimit.map(TokenRateLimiter.init(limit:))
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.clock = clock
    }

    /// Now, in milliseconds since the epoch.
    public static let systemClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }

    var staleBefore: Int64 { clock() - staleAfterMilliseconds }

    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: HostAllowlistMiddleware(allowedHosts))
        router.add(middleware: ReadAuthMiddleware(access: readAccess) { secret in try await self.isOperator(secret) })
        router.get("/login") { _, _ in Self.html(LoginPage.render(message: nil)) }
        router.post("/login") { request, _ in try await self.login(request) }
        router.post("/logout") { request, _ in self.logout(request) }
        router.post("/api/v1/reports") { request, context in try await self.ingest(request, context: context) }
        router.get("/api/v1/devices") { request, _ in try await self.listDevices(request) }
        router.get("/api/v1/devices/{id}") { request, context in try await self.deviceDetail(request, context: context)
        }
        router.post("/api/v1/devices/{id}/lifecycle") { request, context in
            try await self.changeLifecycle(request, context: context)
        }
        router.get("/api/v1/summary") { _, _ in try await self.summary() }
        router.get("/api/v1/sites") { _, _ in try await self.sites() }
        router.get("/api/v1/policies") { _, _ in try Self.json(PoliciesJSON(self.policies)) }
        router.get("/healthz") { _, _ in Self.text("ok\n") }
        router.get("/readyz") { _, _ in await self.ready() }
        router.get("/metrics") { _, _ in try await self.renderMetrics() }
        router.get("/") { request, _ in try await self.compliancePage(request) }
        router.get("/devices/{id}") { request, context in try await self.devicePage(request, context: context) }
        router.get("/export") { request, _ in
            let site = Self.parameters(request).first { $0.0 == "site" && !$0.1.isEmpty }?.1
            let pack = try await EvidencePack.build(
                storage: self.storage,
                policies: self.policies,
                site: site,
                now: self.clock()
            )
            return Self.html(pack.html)
        }
        return router
    }

    public func makeApplication(
        host: String,
        port: Int,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(idleTimeoutSeconds)))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    // MARK: Ingest

    func ingest(_ request: Request, context: BasicRequestContext) async throws -> Response {
        do {
            let token = try await authenticateIngest(request)
            if let rateLimiter, let wait = rateLimiter.admit(tokenId: token.id, now: clock()) {
                throw APIError(
                    .tooManyRequests,
                    "more than \(rateLimiter.limit.burst) requests in a burst for this token; retry later",
                    headers: [.retryAfter: String(wait)]
                )
            }
            guard let format = ReportBatchDecoder.Format(contentType: request.headers[.contentType]) else {
                throw APIError(
                    .unsupportedMediaType,
                    "Content-Type must be application/json (an array) or application/x-ndjson (one report a line)"
                )
            }
            let encoding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased()
            let gzip: Bool
            switch encoding {
            case nil, "", "identity": gzip = false
            case "gzip", "x-gzip": gzip = true
            default: throw APIError(.unsupportedMediaType, "Content-Encoding must be gzip or absent")
            }
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limits.maxBodyBytes {
                throw Self.tooLarge(limits.maxBodyBytes)
            }
            var body = try await Self.collect(request.body, limit: limits.maxBodyBytes)
            if gzip { body = try ReportBatchDecoder.gunzip(body, limit: limits.maxDecompressedBytes) }
            let reports = try ReportBatchDecoder.decode(body, format: format, limits: limits)
            let receivedAt = clock()
            let (timely, refused) = Self.refuseFuture(reports, now: receivedAt)
            var outcome = IngestOutcome()
            if !timely.isEmpty {
                outcome = try await storage.ingest(timely, site: token.site, tokenId: token.id, receivedAt: receivedAt)
            }
            metrics.recordIngest(outcome)
            metrics.recordRefused(refused.count)
            context.logger.info(
                "stored reports",
                metadata: [
                    "site": "\(token.site)", "token": "\(token.id)", "accepted": "\(outcome.accepted)",
                    "duplicate": "\(outcome.duplicate)", "refused": "\(refused.count)",
                ]
            )
            return try Self.json(
                IngestResponseJSON(
                    accepted: outcome.accepted,
                    duplicate: outcome.duplicate,
                    site: token.site,
                    refused: refused.isEmpty ? nil : refused
                )
            )
        } catch let error as APIError {
            metrics.recordRejection(reason: Self.reason(error.status), reports: error.problems.isEmpty ? 0 : 1)
            throw error
        }
    }

    /// Splits off reports observed more than ``maxFutureSkewMilliseconds`` after `now`: stored, such a
    /// report would be "the latest" of its device until that date and every genuine report after it
    /// would count as late (issue 16). The rest of the batch is stored.
    static func refuseFuture(_ reports: [Report], now: Int64) -> (timely: [Report], refused: [RefusedReportJSON]) {
        var timely: [Report] = []
        var refused: [RefusedReportJSON] = []
        let horizon = now + maxFutureSkewMilliseconds
        for (index, report) in reports.enumerated() {
            if let observed = EpochTime.milliseconds(fromRFC3339: report.observedAt), observed > horizon {
                refused.append(
                    RefusedReportJSON(
                        index: index,
                        reportId: report.reportId,
                        reason:
                            "observedAt \(report.observedAt) is more than 5 minutes after the collector's clock "
                            + "(\(EpochTime.rfc3339(milliseconds: now))); check the agent's clock"
                    )
                )
            } else {
                timely.append(report)
            }
        }
        return (timely, refused)
    }

    private static func reason(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "invalid"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 429: "rate_limited"
        default: "other"
        }
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "body exceeds \(limit) bytes", headers: [.connection: "close"])
    }

    /// Reads the body chunk by chunk and stops at `limit`: a huge upload is refused without being buffered.
    static func collect(_ body: RequestBody, limit: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await chunk in body {
            guard collected.readableBytes + chunk.readableBytes <= limit else { throw tooLarge(limit) }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        return collected
    }

    /// The agent's token from `Authorization: Bearer …`; 401 without one, 403 for an unknown or revoked one.
    func authenticate(_ request: Request) async throws -> TokenRecord {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"camprint-collector\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "missing bearer token (Authorization: Bearer …)", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "Authorization must use the Bearer scheme", headers: challenge)
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        let hash = TokenSecret.hash(secret)
        guard let record = try await storage.token(secretHash: hash),
            TokenSecret.constantTimeEquals(record.secretHash, hash)
        else { throw APIError(.forbidden, "unknown token") }
        guard record.revokedAt == nil else { throw APIError(.forbidden, "token revoked") }
        return record
    }

    /// An agent's token for an upload: an operator token does not upload.
    func authenticateIngest(_ request: Request) async throws -> TokenRecord {
        let record = try await authenticate(request)
        guard record.role == .ingest else { throw APIError(.forbidden, "an operator token cannot upload reports") }
        return record
    }

    /// An operator's token for a lifecycle change: an agent's ingest token cannot change state.
    func authenticateOperator(_ request: Request) async throws -> TokenRecord {
        let record = try await authenticate(request)
        guard record.role == .operator else {
            throw APIError(.forbidden, "an ingest token cannot change a device's state; use an operator token")
        }
        return record
    }

    // MARK: Read access

    /// Whether `secret` is a live operator token (operators may read).
    func isOperator(_ secret: String) async throws -> Bool {
        let hash = TokenSecret.hash(secret)
        guard let record = try await storage.token(secretHash: hash) else { return false }
        return record.role == .operator && record.revokedAt == nil
            && TokenSecret.constantTimeEquals(record.secretHash, hash)
    }

    private func cookieIsSecure(_ request: Request) -> Bool {
        secureCookies || request.headers[Self.forwardedProto]?.lowercased() == "https"
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    func login(_ request: Request) async throws -> Response {
        let body = try await Self.collect(request.body, limit: 4096)
        let secret = LoginPage.token(fromForm: String(buffer: body)) ?? ""
        var accepted = !secret.isEmpty && readAccess.accepts(secret)
        if !accepted, !secret.isEmpty { accepted = try await isOperator(secret) }
        guard accepted, !readAccess.isOpen else {
            var response = Self.html(
                LoginPage.render(message: readAccess.isOpen ? "This collector needs no token." : "Unknown token.")
            )
            response.status = readAccess.isOpen ? .ok : .unauthorized
            return response
        }
        return Response(
            status: .seeOther,
            headers: [.location: "/", .setCookie: ReadAccess.cookie(secret, secure: cookieIsSecure(request))]
        )
    }

    func logout(_ request: Request) -> Response {
        Response(
            status: .seeOther,
            headers: [.location: "/login", .setCookie: ReadAccess.clearingCookie(secure: cookieIsSecure(request))]
        )
    }

    // MARK: Reading

    static func parameters(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    func listDevices(_ request: Request) async throws -> Response {
        let parameters = Self.parameters(request)
        let filter = try DeviceFilter(parameters: parameters)
        let staleBefore = self.staleBefore
        let wantsCSV =
            parameters.contains { $0.0 == "format" && $0.1 == "csv" }
            || (request.headers[.accept]?.contains("text/csv") ?? false)
        if wantsCSV { return try csvResponse(filter: filter, staleBefore: staleBefore) }
        let page = try await storage.devices(filter.query(staleBefore: staleBefore, policies: policies))
        return try Self.json(
            DeviceListJSON(
                devices: page.devices.map { DeviceJSON($0, staleBefore: staleBefore, policies: policies) },
                total: page.total,
                nextCursor: page.nextCursor.map(String.init)
            )
        )
    }

    /// Every matching device (paging ignored), streamed page by page.
    func csvResponse(filter: DeviceFilter, staleBefore: Int64) throws -> Response {
        let storage = self.storage
        let policies = self.policies
        var query = try filter.query(staleBefore: staleBefore, policies: policies)
        query.limit = 1000
        query.cursor = nil
        query.offset = 0
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"camprint-devices.csv\"",
        ]
        let fixedQuery = query
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: DeviceCSV.header))
                var query = fixedQuery
                while true {
                    let page = try await storage.devices(query)
                    let rows = page.devices.map {
                        DeviceCSV.row(DeviceJSON($0, staleBefore: staleBefore, policies: policies))
                    }.joined()
                    try await writer.write(ByteBuffer(string: rows))
                    guard let next = page.nextCursor else { break }
                    query.cursor = next
                }
                try await writer.finish(nil)
            }
        )
    }

    func deviceDetail(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError(.badRequest, "id: expected a device id")
        }
        guard let detail = try await storage.device(id: id) else { throw APIError(.notFound, "no device \(id)") }
        let identity = detail.latestReport?.identity
        return try Self.json(
            DeviceDetailJSON(
                device: DeviceJSON(detail.device, staleBefore: staleBefore, policies: policies),
                history: detail.history.map(IdentityChangeJSON.init),
                evidence: identity?.evidence ?? [],
                contradictions: identity?.contradictions ?? [],
                latestReport: detail.latestReport,
                conflicts: detail.conflicts.isEmpty
                    ? nil : detail.conflicts.map { DeviceJSON($0, staleBefore: staleBefore, policies: policies) },
                lifecycleHistory: detail.lifecycleHistory.map(LifecycleEventJSON.init)
            )
        )
    }

    /// `POST /api/v1/devices/{id}/lifecycle` with an operator token: the device after the change.
    func changeLifecycle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try await authenticateOperator(request)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError(.badRequest, "id: expected a device id")
        }
        let body = try await Self.collect(request.body, limit: 16 << 10)
        let change: LifecycleRequestJSON
        do {
            change = try JSONDecoder().decode(LifecycleRequestJSON.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw APIError(
                .badRequest,
                "invalid request",
                problems: [ReportBatchDecoder.problem(from: error, index: nil)]
            )
        }
        if let note = change.note, note.utf8.count > 2000 || note.utf8.contains(0) {
            throw APIError(.badRequest, "note: at most 2000 bytes, no U+0000")
        }
        var date: Int64?
        if let text = change.date {
            guard let parsed = EpochTime.milliseconds(fromRFC3339: text) else {
                throw APIError(.badRequest, "date: expected RFC 3339 UTC like 2026-12-15T00:00:00Z")
            }
            date = parsed
        }
        let actor = "operator:" + (token.label.map { $0.isEmpty ? "#\(token.id)" : $0 } ?? "#\(token.id)")
        do {
            let device = try await storage.changeLifecycle(
                deviceId: id,
                LifecycleChange(
                    to: change.state,
                    actor: actor,
                    note: change.note,
                    date: date,
                    goneAfterRounds: change.goneAfterRounds
                ),
                at: clock()
            )
            context.logger.info(
                "lifecycle changed",
                metadata: ["device": "\(id)", "state": "\(device.lifecycle.rawValue)", "actor": "\(actor)"]
            )
            return try Self.json(DeviceJSON(device, staleBefore: staleBefore, policies: policies))
        } catch let error as LifecycleError {
            switch error {
            case .noDevice: throw APIError(.notFound, error.description)
            case .notAllowed: throw APIError(.conflict, error.description)
            case .missingDate: throw APIError(.badRequest, error.description)
            }
        }
    }

    func summaryJSON() async throws -> SummaryJSON {
        let now = clock()
        let rows = try await storage.summary(staleBefore: now - staleAfterMilliseconds)
        return SummaryJSON(rows: rows, generatedAt: now, staleAfterMilliseconds: staleAfterMilliseconds)
    }

    func summary() async throws -> Response {
        try Self.json(try await summaryJSON())
    }

    struct SiteJSON: Codable {
        var site: String
        var devices: Int
        var lastSeen: String?
        var activeTokens: Int
    }

    func sites() async throws -> Response {
        let sites = try await storage.sites().map {
            SiteJSON(
                site: $0.site,
                devices: $0.devices,
                lastSeen: $0.lastSeen.map { EpochTime.rfc3339(milliseconds: $0) },
                activeTokens: $0.activeTokens
            )
        }
        return try Self.json(["sites": sites])
    }

    func ready() async -> Response {
        do {
            try await storage.ping()
            return Self.text("ready\n")
        } catch {
            var response = Self.text("database unreachable\n")
            response.status = .serviceUnavailable
            return response
        }
    }

    func renderMetrics() async throws -> Response {
        let rows = try await storage.summary(staleBefore: staleBefore)
        var covered: [(policy: String, counts: [LifecycleCount])] = []
        for policy in policies.policies {
            covered.append((policy.id, try await storage.lifecycleCounts(coveredBy: policies.condition(for: policy))))
        }
        let lifecycle = try await storage.lifecycleCounts(coveredBy: nil)
        var response = Self.text(metrics.render(summary: rows, lifecycle: lifecycle, covered: covered))
        response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return response
    }

    // MARK: Helpers

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func text(_ text: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    static func html(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }
}

/// No scripts, no framing, no sniffing: every page is static HTML with inline CSS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(
        _ request: Request,
        context: BasicRequestContext,
        next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // A storage failure (database gone, …): logged here, answered as a bare 500 that says nothing
            // about the database, with the same headers as every other response.
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = try APIError(.internalServerError, "internal error; see the collector's log")
                .response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
