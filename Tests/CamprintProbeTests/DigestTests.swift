import CamprintProbe
import CamprintRTSP
import CamprintReport
import CamprintSDP
import Crypto
import Foundation
import Testing

@Suite("Digest and Basic authentication")
struct DigestTests {
    /// RFC 7616 §3.9.1: the same request answered with SHA-256 and with MD5.
    @Test(arguments: [
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
        (.md5, "8ca523f5e9506fed4657c9700eebdbec"),
    ])
    func rfc7616Example(algorithm: DigestAlgorithm, expected: String) {
        let response = DigestAuthorization.response(
            algorithm: algorithm,
            username: "Mufasa",
            password: "Circle of Life",
            realm: "http-auth@example.org",
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            method: "GET",
            uri: "/dir/index.html",
            qop: "auth",
            nonceCount: "00000001",
            clientNonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
        )
        #expect(response == expected)
    }

    /// RFC 2617 §3.5.
    @Test func rfc2617Example() {
        let response = DigestAuthorization.response(
            algorithm: .md5,
            username: "Mufasa",
            password: "Circle Of Life",
            realm: "testrealm@host.com",
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            method: "GET",
            uri: "/dir/index.html",
            qop: "auth",
            nonceCount: "00000001",
            clientNonce: "0a4f113b"
        )
        #expect(response == "6629fae49393a05397450978507c4ef1")
    }

    @Test func headerQuotesAndEscapes() {
        let value = DigestAuthorization(
            algorithm: .md5,
            algorithmWasNamed: false,
            username: "a\"b",
            password: "p",
            realm: "r",
            nonce: "n",
            method: "DESCRIBE",
            uri: "rtsp://h/",
            qop: nil,
            clientNonce: "c"
        ).headerValue
        #expect(value.hasPrefix("Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"rtsp://h/\", response=\""))
        #expect(!value.contains("algorithm="), "not echoed when the challenge did not name it")
        #expect(!value.contains("nc="), "no qop, no nc")
    }

    @Test func choicePrefersSHA256ThenMD5ThenBasic() {
        let challenges = AuthenticateChallenge.parseAll(
            "Basic realm=\"r\", Digest realm=\"r\", nonce=\"1\", Digest realm=\"r\", nonce=\"2\", algorithm=SHA-256"
        )
        guard case .digest(let challenge, .sha256) = AuthenticationChoice.choose(from: challenges) else {
            Issue.record("expected Digest SHA-256")
            return
        }
        #expect(challenge.nonce == "2")
        let basicOnly = AuthenticateChallenge.parseAll("Basic realm=\"r\"")
        #expect(AuthenticationChoice.choose(from: basicOnly)?.schemeName == "Basic")
        #expect(AuthenticationChoice.choose(from: AuthenticateChallenge.parseAll("NTLM")) == nil)
    }

    // MARK: Against a verifying server

