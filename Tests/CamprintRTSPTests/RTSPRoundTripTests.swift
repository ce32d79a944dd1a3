import CamprintRTSP
import CamprintWire
import Testing

@Suite struct RTSPRoundTripTests {
    static let requests: [RTSPRequest] = [
        RTSPRequest(
            method: "OPTIONS",
            uri: "rtsp://192.168.10.147:554",
            headers: RTSPHeaders([RTSPHeader("CSeq", "1"), RTSPHeader("User-Agent", "Lavf57.83.100")])
        ),
        RTSPRequest(
            method: "SETUP",
            uri: "rtsp://192.168.5.106:554/Streaming/Channels/101/trackID=1?transportmode=unicast&profile=Profile_1",
            headers: RTSPHeaders([
                RTSPHeader("CSeq", "2"),
                RTSPHeader("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1"),
                RTSPHeader(
                    "Authorization",
                    #"Digest username="admin", realm="IP Camera(C2875)", nonce="938032d9", uri="rtsp://x/", response="0f""#
                ),
            ])
        ),
        RTSPRequest(
            method: "SET_PARAMETER",
            uri: "rtsp://cam/",
            version: "RTSP/2.0",
            headers: RTSPHeaders([
                RTSPHeader("CSeq", "9"),
                RTSPHeader(name: "Session", rawValue: "        708345999"),
                RTSPHeader(name: "x-Odd", rawValue: "", hasColon: false),
                RTSPHeader(name: "X-Empty", rawValue: ""),
                RTSPHeader("Content-Type", "text/parameters"),
                RTSPHeader("Content-Length", "13"),
            ]),
            body: Array("barparam: 1\r\n".utf8)
        ),
        RTSPRequest(method: "TEARDOWN", uri: "*"),
    ]

    @Test(arguments: requests)
    func parseOfSerializeGivesTheSameRequest(_ request: RTSPRequest) throws {
        var parsed = try RTSPRequest.parse(request.serialize())
        // Whitespace quirks describe the bytes, not the value; compare the rest.
        parsed.quirks = parsed.quirks.filter { !$0.code.hasPrefix("rtsp.header.") }
        #expect(parsed == request)
    }

    @Test func serializeIsExact() {
        let request = Self.requests[0]
        #expect(
            ASCII.string(request.serialize())
                == "OPTIONS rtsp://192.168.10.147:554 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Lavf57.83.100\r\n\r\n"
        )
    }

    /// Parsed messages with quirks serialize to bytes that parse to the same fields.
    @Test func parsedRequestsSurviveSerialization() throws {
        let text = "DESCRIBE rtsp://a/b RTSP/1.0\nCSeq:3\nX-Fold: a\n  b\nOdd line\nDate:  x  \n\n"
        let first = try RTSPRequest.parse(Array(text.utf8))
        let second = try RTSPRequest.parse(first.serialize())
        #expect(second.headers == first.headers)
        #expect(second.serialize() == first.serialize())
        #expect(second.method == first.method && second.uri == first.uri)
    }

    @Test func responseSerializeRoundTrips() throws {
        let response = RTSPResponse(
            statusCode: 401,
            reasonPhrase: "Unauthorized",
            headers: RTSPHeaders([
                RTSPHeader("CSeq", "2"),
                RTSPHeader("WWW-Authenticate", #"Digest realm="r", nonce="n""#),
                RTSPHeader("WWW-Authenticate", #"Basic realm="r""#),
            ])
        )
        #expect(try RTSPResponse.parse(response.serialize()) == response)
    }
}

@Suite struct RTSPResponseSerializeTests {
    /// Found by fuzzing: a status code below 100 must keep three digits.
    @Test func shortStatusCodeKeepsThreeDigits() throws {
        let response = try RTSPResponse.parse(Array("RTSP/1.0 020 OK\r\n\r\n".utf8))
        #expect(response.statusCode == 20)
        #expect(ASCII.string(response.serialize()).hasPrefix("RTSP/1.0 020 OK\r\n"))
        #expect(try RTSPResponse.parse(response.serialize()) == response)
    }
}

@Suite struct RTSPFoldingEdgeTests {
    /// Found by fuzzing: a whitespace-led line after a header without colon is its own header
    /// (a fold there would be lost on serialization, since a colon-less header has no value).
    @Test func noFoldOntoColonlessHeader() throws {
        let response = try RTSPResponse.parse(Array("RTSP/1.0 200 OK\r\n00 OK\r\n\tSeq: 2\r\n\r\n".utf8))
        #expect(response.headers.map(\.name) == ["00 OK", "Seq"])
        #expect(try RTSPResponse.parse(response.serialize()).headers == response.headers)
    }
}
