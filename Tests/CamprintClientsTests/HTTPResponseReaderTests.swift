import NIOCore
import NIOEmbedded
import Testing

@testable import CamprintClients

/// ``HTTPResponseReader`` (and the ``HTTPResponseFramer`` it drives) on an `EmbeddedChannel`:
/// RFC 9112 §6.3 message body length — `Content-Length`, `chunked`, until close — and the limits,
/// byte for byte, without sockets. The client's deadline is an event-loop timer claiming the same
/// once-flag (as ``HTTPClient`` does), moved by `EmbeddedEventLoop.advanceTime`.
@Suite("HTTP response reader (EmbeddedChannel)")
struct HTTPResponseReaderTests {
    final class Rig {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        let once = OnceFlag()
        let promise: EventLoopPromise<HTTPFetchedResponse>
        private(set) var result: Result<HTTPFetchedResponse, HTTPClientFailure>?

        init(limits: HTTPClientLimits = .default) throws {
            channel = EmbeddedChannel(loop: loop)
            promise = loop.makePromise()
            try channel.pipeline.syncOperations.addHandler(
                HTTPResponseReader(promise: promise, once: once, limits: limits)
            )
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).wait()
            promise.futureResult.assumeIsolated().whenComplete { [weak self] result in
                self?.result = result.mapError { $0 as? HTTPClientFailure ?? .io(String(describing: $0)) }
            }
        }

        deinit {
            // NIO traps on a promise never completed (HTTPClient's `defer` does the same), on an
            // open embedded channel and on an embedded loop freed with tasks left.
            if once.claim() { promise.fail(HTTPClientFailure.io("abandoned")) }
            _ = try? channel.finish(acceptAlreadyClosed: true)
            loop.advanceTime(by: .hours(1))
        }

        func feed(_ bytes: [UInt8]) throws {
            // After the reader closed the channel, reads no longer reach it (as on a socket).
            guard channel.isActive else { return }
            try channel.writeInbound(ByteBuffer(bytes: bytes))
        }

        func feed(_ text: String) throws { try feed(Array(text.utf8)) }

        func close() { channel.pipeline.fireChannelInactive() }

        var response: HTTPFetchedResponse? { try? result?.get() }

        var failure: HTTPClientFailure? {
            guard case .failure(let failure) = result else { return nil }
            return failure
        }