    /// Independent computation in the test, with swift-crypto directly.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ algorithm: String, _ text: String) -> String {
        algorithm == "SHA-256" ? hex(SHA256.hash(data: Data(text.utf8))) : hex(Insecure.MD5.hash(data: Data(text.utf8)))
    }

    static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        let body = header.drop { $0 != " " }
        guard let pattern = try? NSRegularExpression(pattern: #"(\w+)=("([^"\\]|\\.)*"|[^,\s]+)"#) else { return [:] }
        let text = String(body)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text) else {
                continue
            }
            var raw = String(text[value])
            if raw.hasPrefix("\"") {
                raw = String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            result[String(text[name])] = raw
        }
        return result
    }

    @Test(arguments: [("MD5", true), ("MD5", false), ("SHA-256", true), ("SHA-256", false)])
    func serverVerifiesDigest(algorithm: String, withQop: Bool) async throws {
        let realm = "IP Camera(C2875)"
        let nonce = "938032d91ffc30ca80b5da94c18887ac"
        let password = "pä55 w:rd\"x"
        let challenge =
            "WWW-Authenticate: Digest realm=\"\(realm)\", nonce=\"\(nonce)\", algorithm=\(algorithm)"
            + (withQop ? ", qop=\"auth\", opaque=\"op4que\"" : "")
        let server = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            guard let authorization = request.header("Authorization") else {
                return .send(Responses.response("401 Unauthorized", cseq: request.cseq, headers: [challenge]))
            }
            let fields = DigestTests.parameters(authorization)
            let ha1 = DigestTests.hash(algorithm, "admin:\(realm):\(password)")
            let ha2 = DigestTests.hash(algorithm, "DESCRIBE:\(fields["uri"] ?? "")")
            let expected =
                withQop
                ? DigestTests.hash(
                    algorithm,
                    "\(ha1):\(nonce):\(fields["nc"] ?? ""):\(fields["cnonce"] ?? ""):auth:\(ha2)"
                )
                : DigestTests.hash(algorithm, "\(ha1):\(nonce):\(ha2)")
            let valid =
                authorization.hasPrefix("Digest ") && fields["response"] == expected && fields["username"] == "admin"
                && fields["uri"] == request.uri && fields["realm"] == realm
                && (!withQop || (fields["qop"] == "auth" && fields["nc"] == "00000001" && fields["opaque"] == "op4que"))
            return .send(
                valid
                    ? Responses.response(
                        "200 OK",
                        cseq: request.cseq,
                        headers: ["Content-Type: application/sdp"],
                        body: Responses.h264SDP
                    )
                    : Responses.response("401 Unauthorized", cseq: request.cseq, headers: [challenge])
            )
        }
        defer { Task { await server.stop() } }
        let result = await ControlPlaneClient(options: FaultServerTests.options).probe(
            try RTSPURL(parsing: server.url),
            credentials: ProbeCredentials(username: "admin", password: password)
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(result.authentication?.scheme == "Digest")
        #expect(result.authentication?.algorithm == algorithm)
        #expect(result.authentication?.accepted == true)
        #expect(result.authentication?.sentInClear == false)
        #expect(result.sessionDescription?.media.count == 1)
        let recorded = result.exchanges.map { String(decoding: $0.request.serialize(), as: UTF8.self) }.joined()
        #expect(!recorded.contains(password) && recorded.contains("Authorization: Digest (redacted)"))
    }

    /// With the operator's opt-in (``ControlPlaneOptions/allowBasic``); without it, see
    /// HostileControlPlaneTests.
    @Test func basicOnlyWhenOfferedAllowedAndMarkedInClear() async throws {
        let token = "Basic " + Data("admin:s3cret".utf8).base64EncodedString()
        let server = try await TestRTSPServer.start { request in
            if request.method == "OPTIONS" { return .send(Responses.response("200 OK", cseq: request.cseq)) }
            if request.header("Authorization") == token {
                return .send(Responses.response("200 OK", cseq: request.cseq, body: Responses.h264SDP))
            }
            return .send(
                Responses.response(
                    "401 Unauthorized",
                    cseq: request.cseq,
                    headers: ["WWW-Authenticate: Basic realm=\"cam\""]
                )
            )
        }
        defer { Task { await server.stop() } }
        var options = FaultServerTests.options
        options.allowBasic = true
        let result = await ControlPlaneClient(options: options).probe(
            try RTSPURL(parsing: server.url),
            credentials: ProbeCredentials(username: "admin", password: "s3cret")
        )
        #expect(result.status == .ok, "\(result.failure?.message ?? "")")
        #expect(result.authentication?.scheme == "Basic")
        #expect(result.authentication?.sentInClear == true)
        #expect(server.requests.first?.header("Authorization") == nil, "never Basic before a challenge")
        let section = result.reportSection
        let json = String(decoding: try JSONEncoder().encode(section), as: UTF8.self)
        #expect(!json.contains(Data("admin:s3cret".utf8).base64EncodedString()))
    }
}
