import CamprintRTSP
import CamprintWire
import Testing

/// Frames from a decoder fed `chunks` in order, then finished.
func decodeAll(_ chunks: [[UInt8]], limits: RTSPLimits = .default) throws(RTSPError) -> [RTSPFrame] {
    var decoder = RTSPFrameDecoder(limits: limits)
    var frames: [RTSPFrame] = []
    for chunk in chunks { frames += try decoder.decode(chunk) }
    frames += try decoder.finish()
    return frames
}

/// The outcome of decoding: frames, or the error.
func outcome(_ chunks: [[UInt8]], limits: RTSPLimits = .default) -> Result<[RTSPFrame], RTSPError> {
    Result { () throws(RTSPError) in try decodeAll(chunks, limits: limits) }
}

/// Deterministic splits (a linear congruential generator) so that failures reproduce.
func randomChunks(_ bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
    var state = seed
    var chunks: [[UInt8]] = []
    var index = 0
    while index < bytes.count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let size = Int((state >> 33) % 17) + 1
        chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
        index += size
    }
    return chunks
}

@Suite struct RTSPFrameDecoderTests {
    static let rtp: [UInt8] = [0x80, 0x60, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x0d, 0x6d, 0x66, 0x27, 0x67, 0x42]
    static let rtcp: [UInt8] = [0x80, 0xC8, 0x00, 0x06] + [UInt8](repeating: 0xAB, count: 24)

    /// A response, RTP on channel 0, RTCP on channel 1 (with a `$` and CRLFs inside the
    /// payload), an LF-only response with a body, and a request.
    static let stream: [UInt8] =
        message("RTSP/1.0 200 OK\nCSeq: 6\nSession:        708345999\nDate:  Wed, May 05 2021 21:51:17 GMT\n\n")
        + [0x24, 0x00, 0x00, UInt8(rtp.count)] + rtp
        + [0x24, 0x01, 0x00, UInt8(rtcp.count + 3)] + rtcp + [0x24, 0x0D, 0x0A]
        + message("RTSP/1.0 200 OK\nCSeq: 7\nContent-Length: 4\n\n$\r\n\r", lf: true)
        + [0x24, 0x00, 0x00, 0x00]
        + message("GET_PARAMETER rtsp://cam/ RTSP/1.0\nCSeq: 8\nSession: 708345999\n\n")

    @Test func decodesMixedStream() throws {
        let frames = try decodeAll([Self.stream])
        #expect(frames.count == 6)
        guard frames.count == 6 else { return }
        guard case .response(let first) = frames[0] else {
            Issue.record("frame 0 is \(frames[0])")
            return
        }
        #expect(first.headers.first("Session")?.rawValue == "        708345999")
        #expect(frames[1] == .interleaved(channel: 0, payload: HexBytes(Self.rtp)))
        #expect(frames[2] == .interleaved(channel: 1, payload: HexBytes(Self.rtcp + [0x24, 0x0D, 0x0A])))
        guard case .response(let lfOnly) = frames[3] else {
            Issue.record("frame 3 is \(frames[3])")
            return
        }
        #expect(lfOnly.body.bytes == [0x24, 0x0D, 0x0A, 0x0D])
        #expect(lfOnly.quirks.codes().contains(RTSPQuirkCodes.lineEndingLF))
        #expect(frames[4] == .interleaved(channel: 0, payload: HexBytes([])))
        guard case .request(let request) = frames[5] else {
            Issue.record("frame 5 is \(frames[5])")
            return
        }
        #expect(request.method == "GET_PARAMETER")
    }

    @Test func chunkingDoesNotChangeFrames() throws {
        let whole = try decodeAll([Self.stream])
        #expect(try decodeAll(Self.stream.map { [$0] }) == whole, "one byte at a time")
        for seed in UInt64(1)...20 {
            #expect(try decodeAll(randomChunks(Self.stream, seed: seed)) == whole, "random split, seed \(seed)")
        }
        for cut in 0...Self.stream.count {
            let chunks = [Array(Self.stream[..<cut]), Array(Self.stream[cut...])]
            #expect(try decodeAll(chunks) == whole, "two chunks cut at \(cut)")
        }
    }

