import CamprintCodecs
import CamprintRTSP
import CamprintSDP
import CamprintTestSupport
import Foundation
import Testing

@testable import CamprintInspection

@Suite struct EvidenceReaderTests {
    static let corpusFiles = Corpus.files(extensions: [".txt", ".sdp", ".h264", ".nal", ".bin"])
        .filter { !$0.hasSuffix("MANIFEST.md") && !$0.hasSuffix("rtcp_sr_sdes.bin") }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: corpusFiles)
    func everyCorpusFileIsRecognisedAndParses(path: String) throws {
        let evidence = EvidenceReader.read(name: path, bytes: try Corpus.bytes(path))
        #expect(evidence.kind != .unknown, "\(path): not recognised")
        #expect(evidence.errors.isEmpty, "\(path): \(evidence.errors)")
        let parsedSomething =
            evidence.rtsp?.entries.isEmpty == false || !evidence.sdp.isEmpty || evidence.stream != nil
            || evidence.nalUnit != nil || evidence.avcC != nil || !evidence.imkh.isEmpty
        #expect(parsedSomething, "\(path): nothing parsed")
        _ = try JSONEncoder().encode(evidence)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func hikvisionDescribeYieldsIMKHAndSprop() throws {
        let path = "rtsp_text/retina/hikvision_describe.txt"
        let evidence = EvidenceReader.read(name: path, bytes: try Corpus.bytes(path))
        #expect(evidence.kind == .rtspText)
        #expect(evidence.sdp.first?.sessionName == "Media Presentation")
        #expect(evidence.imkh.first?.mediaVersion == 0x0101)
        guard case .h264SPS(let sps) = evidence.spropParameterSets.first else {
            Issue.record("no SPS from sprop-parameter-sets")
            return
        }
        #expect(sps.width == 1920 && sps.height == 1080)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func imkhProgramStreamIsDemuxed() throws {
        let path = "no-license/hikvision_imkh_ps_h265_head_480B.bin"
        let evidence = EvidenceReader.read(name: path, bytes: try Corpus.bytes(path))
        #expect(evidence.kind == .imkh)
        #expect(evidence.stream?.codec == .h265)
        #expect(evidence.stream?.quirks.isEmpty == true)
        #expect(evidence.stream?.seiMessages.first?.message.payloadType == 229)
        #expect(evidence.stream?.width == 2592)
    }

    @Test func sdpFragmentWithoutVersionLineIsSDP() {
        let text = "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n"
        #expect(EvidenceReader.read(name: "x", bytes: Array(text.utf8)).kind == .sdp)
    }

    @Test func unknownBytesAreUnknownNotAnError() {
        let evidence = EvidenceReader.read(name: "noise", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00])
        #expect(evidence.kind == .unknown)
        #expect(evidence.errors.isEmpty)
    }

    /// A transcript with Basic credentials and a URL with user-info: neither reaches output.
    @Test func credentialsInTranscriptsAreRedacted() throws {
        let transcript = """
            DESCRIBE rtsp://admin:Secret123@127.0.0.1:554/Streaming/Channels/101 RTSP/1.0\r
            CSeq: 3\r
            Authorization: Basic YWRtaW46U2VjcmV0MTIz\r
            \r
            RTSP/1.0 200 OK\r
            CSeq: 3\r
            Content-Base: rtsp://admin:Secret123@127.0.0.1:554/Streaming/Channels/101/\r
            \r

            """
        let evidence = EvidenceReader.read(name: "t.txt", bytes: Array(transcript.utf8))
        let json = String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        #expect(evidence.rtsp?.entries.count == 2)
        #expect(!json.contains("Secret123"))
        #expect(!json.contains("YWRtaW46U2VjcmV0MTIz"))
        #expect(!json.contains("admin:"))
    }
}
