public import CamprintCodecs
import CamprintRTSP
import CamprintSDP
import CamprintWire

/// Reads a file of saved evidence: detects what it is from its content and runs every parser
/// that applies. Never fails: what cannot be read is listed in ``ParsedEvidence/errors``.
public enum EvidenceReader {
    /// Files larger than this are read only up to it (a note says so).
    public static let maximumBytes = 256 << 20

    public static func read(name: String, bytes input: [UInt8], codec: VideoCodec? = nil) -> ParsedEvidence {
        // Dahua DHIP answers as a sweep receives them: a binary 32-byte header before each JSON.
        let frames = DHIPFrame.stripHeaders(input)
        var bytes = frames?.bytes ?? input
        // Device output kept in source code (string literals, comments) is read as the text it holds.
        var unwrapNotes: [String] = []
        if !bytes.starts(with: IMKHMediaHeader.magic), EvidenceDetector.isText(bytes),
            let unwrapped = SourceTextUnwrapper.unwrap(String(decoding: bytes, as: UTF8.self))
        {
            bytes = Array(unwrapped.text.utf8)
            unwrapNotes = unwrapped.notes
        }
        let kind = EvidenceDetector.detect(name: name, bytes: bytes)
        var evidence = ParsedEvidence(name: name, kind: kind, byteCount: input.count)
        if let frames { evidence.notes.append("\(frames.count) DHIP frame header(s) removed before the JSON") }
        evidence.notes += unwrapNotes
        switch kind {
        case .rtspText, .ffmpegLog, .httpText, .deviceDocument: readText(bytes, kind: kind, into: &evidence)
        case .rtcp: evidence.rtcpCNAMEs = RTCPReader.cnames(bytes)
        case .sdp:
            // Indented, quoted or logged line by line: unwrapped like any text first.
            if TranscriptNormalizer.isNeeded(String(decoding: bytes, as: UTF8.self)) {
                readText(bytes, kind: kind, into: &evidence)
            } else {
                readSDP(removingCommonIndentation(bytes), into: &evidence)
                // An SDP pasted ahead of the log it came from (an indented block, then RTSP lines):
                // read as a transcript when the SDP alone does not parse.
                if evidence.sdp.isEmpty, EvidenceDetector.isText(bytes) {
                    readText(bytes, kind: kind, into: &evidence)
                }
            }
        case .annexB:
            let codec = codec ?? EvidenceDetector.codec(name: name, firstNALUnit: firstNALUnit(bytes))
            evidence.stream = ElementaryStream.scan(bytes, codec: codec)
        case .nalUnit:
            let codec = codec ?? EvidenceDetector.codec(name: name, firstNALUnit: bytes[...])
            do {
                evidence.nalUnit = try ParsedNALUnit.parse(bytes, codec: codec)
            } catch {
                evidence.errors.append("NAL unit: \(error)")
            }
        case .imkh: readIMKH(bytes, into: &evidence)
        case .decoderConfiguration: readDecoderConfiguration(bytes, into: &evidence)
        case .mediaContainer:
            evidence.notes.append("media container: use `camprint probe FILE` to read it through FFmpeg")
        case .unknown:
            if EvidenceDetector.isText(bytes) {
                // Text of no known shape (a log, a JSON answer, a fragment): read what it holds.
                readText(bytes, kind: kind, into: &evidence)
            }
            if evidence.rtsp == nil, evidence.sdp.isEmpty, evidence.http.isEmpty, evidence.devices.isEmpty,
                evidence.textRealms.isEmpty, evidence.textModels.isEmpty, evidence.textSerialNumbers.isEmpty
            {
                evidence.notes.append("not recognised as RTSP text, SDP, Annex B, a NAL unit or an IMKH header")
            }
        }
        return evidence
    }