        var reader: HTTPResponseReader? { try? channel.pipeline.syncOperations.handler(type: HTTPResponseReader.self) }
    }

    // MARK: Message body length

    @Test func contentLengthEndsTheResponseWithoutAClose() throws {
        let rig = try Rig()
        let wire = "HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\nabc"
        try rig.feed(String(wire.dropLast()))
        #expect(rig.result == nil)
        try rig.feed("c")
        let response = try #require(rig.response)
        #expect(response.statusCode == 404 && response.reason == "Not Found")
        #expect(response.bodyText == "abc")
        #expect(response.raw == Array(wire.utf8))
        #expect(!rig.channel.isActive, "the reader closes once the response is complete")
    }

    @Test func bytesAfterTheContentLengthAreNotPartOfTheResponse() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokTRAILING")
        #expect(rig.response?.bodyText == "ok")
        #expect(rig.response?.raw == Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))
    }

    @Test func chunkedBodyIsDecodedAndTheRawBytesKept() throws {
        let rig = try Rig()
        let wire =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: App-webs/\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
        try rig.feed(wire)
        let response = try #require(rig.response, "the last chunk ends it, not a close")
        #expect(response.bodyText == "hello world")
        #expect(response.raw == Array(wire.utf8))
        #expect(response.value("server") == "App-webs/")
    }

    @Test func chunkedTrailerFieldsAreSkipped() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Trailer: 1\r\n\r\n")
        #expect(rig.response?.bodyText == "ok")
    }

    /// One byte per read: the framer resumes (head search, chunks) across reads.
    @Test func trickledChunkedResponseIsFramedAcrossReads() throws {
        let rig = try Rig()
        var wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        var expected = ""
        for index in 0..<40 {
            let piece = "piece-\(index);"
            wire += String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n"
            expected += piece
        }
        wire += "0\r\n\r\n"
        let bytes = Array(wire.utf8)
        for byte in bytes.dropLast() {
            try rig.feed([byte])
            #expect(rig.result == nil)
        }
        try rig.feed([bytes[bytes.count - 1]])
        #expect(rig.response?.bodyText == expected)
        #expect(rig.response?.raw == bytes)
    }

    @Test func bareLineFeedsAndBodyUntilClose() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\nServer: lighttpd\n\n<html/>")
        #expect(rig.result == nil, "no length: the body runs until the close")
        try rig.feed("<more/>")
        rig.close()
        let response = try #require(rig.response)
        #expect(response.value("Server") == "lighttpd")
        #expect(response.bodyText == "<html/><more/>")
    }

    @Test(arguments: [204, 304, 100])
    func statusesWithoutABodyEndAtTheHead(status: Int) throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 \(status) X\r\nContent-Length: 10\r\n\r\n")
        #expect(rig.response?.statusCode == status)
        #expect(rig.response?.body == [])
    }

    // MARK: Malformed and truncated

    @Test(arguments: [
        ("RTSP/1.0 200 OK\r\n\r\n", "status line"), ("HTTP/1.1 2000 OK\r\n\r\n", "status line"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n", "Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n123456789\r\n", "chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX", "no line end after chunk data"),
    ])
    func malformedResponsesAreErrors(text: String, reason: String) throws {
        let rig = try Rig()
        try rig.feed(text)
        guard case .malformed(let message) = rig.failure else {
            Issue.record("expected malformed (\(reason)), got \(String(describing: rig.result))")
            return
        }
        #expect(message.contains(reason))
        #expect(!rig.channel.isActive)
    }

    @Test func aChunkSizeLineWithoutEndIsMalformed() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "0", count: 65))
        #expect(rig.failure == .malformed("chunk size line too long"))
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "HTTP/1.1 200 OK\r\nServer: x",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello",
    ])
    func aCloseBeforeTheEndIsClosedEarly(text: String) throws {
        let rig = try Rig()
        try rig.feed(text)
        #expect(rig.result == nil)
        rig.close()
        #expect(rig.failure == .closedEarly(receivedBytes: text.utf8.count))
    }

    @Test func aCloseInTheTrailerEndsAChunkedBody() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Trailer: 1")
        #expect(rig.result == nil)
        rig.close()
        #expect(rig.response?.bodyText == "ok")
    }

    // MARK: Limits

    @Test func endlessHeadIsTooLarge() throws {
        let limits = HTTPClientLimits.default
        let rig = try Rig(limits: limits)
        try rig.feed("HTTP/1.1 200 OK\r\n")
        var sent = 0
        while rig.result == nil, sent < 4 * limits.maximumHeadBytes {
            try rig.feed("X-Filler: 0123456789\r\n")
            sent += 22
        }
        #expect(rig.failure == .headTooLarge(limit: limits.maximumHeadBytes))
        #expect(sent <= limits.maximumHeadBytes + 22, "refused once the head passed its bound")
    }

    @Test func tooManyHeaderFieldsIsTooLarge() throws {
        let limits = HTTPClientLimits(maximumHeaderCount: 3)
        let rig = try Rig(limits: limits)
        try rig.feed("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n")
        #expect(rig.failure == .headTooLarge(limit: limits.maximumHeadBytes))
    }

    @Test func aContentLengthBeyondTheLimitFailsAtTheHead() throws {
        let limits = HTTPClientLimits(maximumBodyBytes: 1000)
        let rig = try Rig(limits: limits)
        try rig.feed("HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n")
        #expect(rig.failure == .bodyTooLarge(limit: 1000))
    }

    @Test func chunksBeyondTheLimitAreRefused() throws {
        let limits = HTTPClientLimits(maximumBodyBytes: 1000)
        let rig = try Rig(limits: limits)
        try rig.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = "100\r\n" + String(repeating: "a", count: 256) + "\r\n"
        var chunks = 0
        while rig.result == nil, chunks < 10 {
            try rig.feed(chunk)
            chunks += 1
        }
        #expect(rig.failure == .bodyTooLarge(limit: 1000))
        #expect(chunks == 4, "the fourth 256-byte chunk crosses 1000")
    }

    @Test func aBodyUntilCloseBeyondTheLimitIsRefusedBeforeTheClose() throws {
        let limits = HTTPClientLimits(maximumBodyBytes: 1000)
        let rig = try Rig(limits: limits)
        try rig.feed("HTTP/1.1 200 OK\r\n\r\n")
        try rig.feed(String(repeating: "a", count: 1000))
        #expect(rig.result == nil)
        try rig.feed("a")
        #expect(rig.failure == .bodyTooLarge(limit: 1000))
    }

    // MARK: Errors and the deadline

    @Test func anIOErrorFailsTheResponseAndCloses() throws {
        let rig = try Rig()
        try rig.feed("HTTP/1.1 200 OK\r\n")
        rig.channel.pipeline.fireErrorCaught(IOError(errnoCode: 104, reason: "read"))
        guard case .io(let message) = rig.failure else {
            Issue.record("expected an I/O failure, got \(String(describing: rig.result))")
            return
        }
        #expect(message.contains("read"))
        #expect(!rig.channel.isActive)
    }

    /// ``HTTPClient``'s deadline: a timer on the channel's loop claims the flag first; the bytes
    /// received so far are what the reader counted.
    @Test func theDeadlineWinsOverALateResponse() throws {
        let rig = try Rig()
        let once = rig.once
        let promise = rig.promise
        rig.loop.scheduleTask(deadline: rig.loop.now + .seconds(3)) {
            if once.claim() { promise.fail(HTTPClientFailure.timeout(receivedBytes: 0)) }
        }
        try rig.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab")
        rig.loop.advanceTime(by: .milliseconds(2999))
        #expect(rig.result == nil)
        rig.loop.advanceTime(by: .milliseconds(1))
        #expect(rig.failure == .timeout(receivedBytes: 0))
        #expect(rig.reader?.receivedCount == 40)
        try rig.feed("cde")
        #expect(rig.failure == .timeout(receivedBytes: 0), "the response after the deadline is dropped")
    }
}
