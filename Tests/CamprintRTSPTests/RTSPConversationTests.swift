import CamprintRTSP
import CamprintWire
import Testing

@Suite struct RTSPConversationTests {
    @Test func concatenatedMessagesWithLFAndBlankLines() {
        let text = """
            OPTIONS rtsp://cam RTSP/1.0
            CSeq: 1

            RTSP/1.0 200 OK
            CSeq: 1
            Public: OPTIONS, DESCRIBE



            DESCRIBE rtsp://cam RTSP/1.0
            CSeq: 2

            RTSP/1.0 200 OK
            CSeq: 2
            Content-Type: application/sdp
            Content-Length: 3

            v=0
            """
        let conversation = RTSPConversation.parse(Array(text.utf8))
        #expect(conversation.entries.count == 4)
        #expect(conversation.entries.map(\.offset) == [0, 37, 90, 128])
        #expect(conversation.responses.last?.bodyText == "v=0")
        #expect(conversation.quirks.isEmpty, "\(conversation.quirks)")
        #expect(
            conversation.messages.allSatisfy { message in
                switch message {
                case .request(let request): request.quirks.codes() == [RTSPQuirkCodes.lineEndingLF]
                case .response(let response): response.quirks.codes() == [RTSPQuirkCodes.lineEndingLF]
                }
            }
        )
    }

    @Test func logPrefixesAndOtherText() throws {
        let text = """
            Some notes about the camera.
            2020-05-14 16:45:35 >> OPTIONS rtsp://cam RTSP/1.0
            CSeq: 1

            [S->C] RTSP/1.0 200 OK
            CSeq: 1

            trailing words
            """
        let conversation = RTSPConversation.parse(Array(text.utf8))
        #expect(conversation.entries.map(\.prefix) == ["2020-05-14 16:45:35 >> ", "[S->C] "])
        #expect(conversation.requests.first?.method == "OPTIONS")
        #expect(conversation.responses.first?.statusCode == 200)
        let codes = conversation.quirks.codes()
        #expect(codes.filter { $0 == RTSPQuirkCodes.conversationPrefix }.count == 2)
        #expect(codes.filter { $0 == RTSPQuirkCodes.conversationSkippedText }.count == 2)
        let firstSkip = try #require(conversation.quirks.first { $0.code == RTSPQuirkCodes.conversationSkippedText })
        #expect(firstSkip.offset == 0)
    }

    @Test func missingBlankLineTruncatedBodyAndUnreadableMessages() {
        let text =
            "RTSP/1.0 200 OK\r\nCSeq: 1\r\nRTSP/1.0 404 Not Found\r\nCSeq: 2\r\n\r\n"
            + "RTSP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n"
            + "RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Length: 100\r\n\r\nv=0\r\n"
        let conversation = RTSPConversation.parse(Array(text.utf8))
        #expect(conversation.responses.map(\.statusCode) == [200, 404, 200])
        #expect(conversation.responses[0].quirks.codes() == [RTSPQuirkCodes.headMissingBlankLine])
        #expect(conversation.responses[2].quirks.codes() == [RTSPQuirkCodes.bodyTruncated])
        #expect(
            conversation.quirks.codes() == [
                RTSPQuirkCodes.conversationUnparsable, RTSPQuirkCodes.conversationSkippedText,
            ]
        )
    }

    @Test func textWithoutRTSP() {
        let conversation = RTSPConversation.parse(Array("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=RTSP/1.0 200 OK\r\n".utf8))
        #expect(conversation.entries.count == 1)
        #expect(RTSPConversation.parse([0xFF, 0x00, 0x0A, 0x0D]).entries.isEmpty)
        #expect(RTSPConversation.parse([]).entries.isEmpty)
    }

    @Test func messageLimit() {
        let one = Array("RTSP/1.0 200 OK\r\n\r\n".utf8)
        let conversation = RTSPConversation.parse(
            Array(repeating: one, count: 5).flatMap { $0 },
            limits: RTSPLimits(maxConversationMessages: 3)
        )
        #expect(conversation.entries.count == 3)
        #expect(
            conversation.quirks.codes() == [
                RTSPQuirkCodes.conversationMessageLimit, RTSPQuirkCodes.conversationSkippedText,
            ]
        )
    }
}
