import CamprintRTSP
import NIOCore
import NIOEmbedded
import Testing

@testable import CamprintClients

/// ``RTSPResponseReader`` on an `EmbeddedChannel`: bytes in, responses or failures out, time moved
/// by `EmbeddedEventLoop.advanceTime`. No sockets, no sleeping: every test is deterministic.
@Suite("RTSP response reader (EmbeddedChannel)")
struct RTSPResponseReaderTests {
    /// A reader in an embedded pipeline, the channel active as after a connect.
    final class Rig {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        let reader = RTSPResponseReader()

        init() throws {
            channel = EmbeddedChannel(loop: loop)
            try channel.pipeline.syncOperations.addHandler(reader)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 554)).wait()
        }

        deinit {
            // The close fails a waiter still pending and cancels its timer: NIO traps on a
            // promise never completed and on an embedded loop freed with tasks left.
            _ = try? channel.finish(acceptAlreadyClosed: true)
            loop.advanceTime(by: .hours(1))
        }

        func feed(_ bytes: [UInt8]) throws {
            try channel.writeInbound(ByteBuffer(bytes: bytes))
        }

        func feed(_ text: String) throws {
            try feed(Array(text.utf8))
        }

        /// What a waiter with a deadline `timeout` from now holds so far (`nil`: still waiting).
        func next(timeout: TimeAmount = .seconds(5)) -> Outcome {
            Outcome(reader.nextResponse(deadline: loop.now + timeout, eventLoop: loop))
        }
    }

    /// The result of an `EventLoopFuture` on the embedded loop, read without waiting.
    final class Outcome {
        private(set) var result: Result<ReceivedResponse, any Error>?

        init(_ future: EventLoopFuture<ReceivedResponse>) {
            future.assumeIsolated().whenComplete { self.result = $0 }
        }

        var response: ReceivedResponse? { try? result?.get() }

        var failure: RTSPReadFailure? {
            guard case .failure(let error) = result else { return nil }
            return error as? RTSPReadFailure
        }
    }

    static func response(cseq: Int, status: String = "200 OK", body: String = "") -> String {
        var text = "RTSP/1.0 \(status)\r\nCSeq: \(cseq)\r\n"
        if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
        return text + "\r\n" + body
    }

    /// `$`, channel, 16-bit length, payload (RFC 2326 §10.12).
    static func interleaved(channel: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [UInt8(ascii: "$"), channel, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
    }

    static let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"

    // MARK: Framing

    @Test func oneResponseKeepsItsExactBytes() throws {
        let rig = try Rig()
        let wire = Self.response(cseq: 1, body: Self.sdp)
        try rig.feed(wire)
        let received = try #require(rig.next().response)
        #expect(received.response.statusCode == 200)
        #expect(received.response.headers.value("CSeq") == "1")
        #expect(received.raw == Array(wire.utf8))
        #expect(received.response.bodyText == Self.sdp)
    }

    @Test func aWaiterBeforeTheBytesGetsTheResponseWhenItIsComplete() throws {
        let rig = try Rig()
        let outcome = rig.next()
        let wire = Array(Self.response(cseq: 7, body: Self.sdp).utf8)
        // One byte per read: the response is complete only with its last body byte.
        for byte in wire.dropLast() {
            try rig.feed([byte])
            #expect(outcome.result == nil)
        }
        try rig.feed([wire[wire.count - 1]])
        let received = try #require(outcome.response)
        #expect(received.raw == wire)
        #expect(received.response.headers.value("CSeq") == "7")
    }

    @Test func twoResponsesInOneReadAreDeliveredInOrder() throws {
        let rig = try Rig()
        let first = Self.response(cseq: 1)
        let second = Self.response(cseq: 2, body: Self.sdp)
        try rig.feed(first + second)
        #expect(rig.next().response?.raw == Array(first.utf8))
        #expect(rig.next().response?.raw == Array(second.utf8))
        #expect(rig.next().result == nil, "nothing more arrived")
    }

    @Test func interleavedDataBetweenResponsesIsSkippedAndNotPartOfTheirBytes() throws {
        let rig = try Rig()
        let first = Array(Self.response(cseq: 3).utf8)
        let second = Array(Self.response(cseq: 4, body: Self.sdp).utf8)
        let rtp = Self.interleaved(channel: 0, [0x80, 0x60] + Array(repeating: 0xAB, count: 300))
        let rtcp = Self.interleaved(channel: 1, [0x80, 0xC8, 0x00, 0x06])
        // Split in the middle of the `$` frame and in the middle of the second response.
        let wire = first + rtp + rtcp + second
        let cuts = [first.count + 2, first.count + rtp.count + 3, wire.count - 10]
        var start = 0
        for cut in cuts + [wire.count] {
            try rig.feed(Array(wire[start..<cut]))
            start = cut
        }
        #expect(rig.next().response?.raw == first)
        let received = try #require(rig.next().response)
        #expect(received.raw == second, "the response's bytes, without the interleaved frames before it")
        #expect(received.response.headers.value("CSeq") == "4")
    }

    @Test func interleavedDataAloneCompletesNoWaiter() throws {
        let rig = try Rig()
        let outcome = rig.next()
        try rig.feed(Self.interleaved(channel: 0, Array(repeating: 0x11, count: 1000)))
        try rig.feed(Self.interleaved(channel: 1, [1, 2, 3, 4]))
        #expect(outcome.result == nil)
        try rig.feed("\r\n" + Self.response(cseq: 9))
        #expect(outcome.response?.response.headers.value("CSeq") == "9")
    }

    @Test func aServerRequestBetweenResponsesIsNotAResponse() throws {
        let rig = try Rig()
        // RFC 2326 §10: a server may send requests (ANNOUNCE, GET_PARAMETER) on the connection.
        try rig.feed("GET_PARAMETER rtsp://127.0.0.1/ RTSP/1.0\r\nCSeq: 100\r\n\r\n" + Self.response(cseq: 5))
        let received = try #require(rig.next().response)
        #expect(received.response.headers.value("CSeq") == "5")
        #expect(received.raw == Array(Self.response(cseq: 5).utf8))
    }

    // MARK: Hostile input

    @Test(arguments: [[0x00, 0xFF, 0x13, 0x37], Array("\r\n\u{1}binary".utf8)])
    func aByteThatCannotStartAServerMessageIsGarbageAndCloses(bytes: [UInt8]) throws {
        let rig = try Rig()
        let outcome = rig.next()
        try rig.feed(bytes)
        guard case .decode(let error, let prefix) = outcome.failure else {
            Issue.record("expected a decode failure, got \(String(describing: outcome.result))")
            return
        }
        #expect(error.code == .garbage)
        #expect(prefix == bytes, "the bytes are kept as evidence")
        #expect(!rig.channel.isActive, "the reader closed the connection")
    }

    @Test func anEndlessHeadIsBoundedByTheDecoder() throws {
        let rig = try Rig()
        let outcome = rig.next()
        try rig.feed("RTSP/1.0 200 OK\r\n")
        let filler = Array("X-Filler: 0123456789abcdef\r\n".utf8)
        var sent = 0
        while outcome.result == nil, sent < 2 * RTSPLimits.default.maxHeadBytes {
            try rig.feed(filler)
            sent += filler.count
        }
        guard case .decode(let error, let prefix) = outcome.failure else {
            Issue.record("expected a decode failure, got \(String(describing: outcome.result))")
            return
        }
        #expect(error.code == .headTooLarge)
        #expect(sent <= RTSPLimits.default.maxHeadBytes + filler.count, "failed once the head passed its bound")
        #expect(prefix.count == 512, "at most 512 bytes kept as evidence")
        #expect(!rig.channel.isActive)
    }

    @Test func aBodyLargerThanTheReaderKeepsIsRefusedBeforeItEnds() throws {
        let rig = try Rig()
        let outcome = rig.next()
        // Within the decoder's body bound (4 MiB), beyond what the reader keeps pending (1 MiB).
        let length = 3 << 20
        try rig.feed("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: \(length)\r\n\r\n")
        let chunk = [UInt8](repeating: 0x41, count: 64 << 10)
        var sent = 0
        while outcome.result == nil, sent < length {
            try rig.feed(chunk)
            sent += chunk.count
        }
        guard case .decode(let error, _) = outcome.failure else {
            Issue.record("expected a decode failure, got \(String(describing: outcome.result))")
            return
        }
        #expect(error.code == .headTooLarge)
        #expect(sent <= RTSPResponseReader.maximumPendingBytes + chunk.count)
        #expect(!rig.channel.isActive)
    }

    @Test func aContentLengthBeyondTheDecoderBoundFailsAtTheHead() throws {
        let rig = try Rig()
        let outcome = rig.next()
        try rig.feed("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: \(RTSPLimits.default.maxBodyBytes + 1)\r\n\r\n")
        guard case .decode(let error, _) = outcome.failure else {
            Issue.record("expected a decode failure, got \(String(describing: outcome.result))")
            return
        }
        #expect(error.code == .bodyTooLarge)
    }

    @Test func everyWaiterAfterAFailureGetsTheFailure() throws {
        let rig = try Rig()
        try rig.feed([0x00])
        for _ in 0..<2 {
            guard case .decode(let error, _) = rig.next().failure else {
                Issue.record("expected the first failure again")
                return
            }
            #expect(error.code == .garbage)
        }
    }

    // MARK: Close and time

    @Test func closeInTheMiddleOfAResponseKeepsWhatArrived() throws {
        let rig = try Rig()
        let outcome = rig.next()
        let partial = Array(Self.response(cseq: 1, body: Self.sdp).utf8.dropLast(5))
        try rig.feed(partial)
        #expect(outcome.result == nil)
        rig.channel.pipeline.fireChannelInactive()
        guard case .closed(let kept, let receivedBytes) = outcome.failure else {
            Issue.record("expected closed, got \(String(describing: outcome.result))")
            return
        }
        #expect(kept == partial)
        #expect(receivedBytes == partial.count)
    }

    @Test func closeWithoutBytesIsClosedWithNothing() throws {
        let rig = try Rig()
        let outcome = rig.next()
        try rig.channel.close().wait()
        guard case .closed(let kept, let receivedBytes) = outcome.failure else {
            Issue.record("expected closed, got \(String(describing: outcome.result))")
            return
        }
        #expect(kept.isEmpty && receivedBytes == 0)
    }

    @Test func aCompleteResponseBeforeTheCloseIsStillDelivered() throws {
        let rig = try Rig()
        try rig.feed(Self.response(cseq: 1))
        try rig.channel.close().wait()
        #expect(rig.next().response?.response.headers.value("CSeq") == "1")
        guard case .closed = rig.next().failure else {
            Issue.record("the close comes after the response")
            return
        }
    }

    @Test func aResponseEndedByTheCloseIsDelivered() throws {
        let rig = try Rig()
        // The head is complete; the close ends the stream (RTSPFrameDecoder.finish).
        try rig.feed("RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n")
        rig.channel.pipeline.fireChannelInactive()
        #expect(rig.next().response?.response.headers.value("CSeq") == "2")
    }

    @Test func theDeadlineFailsTheWaiterWithThePartialBytes() throws {
        let rig = try Rig()
        let outcome = rig.next(timeout: .seconds(2))
        try rig.feed("RTSP/1.0 200")
        rig.loop.advanceTime(by: .milliseconds(1999))
        #expect(outcome.result == nil, "not before the deadline")
        rig.loop.advanceTime(by: .milliseconds(1))
        guard case .timeout(let kept, let receivedBytes) = outcome.failure else {
            Issue.record("expected a timeout, got \(String(describing: outcome.result))")
            return
        }
        #expect(kept == Array("RTSP/1.0 200".utf8))
        #expect(receivedBytes == 12)
        // A timeout is not a connection failure: the rest of the response still arrives.
        try rig.feed(" OK\r\nCSeq: 3\r\n\r\n")
        #expect(rig.next().response?.response.headers.value("CSeq") == "3")
    }

    @Test func aDeliveredResponseCancelsItsDeadline() throws {
        let rig = try Rig()
        let first = rig.next(timeout: .seconds(1))
        try rig.feed(Self.response(cseq: 1))
        #expect(first.response != nil)
        let second = rig.next(timeout: .seconds(10))
        rig.loop.advanceTime(by: .seconds(5))
        #expect(second.result == nil, "the first waiter's timer fired nothing")
        rig.loop.advanceTime(by: .seconds(5))
        guard case .timeout(let kept, _) = second.failure else {
            Issue.record("expected a timeout at the second deadline")
            return
        }
        #expect(kept.isEmpty)
    }

    @Test func anIOErrorFailsTheWaiterAndCloses() throws {
        let rig = try Rig()
        let outcome = rig.next()
        rig.channel.pipeline.fireErrorCaught(IOError(errnoCode: 104, reason: "read"))
        guard case .io(let message) = outcome.failure else {
            Issue.record("expected an I/O failure, got \(String(describing: outcome.result))")
            return
        }
        #expect(message.contains("read"))
        #expect(!rig.channel.isActive)
    }
}
