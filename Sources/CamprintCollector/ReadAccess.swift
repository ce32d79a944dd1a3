import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Who may read the inventory (page, API, CSV, metrics): anyone who reaches the collector (`open`, the
/// default on loopback or with `--public-read`), or only holders of a read token (`--read-token-file`),
/// sent as `Authorization: Bearer …` or, for the page, as the cookie the login form sets.
public struct ReadAccess: Sendable {
    /// SHA-256 (hex) of each accepted token; nil: no token needed.
    let tokenHashes: Set<String>?

    public static let open = ReadAccess(tokenHashes: nil)

    init(tokenHashes: Set<String>?) {
        self.tokenHashes = tokenHashes
    }

    /// Tokens as given (each at least 16 characters).
    public init(tokens: [String]) throws {
        guard !tokens.isEmpty else { throw CollectorError.configuration("read token file holds no token") }
        for token in tokens where token.utf8.count < 16 || token.contains(where: { $0.isWhitespace }) {
            throw CollectorError.configuration("read tokens must be at least 16 characters, without spaces")
        }
        self.tokenHashes = Set(tokens.map(TokenSecret.hash))
    }

    /// The lines of a token file (``SecretFile``: refused when group or others can read it).
    public static func load(path: String) throws -> ReadAccess {
        do {
            return try ReadAccess(tokens: try SecretFile.lines(path))
        } catch let error as SecretFile.Failure {
            throw CollectorError.configuration("--read-token-file: \(error.description)")
        }
    }

    public var isOpen: Bool { tokenHashes == nil }

    /// Compared by SHA-256: a lookup in a set of hashes tells a timing observer nothing about the secret.
    func accepts(_ secret: String) -> Bool {
        guard let tokenHashes else { return true }
        return tokenHashes.contains(TokenSecret.hash(secret))
    }

    static let cookieName = "camprint_read"

    /// The bearer token or, failing that, the read cookie of the request.
    static func presentedSecret(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName else { continue }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `Set-Cookie` for a signed-in reader: the token itself, unreadable by scripts, never sent by another
    /// site's page, only over TLS when the collector is behind it.
    static func cookie(_ secret: String, secure: Bool) -> String {
        "\(cookieName)=\(secret); Path=/; Max-Age=43200; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func clearingCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}

/// The `Host` allowlist (`--allowed-host`): a request naming any other host gets 421. Behind a name the
/// operator chose, a DNS-rebinding page (`attacker.example` resolving to 127.0.0.1) is refused too.
/// `/healthz` and `/readyz` are exempt (they say nothing about the inventory).
struct HostAllowlistMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let allowed: Set<String>

    init(_ hosts: [String]) {
        allowed = Set(hosts.map { $0.lowercased() })
    }

    /// `camprint.example:8443` → `camprint.example`; `[::1]:8080` → `::1`.
    static func hostName(_ authority: String) -> String {
        var text = Substring(authority.lowercased())
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return String(text) }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        if let colon = text.lastIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 { text = text[..<colon] }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }

    func handle(
        _ request: Request,
        context: BasicRequestContext,
        next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard allowed.isEmpty || path == "/healthz" || path == "/readyz" else {
            let host = request.head.authority.map(Self.hostName)
            guard let host, allowed.contains(host) else {
                throw APIError(.misdirectedRequest, "this collector does not answer for that Host")
            }
            return try await next(request, context)
        }
        return try await next(request, context)
    }
}

/// Requires a read token on every GET of the inventory when ``ReadAccess`` has tokens. Ingest and the
/// operator API check their own tokens; `/healthz`, `/readyz` and the login form are open.
struct ReadAuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let access: ReadAccess
    /// Operator tokens may read too (checked against storage).
    let acceptsOperator: @Sendable (String) async throws -> Bool

    static let openPaths: Set<String> = ["/healthz", "/readyz", "/login"]

    func handle(
        _ request: Request,
        context: BasicRequestContext,
        next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        guard !access.isOpen, request.method == .get || request.method == .head,
            !Self.openPaths.contains(request.uri.path)
        else { return try await next(request, context) }
        if let secret = ReadAccess.presentedSecret(request) {
            if access.accepts(secret) { return try await next(request, context) }
            if try await acceptsOperator(secret) { return try await next(request, context) }
        }
        let path = request.uri.path
        if path.hasPrefix("/api/") || path == "/metrics" {
            throw APIError(
                .unauthorized,
                "a read token is required (Authorization: Bearer …)",
                headers: [.wwwAuthenticate: "Bearer realm=\"camprint-collector\""]
            )
        }
        var response = CollectorService.html(LoginPage.render(message: nil))
        response.status = .unauthorized
        return response
    }
}

/// The sign-in form: the read token once, then a cookie.
enum LoginPage {
    static func render(message: String?) -> String {
        HTML.document(
            title: "camprint collector: sign in",
            body: """
                <main><h1>camprint collector</h1>
                <p>This collector requires a read token.</p>
                \(message.map { "<p class=\"alert\">\(HTML.escape($0))</p>" } ?? "")
                <form class="filters" method="post" action="/login">
                <label>Read token<input type="password" name="token" autocomplete="current-password" size="48"></label>
                <button type="submit">Sign in</button></form></main>
                """
        )
    }

    /// `token=…` from an `application/x-www-form-urlencoded` body.
    static func token(fromForm body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "token" else { continue }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }
}
