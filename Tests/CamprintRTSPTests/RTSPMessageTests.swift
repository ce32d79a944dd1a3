import CamprintRTSP
import CamprintWire
import Testing

@Suite struct RTSPMessageTests {
    @Test func parsesResponseWithBody() throws {
        let bytes = message("RTSP/1.0 200 OK\nCSeq: 3\nContent-Type: application/sdp\nContent-Length: 5\n\nv=0\n")
        let response = try RTSPResponse.parse(bytes)
        #expect(response.version == "RTSP/1.0")
        #expect(response.statusCode == 200)
        #expect(response.reasonPhrase == "OK")
        #expect(response.headers.map(\.name) == ["CSeq", "Content-Type", "Content-Length"])
        #expect(response.bodyText == "v=0\r\n")
        #expect(response.quirks.isEmpty, "\(response.quirks)")
    }

    @Test func parsesRequest() throws {
        let bytes = message(
            "SET_PARAMETER rtsp://cam/ RTSP/2.0\nCSeq: 9\nContent-Type: text/parameters\nContent-Length: 4\n\na: b"
        )
        let request = try RTSPRequest.parse(bytes)
        #expect(request.method == "SET_PARAMETER")
        #expect(request.uri == "rtsp://cam/")
        #expect(request.version == "RTSP/2.0")
        #expect(request.body.bytes == Array("a: b".utf8))
    }

    @Test func keepsOrderDuplicatesSpellingAndRawValues() throws {
        let bytes = message(
            """
            RTSP/1.0 401 Unauthorized
            Cseq: 2
            WWW-Authenticate: Digest realm="IP Camera(C2875)", nonce="abc", stale="FALSE"
            WWW-Authenticate: Basic realm="IP Camera(C2875)"
            Date:  Thu, May 14 2020 16:45:35 GMT


            """
        )
        let response = try RTSPResponse.parse(bytes)
        let challenges = response.headers.all("www-authenticate")
        #expect(challenges.count == 2)
        #expect(challenges.map { $0.value.prefix(6) } == ["Digest", "Basic "])
        #expect(response.headers.first("CSEQ")?.name == "Cseq")
        let date = try #require(response.headers.first("date"))
        #expect(date.rawValue == "  Thu, May 14 2020 16:45:35 GMT")
        #expect(date.value == "Thu, May 14 2020 16:45:35 GMT")
        #expect(date.leadingWhitespaceCount == 2)
        #expect(response.quirks.codes().contains(RTSPQuirkCodes.headerExtraLeadingSpace))
        #expect(response.quirks.codes().contains(RTSPQuirkCodes.trailingBytes) == false)
    }

    @Test func toleratesLFOnlyMissingReasonMissingColonFoldingTrailingSpaces() throws {
        let text = "RTSP/1.0 200\nCSeq: 1  \nX-Odd-Line\nX-Folded: first\n\tsecond\nContent-Length: 3\n\nabc"
        let response = try RTSPResponse.parse(message(text, lf: true))
        #expect(response.reasonPhrase.isEmpty)
        let codes = response.quirks.codes()
        for expected in [
            RTSPQuirkCodes.lineEndingLF, RTSPQuirkCodes.missingReason, RTSPQuirkCodes.headerMissingColon,
            RTSPQuirkCodes.headerFolded, RTSPQuirkCodes.headerTrailingSpace, RTSPQuirkCodes.bodyMissingContentType,
        ] {
            #expect(codes.contains(expected), "missing \(expected) in \(codes)")
        }
        #expect(!codes.contains(RTSPQuirkCodes.lineEndingMixed))
        let odd = try #require(response.headers.first("X-Odd-Line"))
        #expect(odd.hasColon == false)
        let folded = try #require(response.headers.first("x-folded"))
        #expect(folded.rawValue == " first\n\tsecond")
        #expect(folded.value == "first second")
        #expect(response.headers.first("CSeq")?.rawValue == " 1  ")
        #expect(response.bodyText == "abc")
    }

    @Test func missingServerIsNotAQuirk() throws {
        let response = try RTSPResponse.parse(message("RTSP/1.0 200 OK\nCSeq: 1\n\n"))
        #expect(response.quirks.isEmpty)
        #expect(response.headers.first("Server") == nil)
    }

