import CamprintClients
import Testing

@Suite("HTTP client framing (loopback)")
struct HTTPClientFramingTests {
    static func fetch(_ bytes: [UInt8], close: Bool = true) async throws -> Result<
        HTTPFetchedResponse, HTTPClientFailure
    > {
        let server = try await TestHTTPServer.start { _ in close ? .sendAndClose(bytes) : .send(bytes) }
        defer { Task { await server.stop() } }
        return await HTTPClient(eventLoopGroup: TestEventLoops.client).send(
            HTTPRequestMessage(method: "GET", target: "/"),
            host: "127.0.0.1",
            port: server.port,
            deadline: ContinuousClock.now + .seconds(60)
        )
    }

    @Test func chunkedBodyIsDecodedAndTheRawBytesKept() async throws {
        let wire = Array(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: App-webs/\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
                .utf8
        )
        // Left open: the end comes from the last chunk, not from the close.
        let response = try await Self.fetch(wire, close: false).get()
        #expect(response.bodyText == "hello world")
        #expect(response.raw == wire)
        #expect(response.value("server") == "App-webs/")
    }

    @Test func contentLengthEndsTheResponseWithoutAClose() async throws {
        let wire = Array("HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\nabc".utf8)
        let response = try await Self.fetch(wire, close: false).get()
        #expect(response.statusCode == 404)
        #expect(response.bodyText == "abc")
    }

    @Test func bareLineFeedsAndBodyUntilClose() async throws {
        let response = try await Self.fetch(Array("HTTP/1.1 200 OK\nServer: lighttpd\n\n<html/>".utf8)).get()
        #expect(response.statusCode == 200)
        #expect(response.value("Server") == "lighttpd")
        #expect(response.bodyText == "<html/>")
    }

    @Test(arguments: [
        ("RTSP/1.0 200 OK\r\n\r\n", "status line"), ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size"),
    ])
    func malformedResponsesAreErrors(text: String, reason: String) async throws {
        let result = try await Self.fetch(Array(text.utf8))
        guard case .failure(.malformed(let message)) = result else {
            Issue.record("expected malformed (\(reason)), got \(result)")
            return
        }
        #expect(message.contains(reason))
    }

    @Test func truncatedBodyIsClosedEarly() async throws {
        let result = try await Self.fetch(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(result == .failure(.closedEarly(receivedBytes: 42)))
    }

    @Test func endlessHeadIsTooLarge() async throws {
        let head = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 2_000)
        let result = try await Self.fetch(Array(head.utf8))
        #expect(result == .failure(.headTooLarge(limit: HTTPClientLimits.default.maximumHeadBytes)))
    }

    /// One byte per TCP segment: the framer resumes (head search, chunks) across reads.
    @Test func trickledChunkedResponseIsFramedAcrossReads() async throws {
        var wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        var expected = ""
        for index in 0..<40 {
            let piece = "piece-\(index);"
            wire += String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n"
            expected += piece
        }
        wire += "0\r\n\r\n"
        let bytes = Array(wire.utf8)
        let server = try await TestRTSPServer.start { _ in .trickle(bytes, interval: .microseconds(200)) }
        defer { Task { await server.stop() } }
        let response = try await HTTPClient(eventLoopGroup: TestEventLoops.client).send(
            HTTPRequestMessage(method: "GET", target: "/"),
            host: "127.0.0.1",
            port: server.port,
            deadline: ContinuousClock.now + .seconds(20)
        ).get()
        #expect(response.bodyText == expected)
        #expect(response.raw == bytes)
    }
}
