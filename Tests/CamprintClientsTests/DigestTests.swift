import CamprintClients
import CamprintDigest
import CamprintRTSP
import CamprintReport
import CamprintSDP
import Foundation
import Testing

@Suite("Digest and Basic authentication")
struct DigestTests {
    // The RFC examples and the header format are pinned in Tests/CamprintDigestTests.

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

    /// The server checks with CamprintDigest's verifier (whose results are pinned to the RFC
    /// examples in Tests/CamprintDigestTests).
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
            let received = ReceivedDigest(header: authorization)
            let valid =
                received?.isValid(password: password, method: "DESCRIBE") == true
                && received?.parameters["algorithm"] == algorithm && received?.username == "admin"
                && received?.uri == request.uri && received?.realm == realm && received?.nonce == nonce
                && (!withQop
                    || (received?.qop == "auth" && received?.nonceCount == "00000001" && received?.opaque == "op4que"))
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
        // What the report's `rtsp` section is made of (CamprintProbe's ReportBuilder.rtsp).
        let recorded = result.exchanges.map { String(decoding: $0.request.serialize() + $0.rawResponse, as: UTF8.self) }
        #expect(!recorded.joined().contains(Data("admin:s3cret".utf8).base64EncodedString()))
    }
}
