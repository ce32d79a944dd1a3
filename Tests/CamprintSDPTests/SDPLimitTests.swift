import CamprintSDP
import CamprintWire
import Testing

/// Inputs that are not SDP, or exceed a named limit, fail with a code and an offset.
@Suite struct SDPLimitTests {
    private func error(_ text: String, limits: SDPLimits = .default) -> SDPParseError? {
        do {
            _ = try SessionDescription(parsing: Array(text.utf8), limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["", "\r\n\r\n", "  \n\t\n"])
    func emptyBodies(_ text: String) {
        #expect(error(text)?.code == .empty)
    }

    @Test func htmlIsNotSDP() {
        let failure = error("<html>\r\n<body>404</body>\r\n</html>\r\n")
        #expect(failure?.code == .notSDP)
        #expect(failure?.offset == 0)
        #expect(failure?.excerpt == "<html>\\r\\n")
    }

    @Test func onlyMalformedTypes() {
        #expect(error("Content-Type=application/sdp\r\nV=0\r\n")?.code == .notSDP)
    }

    @Test func inputTooLarge() {
        let limits = SDPLimits(maxInputBytes: 16)
        #expect(error("v=0\r\ns=1234567890123\r\n", limits: limits)?.code == .inputTooLarge)
    }

    @Test func tooManyLines() {
        let limits = SDPLimits(maxLines: 3)
        let failure = error("v=0\r\ns=x\r\nt=0 0\r\na=x\r\n", limits: limits)
        #expect(failure?.code == .tooManyLines)
        #expect(failure?.offset == 17)
    }

    @Test(arguments: ["v=0\r\ns=0123456789\r\n", "v=0\r\ns=0123456789", "v=0\r\ns=0123456789\r"])
    func lineTooLong(_ text: String) {
        let limits = SDPLimits(maxLineLength: 8)
        let failure = error(text, limits: limits)
        #expect(failure?.code == .lineTooLong)
        #expect(failure?.offset == 5)
    }

    @Test func lineAtTheLimitIsAccepted() {
        #expect(error("v=0\r\ns=012345\r\n", limits: SDPLimits(maxLineLength: 8)) == nil)
        #expect(error("v=0\r\ns=012345\r", limits: SDPLimits(maxLineLength: 8)) == nil)
    }

    @Test func tooManyMediaSections() {
        let body = "v=0\r\ns=x\r\n" + String(repeating: "m=video 0 RTP/AVP 96\r\n", count: 3)
        #expect(error(body, limits: SDPLimits(maxMediaSections: 3)) == nil)
        let failure = error(body + "m=audio 0 RTP/AVP 8\r\n", limits: SDPLimits(maxMediaSections: 3))
        #expect(failure?.code == .tooManyMediaSections)
        #expect(failure?.offset == 10 + 3 * 22)
    }

    @Test func tooManyFormatParameters() {
        let body = "v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=fmtp:96 a=1;b=2;c=3\r\n"
        #expect(error(body, limits: SDPLimits(maxFormatParameters: 3)) == nil)
        #expect(error(body, limits: SDPLimits(maxFormatParameters: 2))?.code == .tooManyFormatParameters)
    }

    @Test func spropLimitsTruncateWithQuirk() throws {
        let units = (0..<5).map { Base64.encode([0x67, UInt8($0), 0x00, 0x1E]) }.joined(separator: ",")
        let body =
            "v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 sprop-parameter-sets=\(units)\r\n"
        let sdp = try SessionDescription(parsing: Array(body.utf8))
        let media = try #require(sdp.media.first)
        #expect(media.h264()?.spropParameterSets.count == 5)
        let byCount = try #require(media.h264(limits: SDPLimits(maxSpropNALUnits: 3)))
        #expect(byCount.spropParameterSets.count == 3)
        #expect(byCount.quirks.map(\.code) == ["sdp.fmtp.sprop-limit"])
        let bySize = try #require(media.h264(limits: SDPLimits(maxSpropDecodedBytes: 16)))
        #expect(bySize.spropParameterSets.count == 2)  // 8 base64 characters per unit
        #expect(bySize.quirks.map(\.code) == ["sdp.fmtp.sprop-limit"])
    }
}
