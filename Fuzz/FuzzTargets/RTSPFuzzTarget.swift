import CamprintRTSP
import CamprintWire

extension FuzzTargets {
    /// `CamprintRTSP`: every parse entry point on the same input, plus the properties "serialize
    /// then parse gives the same request" and "the decoder does not depend on where the stream is
    /// split".
    public static func rtsp(_ input: [UInt8]) {
        let limits = RTSPLimits(maxHeadBytes: 8192, maxHeaderCount: 64, maxBodyBytes: 65_536)

        if let request = try? RTSPRequest.parse(input, limits: limits) {
            checkRoundTrip(request, limits: limits)
        }
        if let response = try? RTSPResponse.parse(input, limits: limits) {
            exerciseTypedHeaders(response.headers)
            let again = try? RTSPResponse.parse(response.serialize(), limits: limits)
            precondition(again?.headers == response.headers, "response round trip changed the headers")
        }
        _ = try? RTSPMessage.parse(input, limits: limits)

        // Decoder: whole input versus two chunks split at a point chosen by the first byte.
        let split = input.isEmpty ? 0 : Int(input[0]) % (input.count + 1)
        let whole = decode([input], limits: limits)
        let halves = decode([Array(input[..<split]), Array(input[split...])], limits: limits)
        precondition(whole == halves, "decoder output depends on chunking (split at \(split))")

        let conversation = RTSPConversation.parse(input, limits: limits)
        for message in conversation.messages { exerciseTypedHeaders(message.headers) }

        // Typed header parsers straight on the input text.
        exerciseValue(ASCII.string(input))
    }
}

private func checkRoundTrip(_ request: RTSPRequest, limits: RTSPLimits) {
    exerciseTypedHeaders(request.headers)
    let bytes = request.serialize()
    guard let again = try? RTSPRequest.parse(bytes, limits: limits) else {
        preconditionFailure("serialized request does not parse")
    }
    precondition(again.method == request.method && again.uri == request.uri, "start line changed")
    precondition(again.version == request.version, "version changed")
    precondition(again.headers == request.headers, "headers changed")
    precondition(again.body == request.body, "body changed")
    precondition(again.serialize() == bytes, "serialization is not a fixed point")
}

private enum DecodeResult: Equatable {
    case frames([RTSPFrame])
    case failure(RTSPError)
}

private func decode(_ chunks: [[UInt8]], limits: RTSPLimits) -> DecodeResult {
    var decoder = RTSPFrameDecoder(limits: limits)
    var frames: [RTSPFrame] = []
    do {
        for chunk in chunks { frames += try decoder.decode(chunk) }
        frames += try decoder.finish()
        return .frames(frames)
    } catch {
        return .failure(error)
    }
}

private func exerciseTypedHeaders(_ headers: RTSPHeaders) {
    for header in headers { exerciseValue(header.rawValue) }
}

private func exerciseValue(_ raw: String) {
    _ = AuthenticateChallenge.parseAll(raw)
    _ = PublicHeader(parsing: raw)
    _ = SessionHeader(parsing: raw)
    _ = TransportHeader(parsing: raw)
    _ = RTPInfoHeader(parsing: raw)
    _ = ContentBaseHeader(parsing: raw)
    _ = ContentLengthHeader(parsing: raw)
    _ = DateHeader(parsing: raw)
    _ = ServerHeader(parsing: raw)
    _ = CSeqHeader(parsing: raw)
}