    /// Text evidence: normalizes log prefixes, then reads every kind of message it holds (a
    /// transcript may carry RTSP, HTTP and XML at once).
    private static func readText(_ bytes: [UInt8], kind: EvidenceKind, into evidence: inout ParsedEvidence) {
        var text = String(decoding: bytes, as: UTF8.self)
        var working = bytes
        if TranscriptNormalizer.isNeeded(text) {
            let normalized = TranscriptNormalizer.normalize(text)
            text = normalized.text
            working = Array(text.utf8)
            evidence.notes += normalized.notes
        }
        if text.contains("RTSP/1.") {
            readRTSP(working, into: &evidence)
        } else if let start = EvidenceDetector.sdpStart(in: working) {
            readSDP(Array(working[start...]), into: &evidence)
            evidence.notes.append("SDP found at byte \(start)")
        } else if EvidenceDetector.looksLikeSDP(working) {
            readSDP(working, into: &evidence)  // a media section quoted alone, once unindented
        }
        if text.contains("HTTP/1.") {
            evidence.http = HTTPResponseTextReader.read(text)
            if !evidence.http.isEmpty { evidence.notes.append("\(evidence.http.count) HTTP response(s)") }
        }
        let documents = DeviceDocumentReader.read(text)
        evidence.devices = documents.documents
        evidence.looseFields = documents.looseFields
        evidence.notes += documents.notes
        for document in documents.documents {
            evidence.notes.append("\(document.kind.rawValue) (\(document.syntax), \(document.fields.count) fields)")
        }
        evidence.textMACs = ValueClassifier.macsFromUUIDs(in: text)
        if let mac = ValueClassifier.singleMAC(in: text), !evidence.textMACs.contains(mac) {
            evidence.textMACs.append(mac)
        }
        // A challenge inside a string literal keeps its quotes escaped (`realm=\"IP Camera(10789)\"`):
        // the loose readers below read the text with them unescaped.
        let loose = text.contains("\\\"") ? text.replacing("\\\"", with: "\"") : text
        evidence.textRealms = looseRealms(in: Array(loose.utf8))
        let identifiers = TextIdentifiers.scan(working)
        evidence.textModels = identifiers.models
        evidence.textSerialNumbers = identifiers.serialNumbers
        for challenge in looseDigestChallenges(in: loose) {
            if let nonce = challenge.nonce, evidence.textNonces.count < 8, !evidence.textNonces.contains(nonce) {
                evidence.textNonces.append(nonce)
            }
            if !challenge.qop.isEmpty { evidence.textChallengeHasQop = true }
        }
        evidence.textNamesHTTPOnly =
            !ASCII.contains("rtsp://", in: text[...]) && !ASCII.contains("RTSP/", in: text[...])
            && (ASCII.contains("http://", in: text[...]) || ASCII.contains("https://", in: text[...])
                || ASCII.contains("HTTP/1.", in: text[...]))
        if let responses = evidence.rtsp?.responses.count, responses > 0 {
            evidence.notes.append("\(responses) RTSP response(s), \(evidence.rtsp?.requests.count ?? 0) request(s)")
        }
    }

    private static func readRTSP(_ bytes: [UInt8], into evidence: inout ParsedEvidence) {
        let conversation = CredentialRedaction.redact(RTSPConversation.parse(bytes))
        evidence.rtsp = conversation
        if let reason = LayoutCheck.normalisation(conversation) {
            evidence.layoutNormalised = reason
            evidence.notes.append(
                "layout unknown: normalised by client log (\(reason)); spacing and order count neither way"
            )
        }
        for response in conversation.responses where !response.body.bytes.isEmpty {
            let body = response.body.bytes
            let contentType = response.headers.value("Content-Type")?.lowercased()
            guard contentType?.contains("sdp") == true || EvidenceDetector.looksLikeSDP(body) else { continue }
            readSDP(body, into: &evidence)
        }
        // Transcripts sometimes hold an SDP without the response around it.
        if evidence.sdp.isEmpty, let start = EvidenceDetector.sdpStart(in: bytes) {
            readSDP(Array(bytes[start...]), into: &evidence)
            evidence.notes.append("SDP found outside an RTSP response at byte \(start)")
        } else if evidence.sdp.isEmpty, let section = EvidenceDetector.mediaSection(in: bytes) {
            readSDP(Array(bytes[section]), into: &evidence)
            evidence.notes.append("SDP media section found outside an RTSP response at byte \(section.lowerBound)")
        }
    }

    private static func readSDP(_ bytes: [UInt8], into evidence: inout ParsedEvidence) {
        do {
            let description = try SessionDescription(parsing: bytes)
            evidence.sdp.append(description)
            for header in description.mediaHeaders {
                guard let info = header.mediaInfo else { continue }
                do {
                    evidence.imkh.append(try IMKHMediaHeader(parsing: info.bytes))
                } catch {
                    evidence.errors.append("a=Media_header: \(error)")
                }
            }
            for media in description.media {
                if let h264 = media.h264() {
                    for unit in h264.spropParameterSets {
                        appendParameterSet(unit.bytes, codec: .h264, into: &evidence)
                    }
                }
                if let h265 = media.h265() {
                    for unit in h265.spropVPS + h265.spropSPS + h265.spropPPS {
                        appendParameterSet(unit.bytes, codec: .h265, into: &evidence)
                    }
                }
            }
        } catch {
            evidence.errors.append("SDP: \(error)")
        }
    }