    @Test func reportsOffsetOfEachFrame() throws {
        var decoder = RTSPFrameDecoder()
        decoder.append(Self.stream)
        var offsets: [Int] = []
        while try decoder.next() != nil { offsets.append(decoder.lastFrameOffset ?? -1) }
        #expect(offsets.first == 0)
        #expect(offsets.count == 6)
        for offset in offsets.dropFirst() {
            #expect(
                Self.stream[offset] == 0x24 || Self.stream[offset] == UInt8(ascii: "R")
                    || Self.stream[offset] == UInt8(ascii: "G")
            )
        }
    }

    /// A long body dripped in small chunks: the head is read once, the buffer is compacted while
    /// the body waits, and the result matches the one-shot decode.
    @Test func longBodyInSmallChunks() throws {
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let bytes =
            [0x24, 0x02, 0x00, 0x03, 0x01, 0x02, 0x03]
            + message("RTSP/1.0 200 OK\nContent-Type: application/octet-stream\nContent-Length: 100000\n\n") + body
            + message("RTSP/1.0 200 OK\nCSeq: 2\n\n")
        let whole = try decodeAll([bytes])
        #expect(whole.count == 3)
        #expect(try decodeAll(randomChunks(bytes, seed: 11)) == whole)
        if case .response(let response) = whole[1] {
            #expect(response.body.bytes == body)
        } else {
            Issue.record("frame 1 is not a response")
        }
    }

    @Test func needsMoreBytesWithoutError() throws {
        var decoder = RTSPFrameDecoder()
        #expect(try decoder.decode(Array("RTSP/1.0 200 OK\r\nCSeq: 1\r\n".utf8)).isEmpty)
        #expect(try decoder.decode([0x0D]).isEmpty)
        #expect(try decoder.decode([0x0A]).count == 1)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func garbageIsAPreciseError() {
        let bytes = message("RTSP/1.0 200 OK\nCSeq: 1\n\n") + [0x00, 0x01, 0x02] + message("RTSP/1.0 200 OK\n\n")
        for chunks in [[bytes], bytes.map { [$0] }, randomChunks(bytes, seed: 7)] {
            guard case .failure(let error) = outcome(chunks) else {
                Issue.record("garbage accepted")
                continue
            }
            #expect(error.code == .garbage)
            #expect(error.offset == 28)
            #expect(error.excerpt.hasPrefix("\\x00\\x01\\x02RTSP"))
        }
    }

    @Test func garbageLineIsRejectedWhenItEnds() {
        let bytes = message("HELLO THERE\n") + [UInt8](repeating: 0x41, count: 100)
        for chunks in [[bytes], bytes.map { [$0] }] {
            guard case .failure(let error) = outcome(chunks) else {
                Issue.record("accepted")
                continue
            }
            #expect(error.code == .invalidStartLine && error.offset == 0, "\(error)")
        }
    }

    @Test func endlessHeadIsBounded() {
        let limits = RTSPLimits(maxHeadBytes: 512)
        let bytes = message("RTSP/1.0 200 OK\n") + Array(repeating: message("X-A: b\n"), count: 200).flatMap { $0 }
        for chunks in [[bytes], bytes.map { [$0] }] {
            guard case .failure(let error) = outcome(chunks, limits: limits) else {
                Issue.record("accepted")
                continue
            }
            #expect(error.code == .headTooLarge && error.offset == 0, "\(error)")
        }
    }

    @Test func endlessStartLineIsBounded() {
        let bytes = Array("RTSP/1.0 200 OK".utf8) + [UInt8](repeating: 0x41, count: 5000)
        for chunks in [[bytes], randomChunks(bytes, seed: 3)] {
            guard case .failure(let error) = outcome(chunks) else {
                Issue.record("accepted")
                continue
            }
            #expect(error.code == .startLineTooLarge, "\(error)")
        }
    }

    @Test func truncatedStreamFailsAtFinish() {
        let bytes = message("RTSP/1.0 200 OK\nContent-Length: 10\n\nabc")
        guard case .failure(let error) = outcome(bytes.map { [$0] }) else {
            Issue.record("accepted")
            return
        }
        #expect(error.code == .truncatedBody)
        guard case .failure(let interleaved) = outcome([[0x24, 0x00, 0x00, 0x08, 0x01]]) else {
            Issue.record("accepted")
            return
        }
        #expect(interleaved.code == .invalidInterleavedFrame && interleaved.offset == 0)
    }

    @Test func errorsAreFinal() throws {
        var decoder = RTSPFrameDecoder()
        decoder.append([0xFF])
        // A garbage byte waits for a full excerpt (or the end of the stream) before failing.
        #expect(try decoder.next() == nil)
        decoder.append([UInt8](repeating: 0xFE, count: 60))
        #expect(throws: RTSPError.self) { try decoder.next() }
        decoder.append(message("RTSP/1.0 200 OK\n\n"))
        do {
            _ = try decoder.next()
            Issue.record("decoder recovered")
        } catch {
            #expect(error.code == .decoderFailed)
        }
    }
}
