import CamprintSDP
import CamprintWire
import Testing

/// Synthetic bodies for each tolerated deviation (RFC 8866 §5 syntax).
@Suite struct SDPToleranceTests {
    static let minimal = [
        "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Test", "t=0 0", "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
    ]

    private func parse(_ lines: [String], ending: String = "\r\n") throws -> SessionDescription {
        try SessionDescription(parsing: Array(lines.map { $0 + ending }.joined().utf8))
    }

    @Test func crlfBodyHasNoQuirks() throws {
        let sdp = try parse(Self.minimal)
        #expect(sdp.quirks.isEmpty, "\(sdp.quirks)")
        #expect(sdp.version == 0)
        #expect(
            sdp.origin
                == SDPOrigin(
                    username: "-",
                    sessionID: "1",
                    sessionVersion: "1",
                    netType: "IN",
                    addrType: "IP4",
                    address: "192.0.2.1",
                    raw: "- 1 1 IN IP4 192.0.2.1"
                )
        )
        #expect(sdp.timings == [SDPTiming(startTime: "0", stopTime: "0", raw: "0 0")])
        #expect(
            sdp.media.first?.media
                == SDPMediaLine(
                    media: "video",
                    port: 0,
                    numberOfPorts: nil,
                    proto: "RTP/AVP",
                    formats: ["96"],
                    raw: "video 0 RTP/AVP 96"
                )
        )
    }

    @Test(arguments: [("\n", "sdp.line-ending.lf"), ("\r", "sdp.line-ending.cr")])
    func lineEndings(_ ending: String, _ code: String) throws {
        let sdp = try parse(Self.minimal, ending: ending)
        #expect(sdp.quirks.map(\.code) == [code])
        #expect(sdp.media.count == 1)
        #expect(sdp.serialize() == Self.minimal.map { $0 + ending }.joined())
    }

    @Test func mixedLineEndingsAndMissingFinalTerminator() throws {
        let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=Test\r\nt=0 0\r\nm=video 0 RTP/AVP 96"
        let sdp = try SessionDescription(parsing: Array(text.utf8))
        let mixed = try #require(sdp.quirks.first { $0.code == "sdp.line-ending.mixed" })
        #expect(mixed.detail == "crlf+lf")
        #expect(sdp.media.first?.lines.first?.ending == nil)
        #expect(sdp.serialize() == text)
    }

    @Test func linesWithoutEqualsBlankLinesAndBadTypes() throws {
        let sdp = try parse([
            "v=0", "", "garbage here", "o=- 1 1 IN IP4 192.0.2.1", "s=x", "AB=c", "t=0 0", "x=1", " a=indented",
        ])
        #expect(
            sdp.quirks.map(\.code) == [
                "sdp.line.blank", "sdp.line.no-equals", "sdp.line.invalid-type", "sdp.line.unknown-type",
                "sdp.line.invalid-type",
            ]
        )
        #expect(sdp.sessionLines.count == 9)
        #expect(sdp.sessionLines[8].type == nil)
        #expect(sdp.sessionLines[2].type == nil)
        #expect(sdp.sessionLines[2].value == "garbage here")
        #expect(sdp.sessionLines[5].type == "AB")
    }

    @Test func orderQuirks() throws {
        let sdp = try parse([
            "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=x", "c=IN IP4 0.0.0.0", "a=tool:x", "t=0 0",
            "m=video 0 RTP/AVP 96", "a=recvonly", "c=IN IP4 0.0.0.0",
        ])
        #expect(sdp.quirks.map(\.code) == ["sdp.order.session", "sdp.order.media"])
        #expect(sdp.quirks.map(\.detail) == ["t= after a=", "c= after a="])
        #expect(sdp.quirks.first?.offset == 64)  // the `t=` line: 5 + 26 + 5 + 18 + 10 bytes in
    }

    /// Fuzz regression: a session id longer than any integer type is kept as text.
    @Test func overlongAndNegativeSessionIDs() throws {
        let sdp = try parse(["v=0", "o=- 17219695333796651721969519 -5 IN IP4 192.0.2.1", "s=x", "t=0 0"])
        #expect(sdp.origin?.sessionID == "17219695333796651721969519")
        #expect(sdp.origin?.sessionVersion == "-5")
        #expect(sdp.quirks.map(\.code) == ["sdp.origin.not-numeric"])
    }

    @Test func missingOriginAndTiming() throws {
        let sdp = try parse(["v=0", "s=streamed by the macro-video rtsp server", "m=video 0 RTP/AVP 96"])
        #expect(sdp.origin == nil)
        #expect(sdp.quirks.map(\.code) == ["sdp.origin.missing", "sdp.timing.missing"])
    }

    @Test func trailingWhitespaceIsKeptAndRecorded() throws {
        let sdp = try parse([
            "v=0", "o=- 1 1 IN IP4 192.0.2.1 ", "s=x\t", "t=0 0", "m=audio 0 RTP/AVP 8\t ",
            "a=rtpmap:8 PCMA/8000 ",
        ])
        #expect(
            sdp.quirks.map(\.code) == [
                "sdp.origin.trailing-whitespace", "sdp.session-name.trailing-whitespace",
                "sdp.media.trailing-whitespace", "sdp.rtpmap.trailing-whitespace",
            ]
        )
        #expect(sdp.sessionName == "x\t")
        #expect(sdp.origin?.address == "192.0.2.1")
        #expect(sdp.media.first?.media.formats == ["8"])
        #expect(
            sdp.media.first?.attributes.rtpMaps.first
                == RTPMap(
                    format: "8",
                    payloadType: 8,
                    encodingName: "PCMA",
                    clockRate: 8000,
                    encodingParameters: nil,
                    raw: "8 PCMA/8000 "
                )
        )
    }

    @Test func nonUTF8BytesAreKeptExactly() throws {
        var bytes = Array("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=Cam\u{00E9}ra ".utf8)
        bytes += [0xFF, 0xFE, 0x0D, 0x0A]
        bytes += Array("t=0 0\r\nm=video 0 RTP/AVP 96\r\na=fmtp:96 x=".utf8) + [0xC3, 0x28] + [0x0D, 0x0A]
        let sdp = try SessionDescription(parsing: bytes)
        let name = try #require(sdp.sessionLines.first { $0.type == "s" })
        #expect(name.nonUTF8Value?.bytes.suffix(2) == [0xFF, 0xFE])
        #expect(sdp.serializedBytes() == bytes)
        #expect(try SessionDescription(parsing: sdp.serializedBytes()) == sdp)
        let parameter = sdp.media.first?.attributes.formatParameters.first?.parameter("x")
        #expect(parameter?.valueBytes == [0xC3, 0x28])
    }

    @Test func hikMediaServerDuplicatedNetType() throws {
        let sdp = try parse([
            "v=0", "o=- 1 0 IN IP4 0.0.0.0", "s=HIK Media Server V3.1.3", "c=IN c=IN IP4 0.0.0.0", "t=0 0",
        ])
        #expect(sdp.connection?.netType == "IN")
        #expect(sdp.connection?.addrType == "IP4")
        #expect(sdp.connection?.address == "0.0.0.0")
        #expect(sdp.quirks.map(\.code) == ["sdp.connection.duplicated-nettype"])
    }

    @Test func fmtpParametersKeepOrderAndRawText() throws {
        let sdp = try parse(Self.minimal + ["a=fmtp:96 packetization-mode=1;; profile-level-id=4d0029; flag;"])
        let fmtp = try #require(sdp.media.first?.attributes.formatParameters.first)
        #expect(fmtp.payloadType == 96)
        #expect(
            fmtp.parameters == [
                FormatParameter(name: "packetization-mode", value: "1", raw: "packetization-mode=1"),
                FormatParameter(name: "profile-level-id", value: "4d0029", raw: "profile-level-id=4d0029"),
                FormatParameter(name: "flag", value: nil, raw: "flag"),
            ]
        )
        #expect(
            sdp.quirks.map(\.code) == [
                "sdp.fmtp.empty-parameter", "sdp.fmtp.trailing-semicolon",
                "sdp.fmtp.space-after-semicolon",
            ]
        )
    }

    @Test func attributesTypedAndUnknownInOrder() throws {
        let lines =
            Self.minimal + [
                "a=control:trackID=1", "a=x-dimensions:1920,1080", "a=framerate:25.0", "a=sendonly", "a=x-foo",
                "a=Media_header:MEDIAINFO=494D4B48;", "a=appversion:1.0", "a=bar:baz", "a=control:again",
            ]
        let sdp = try parse(lines)
        let offset = { (line: String) in
            lines.prefix { $0 != line }.reduce(0) { $0 + $1.utf8.count + 2 }
        }
        let attributes = try #require(sdp.media.first?.attributes)
        #expect(attributes.control == "trackID=1")
        #expect(attributes.dimensions == XDimensions(width: 1920, height: 1080, raw: "1920,1080"))
        #expect(attributes.frameRate == FrameRate(value: 25, raw: "25.0"))
        #expect(attributes.direction == .sendonly)
        #expect(
            attributes.mediaHeader
                == MediaHeader(mediaInfo: HexBytes([0x49, 0x4D, 0x4B, 0x48]), raw: "MEDIAINFO=494D4B48;")
        )
        #expect(attributes.appVersion == "1.0")
        #expect(
            attributes.unknown == [
                SDPAttribute(offset: offset("a=x-foo"), name: "x-foo", value: nil),
                SDPAttribute(offset: offset("a=bar:baz"), name: "bar", value: "baz"),
            ]
        )
        #expect(attributes.all.count == 10)
        #expect(sdp.quirks.map(\.code) == ["sdp.attribute.duplicated"])
    }

    @Test func malformedMediaHeaderAndFrameRate() throws {
        let sdp = try parse(Self.minimal + ["a=Media_header:MEDIAINFO=49ZZ;", "a=framerate:nan"])
        #expect(sdp.media.first?.attributes.mediaHeader?.mediaInfo == nil)
        #expect(sdp.media.first?.attributes.frameRate?.value == nil)
        #expect(sdp.quirks.map(\.code) == ["sdp.media-header.invalid-hex", "sdp.framerate.invalid"])
    }
}
