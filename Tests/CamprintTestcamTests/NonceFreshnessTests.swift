import CamprintDigest
import CamprintRTSP
import CamprintTestcam
import Foundation
import Testing

/// Digest nonces expire (RFC 2617 §3.2.1 `stale`), and only issued nonces are accepted; seen from
/// a plain socket client.
@Suite("Digest nonce freshness")
struct NonceFreshnessTests {
    static let url = SocketCamera.url

    static func serve<T: Sendable>(
        lifetime: Double,
        _ body: @escaping @Sendable (SocketClient) throws -> T
    ) async throws -> T {
        let camera = CameraConfig(
            persona: try Harness.persona("hikvision-ipc"),
            media: try Harness.cache.source(Harness.h264_720p),
            credentials: Credentials(user: "admin", password: "right"),
            nonceLifetimeSeconds: lifetime
        )
        return try await Harness.withServer([camera]) { port in
            try await Harness.blocking { try body(try SocketClient(port: port)) }
        }
    }

    static func nonce(_ response: RTSPResponse) -> String {
        DigestParameters.parse(response.headers.value("WWW-Authenticate") ?? "")["nonce"] ?? ""
    }

    @Test("an expired nonce gets 401 with stale=TRUE and a new nonce, which then works")
    func expiredNonceIsStale() async throws {
        let (fresh, stale, staleHeader, firstNonce, secondNonce, again) = try await Self.serve(lifetime: 1) { client in
            let challenge = try client.request("DESCRIBE", Self.url, cseq: 1)
            let auth = SocketCamera.digest(challenge, password: "right", method: "DESCRIBE", uri: Self.url)
            let fresh = try client.request("DESCRIBE", Self.url, cseq: 2, headers: [("Authorization", auth)])
            Thread.sleep(forTimeInterval: 1.6)
            let stale = try client.request("DESCRIBE", Self.url, cseq: 3, headers: [("Authorization", auth)])
            let renewed = SocketCamera.digest(stale, password: "right", method: "DESCRIBE", uri: Self.url)
            let again = try client.request("DESCRIBE", Self.url, cseq: 4, headers: [("Authorization", renewed)])
            return (
                fresh.statusCode, stale.statusCode, stale.headers.value("WWW-Authenticate") ?? "",
                Self.nonce(challenge), Self.nonce(stale), again.statusCode
            )
        }
        #expect(fresh == 200)
        #expect(stale == 401)
        #expect(staleHeader.contains("stale=\"TRUE\""), "challenge after expiry: \(staleHeader)")
        #expect(!firstNonce.isEmpty && secondNonce != firstNonce)
        #expect(again == 200)
    }

    @Test("a nonce the camera never issued is refused, without stale=TRUE")
    func unknownNonceIsRefused() async throws {
        let (status, header) = try await Self.serve(lifetime: 60) { client in
            let challenge = try client.request("DESCRIBE", Self.url, cseq: 1)
            let realm = DigestParameters.parse(challenge.headers.value("WWW-Authenticate") ?? "")["realm"] ?? ""
            let forged = "0123456789abcdef0123456789abcdef"
            let auth = HTTPTestAuth.rfc2069(
                user: "admin",
                password: "right",
                realm: realm,
                nonce: forged,
                method: "DESCRIBE",
                uri: Self.url
            )
            let refused = try client.request("DESCRIBE", Self.url, cseq: 2, headers: [("Authorization", auth)])
            return (refused.statusCode, refused.headers.value("WWW-Authenticate") ?? "")
        }
        #expect(status == 401)
        #expect(header.contains("stale=\"FALSE\""), "challenge: \(header)")
    }

    @Test("a nonce is valid on another connection to the same camera while fresh")
    func nonceSharedAcrossConnections() async throws {
        let camera = CameraConfig(
            persona: try Harness.persona("hikvision-ipc"),
            media: try Harness.cache.source(Harness.h264_720p),
            credentials: Credentials(user: "admin", password: "right")
        )
        let status = try await Harness.withServer([camera]) { port in
            try await Harness.blocking {
                let first = try SocketClient(port: port)
                let challenge = try first.request("DESCRIBE", Self.url, cseq: 1)
                let auth = SocketCamera.digest(challenge, password: "right", method: "DESCRIBE", uri: Self.url)
                let second = try SocketClient(port: port)
                return try second.request("DESCRIBE", Self.url, cseq: 1, headers: [("Authorization", auth)]).statusCode
            }
        }
        #expect(status == 200)
    }
}
