import CamprintDigest
import Testing

@Suite("Digest: response, Authorization header, parameters, server check")
struct DigestTests {
    /// RFC 7616 §3.9.1: the same request answered with SHA-256 and with MD5.
    static let rfc7616 = (
        username: "Mufasa", password: "Circle of Life", realm: "http-auth@example.org",
        nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri: "/dir/index.html",
        clientNonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
    )

    @Test(arguments: [
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
        (.md5, "8ca523f5e9506fed4657c9700eebdbec"),
    ])
    func rfc7616Example(algorithm: DigestAlgorithm, expected: String) {
        let example = Self.rfc7616
        let response = DigestAuthorization.response(
            algorithm: algorithm,
            username: example.username,
            password: example.password,
            realm: example.realm,
            nonce: example.nonce,
            method: "GET",
            uri: example.uri,
            qop: "auth",
            nonceCount: "00000001",
            clientNonce: example.clientNonce
        )
        #expect(response == expected)
        // The RFC's Authorization header (its field order), checked by the server side.
        let header =
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
            + "algorithm=\(algorithm.rawValue), nonce=\"\(example.nonce)\", nc=00000001, "
            + "cnonce=\"\(example.clientNonce)\", qop=auth, response=\"\(expected)\", opaque=\"\(example.opaque)\""
        let received = ReceivedDigest(header: header)
        #expect(received?.isValid(password: example.password, method: "GET") == true)
        #expect(received?.isValid(password: "Circle Of Life", method: "GET") == false)
        #expect(received?.isValid(password: example.password, method: "POST") == false)
        #expect(received?.opaque == example.opaque)
    }

    /// RFC 2617 §3.5, the response and the header our client sends for it (field order of
    /// RFC 7616 §3.4, algorithm not echoed because the challenge did not name it).
    @Test func rfc2617Example() {
        let authorization = DigestAuthorization(
            algorithm: .md5,
            algorithmWasNamed: false,
            username: "Mufasa",
            password: "Circle Of Life",
            realm: "testrealm@host.com",
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            method: "GET",
            uri: "/dir/index.html",
            qop: "auth",
            clientNonce: "0a4f113b",
            opaque: "5ccc069c403ebaf9f0171e9517f40e41"
        )
        #expect(authorization.response == "6629fae49393a05397450978507c4ef1")
        #expect(
            authorization.headerValue
                == "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                + "response=\"6629fae49393a05397450978507c4ef1\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
                + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""
        )
        // RFC 2617 §3.5's own header, folded over lines as printed there.
        let printed = """
            Digest username="Mufasa",
                             realm="testrealm@host.com",
                             nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                             uri="/dir/index.html",
                             qop=auth,
                             nc=00000001,
                             cnonce="0a4f113b",
                             response="6629fae49393a05397450978507c4ef1",
                             opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """
        #expect(ReceivedDigest(header: printed)?.isValid(password: "Circle Of Life", method: "GET") == true)
        #expect(
            ReceivedDigest(header: authorization.headerValue)?.isValid(password: "Circle Of Life", method: "GET")
                == true
        )
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
        // The escaped name reads back, and the RFC 2069 form (no qop) verifies.
        let received = ReceivedDigest(header: value)
        #expect(received?.username == "a\"b")
        #expect(received?.isValid(password: "p", method: "DESCRIBE") == true)
    }

    @Test(arguments: DigestAlgorithm.allCases)
    func everyAlgorithmRoundTrips(algorithm: DigestAlgorithm) {
        for qop in ["auth", nil] {
            let header = DigestAuthorization(
                algorithm: algorithm,
                username: "admin",
                password: "pä55 w:rd\"x",
                realm: "IP Camera(C2875)",
                nonce: "938032d91ffc30ca80b5da94c18887ac",
                method: "DESCRIBE",
                uri: "rtsp://127.0.0.1/",
                qop: qop,
                nonceCount: 2,
                clientNonce: "0a4f113b"
            ).headerValue
            let received = ReceivedDigest(header: header)
            #expect(received?.nonceCount == (qop == nil ? nil : "00000002"))
            #expect(received?.isValid(password: "pä55 w:rd\"x", method: "DESCRIBE") == true, "\(header)")
            #expect(received?.isValid(password: "pä55 w:rd\"x", method: "DESCRIBE", algorithms: []) == false)
            #expect(received?.isValid(password: "wrong", method: "DESCRIBE") == false)
        }
    }

    @Test func parametersFollowQuotedStringRules() {
        let parameters = DigestParameters.parse(
            #"Digest realm="Cam \"A\", 1", QOP="auth,auth-int",algorithm=MD5 , nonce="n1", stale=TRUE"#
        )
        #expect(parameters["realm"] == "Cam \"A\", 1")
        #expect(parameters["qop"] == "auth,auth-int")
        #expect(parameters["algorithm"] == "MD5")
        #expect(parameters["nonce"] == "n1")
        #expect(parameters["stale"] == "TRUE")
        #expect(ReceivedDigest(header: "Basic YWRtaW46cGFzcw==") == nil)
        #expect(ReceivedDigest(header: nil) == nil)
        #expect(ReceivedDigest(header: "Digest username=\"u\"")?.isValid(password: "p", method: "GET") == false)
    }

    @Test func nonceCountIsEightHexDigits() {
        #expect(DigestAuthorization.format(nonceCount: 1) == "00000001")
        #expect(DigestAuthorization.format(nonceCount: 0x1_0000_0001) == "00000001")
        #expect(DigestAuthorization.format(nonceCount: 0xABCDEF12) == "abcdef12")
    }
}