    /// An SDP quoted with every line indented alike (a code comment, a Markdown list) as the SDP.
    static func removingCommonIndentation(_ bytes: [UInt8]) -> [UInt8] {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let indentation =
            lines.filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }
            .map { line in line.prefix { $0 == 0x20 || $0 == 0x09 }.count }.min() ?? 0
        guard indentation > 0 else { return bytes }
        return Array(lines.map { $0.dropFirst(indentation) }.joined(separator: [0x0A]))
    }

    private static func appendParameterSet(_ bytes: [UInt8], codec: VideoCodec, into evidence: inout ParsedEvidence) {
        do {
            evidence.spropParameterSets.append(try ParsedNALUnit.parse(bytes, codec: codec))
        } catch {
            evidence.errors.append("sprop \(codec.rawValue) parameter set: \(error)")
        }
    }

    private static func readIMKH(_ bytes: [UInt8], into evidence: inout ParsedEvidence) {
        do {
            let header = try IMKHMediaHeader(parsing: bytes.prefix(IMKHMediaHeader.size))
            evidence.imkh.append(header)
            var rest = Array(bytes.dropFirst(IMKHMediaHeader.size))
            if rest.starts(with: [0, 0, 1, 0xBA]) {
                let demuxed = MPEGProgramStream.videoElementaryStream(rest)
                evidence.notes.append(
                    "MPEG program stream after the IMKH header: \(demuxed.packetCount) video PES packets"
                )
                rest = demuxed.bytes
            }
            guard AnnexB.startCodeOffset(in: rest) != nil else { return }
            let codec: VideoCodec = header.videoFormat == 5 ? .h265 : .h264
            evidence.stream = ElementaryStream.scan(rest, codec: codec)
            evidence.notes.append("video stream scanned as \(codec.rawValue)")
        } catch {
            evidence.errors.append("IMKH: \(error)")
        }
    }

    private static func readDecoderConfiguration(_ bytes: [UInt8], into evidence: inout ParsedEvidence) {
        if let box = ISOBox.find("avcC", in: bytes) {
            do {
                evidence.avcC = try AVCDecoderConfigurationRecord(parsing: bytes[box])
            } catch {
                evidence.errors.append("avcC: \(error)")
            }
        }
        if let box = ISOBox.find("hvcC", in: bytes) {
            do {
                evidence.hvcC = try HEVCDecoderConfigurationRecord(parsing: bytes[box])
            } catch {
                evidence.errors.append("hvcC: \(error)")
            }
        }
    }

    private static func firstNALUnit(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var first: Range<Int>?
        AnnexB.forEachNALUnit(in: bytes) { range in
            if first == nil, !range.isEmpty { first = range }
        }
        return first.map { bytes[$0] } ?? []
    }
}

extension AnnexB {
    /// The offset of the first start code in `bytes`, if any.
    static func startCodeOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { startCodeOffset(in: $0, from: 0) }
    }
}

extension EvidenceReader {
    /// Digest challenges quoted in text (a header pasted into a code comment or a test string):
    /// each line's text from `Digest ` on, without the quoting around it. At most 8, from the
    /// first 64 lines that hold one.
    static func looseDigestChallenges(in text: String) -> [AuthenticateChallenge] {
        var challenges: [AuthenticateChallenge] = []
        var lines = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard lines < 64, challenges.count < 8 else { break }
            guard let start = line.firstRange(of: "Digest "), line[start.upperBound...].contains("nonce=") else {
                continue
            }
            lines += 1
            var value = line[start.lowerBound...].prefix(1024)
            while let last = value.last, [";", "'", ")", ",", " ", "\t", "\r", "`"].contains(last) {
                value = value.dropLast()
            }
            if value.count(where: { $0 == "\"" }) % 2 == 1, value.last == "\"" { value = value.dropLast() }
            challenges += AuthenticateChallenge.parseAll(String(value)).filter { $0.scheme.lowercased() == "digest" }
        }
        return Array(challenges.prefix(8))
    }

    /// Every `realm="…"` in text (at most 8, each at most 128 bytes), in one pass.
    static func looseRealms(in bytes: [UInt8]) -> [String] {
        let marker = Array("realm=".utf8)
        var realms: [String] = []
        var index = 0
        while index + marker.count + 1 < bytes.count, realms.count < 8 {
            guard bytes[index] == UInt8(ascii: "r") || bytes[index] == UInt8(ascii: "R"),
                bytes[index..<(index + marker.count)].map({ $0 | 0x20 }).elementsEqual(marker.map { $0 | 0x20 })
            else {
                index += 1
                continue
            }
            var start = index + marker.count
            guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else {
                index = start
                continue
            }
            start += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != 0x0A, end - start < 128 {
                end += 1
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\""), end > start {
                let realm = String(decoding: bytes[start..<end], as: UTF8.self)
                if !realms.contains(realm) { realms.append(realm) }
            }
            index = end
        }
        return realms
    }
}

/// The binary header of Dahua's DHIP protocol (UDP 37810 discovery, TCP 37777 RPC): 32 bytes,
/// starting `20 00 00 00` `DHIP`, then session, request id and lengths; the JSON follows.
enum DHIPFrame {
    static let size = 32
    static let magic: [UInt8] = [0x20, 0x00, 0x00, 0x00, 0x44, 0x48, 0x49, 0x50]

    /// `bytes` with every DHIP header replaced by a line break, and how many there were; nil when
    /// there is none.
    static func stripHeaders(_ bytes: [UInt8]) -> (bytes: [UInt8], count: Int)? {
        var output: [UInt8] = []
        var count = 0
        var index = 0
        var copied = 0
        while index + size <= bytes.count {
            if bytes[index] == magic[0], bytes[index..<(index + magic.count)].elementsEqual(magic) {
                output += bytes[copied..<index]
                output.append(0x0A)
                index += size
                copied = index
                count += 1
                continue
            }
            index += 1
        }
        guard count > 0 else { return nil }
        output += bytes[copied...]
        return (output, count)
    }
}