    @Test func trailingBytesAfterBodyAreAQuirk() throws {
        let response = try RTSPResponse.parse(message("RTSP/1.0 200 OK\nContent-Length: 1\nContent-Type: a/b\n\nxyz"))
        #expect(response.bodyText == "x")
        let quirk = try #require(response.quirks.first { $0.code == RTSPQuirkCodes.trailingBytes })
        #expect(quirk.offset == 58)
    }

    @Test func requestIsNotAResponse() {
        #expect(throws: RTSPError.self) { try RTSPResponse.parse(message("OPTIONS * RTSP/1.0\nCSeq: 1\n\n")) }
    }

    // MARK: Negative cases

    struct NegativeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let code: RTSPError.Code
        let offset: Int
        var testDescription: String { name }
    }

    static let limits = RTSPLimits(maxStartLineBytes: 64, maxHeadBytes: 256, maxHeaderCount: 4, maxBodyBytes: 1000)

    static let negativeCases: [NegativeCase] = [
        NegativeCase(
            name: "truncated header",
            bytes: message("RTSP/1.0 200 OK\nCSeq: 1\nSession: 12"),
            code: .truncatedHead,
            offset: 0
        ),
        NegativeCase(
            name: "truncated start line",
            bytes: Array("RTSP/1.0 200".utf8),
            code: .truncatedHead,
            offset: 0
        ),
        NegativeCase(
            name: "oversize header",
            bytes: message("RTSP/1.0 200 OK\nX-Big: " + String(repeating: "a", count: 300) + "\n\n"),
            code: .headTooLarge,
            offset: 0
        ),
        NegativeCase(
            name: "oversize start line",
            bytes: message("DESCRIBE rtsp://" + String(repeating: "a", count: 100) + " RTSP/1.0\n\n"),
            code: .startLineTooLarge,
            offset: 0
        ),
        NegativeCase(
            name: "too many headers",
            bytes: message("RTSP/1.0 200 OK\nA: 1\nB: 2\nC: 3\nD: 4\nE: 5\n\n"),
            code: .tooManyHeaders,
            offset: 41
        ),
        NegativeCase(
            name: "negative Content-Length",
            bytes: message("RTSP/1.0 200 OK\nContent-Length: -1\n\n"),
            code: .invalidContentLength,
            offset: 17
        ),
        NegativeCase(
            name: "huge Content-Length",
            bytes: message("RTSP/1.0 200 OK\nContent-Length: 99999999999999999999999\n\n"),
            code: .bodyTooLarge,
            offset: 17
        ),
        NegativeCase(
            name: "Content-Length above limit",
            bytes: message("RTSP/1.0 200 OK\nContent-Length: 1001\n\n"),
            code: .bodyTooLarge,
            offset: 17
        ),
        NegativeCase(
            name: "truncated body",
            bytes: message("RTSP/1.0 200 OK\nContent-Length: 10\n\nabc"),
            code: .truncatedBody,
            offset: 39
        ),
        NegativeCase(
            name: "binary garbage",
            bytes: [0x00, 0xFF, 0x13, 0x37],
            code: .garbage,
            offset: 0
        ),
        NegativeCase(
            name: "text that is not a start line",
            bytes: message("HELLO WORLD\n\n"),
            code: .invalidStartLine,
            offset: 0
        ),
        NegativeCase(
            name: "HTTP status line",
            bytes: message("HTTP/1.1 200 OK\n\n"),
            code: .invalidStartLine,
            offset: 0
        ),
        NegativeCase(name: "empty input", bytes: [], code: .emptyInput, offset: 0),
        NegativeCase(name: "only blank lines", bytes: message("\n\n"), code: .emptyInput, offset: 4),
    ]

    @Test(arguments: negativeCases)
    func rejects(_ negative: NegativeCase) {
        do {
            let parsed = try RTSPMessage.parse(negative.bytes, limits: Self.limits)
            Issue.record("\(negative.name): parsed as \(parsed)")
        } catch {
            #expect(error.code == negative.code, "\(negative.name): \(error)")
            #expect(error.offset == negative.offset, "\(negative.name): \(error)")
            #expect(!error.excerpt.isEmpty || negative.bytes.count <= error.offset, "\(negative.name): \(error)")
        }
    }
}
