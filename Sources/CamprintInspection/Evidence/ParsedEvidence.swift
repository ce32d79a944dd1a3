public import CamprintCodecs
public import CamprintRTSP
public import CamprintSDP

/// Everything camprint's parsers read from one file of saved evidence.
public struct ParsedEvidence: Sendable, Encodable {
    /// The name the evidence came from (a path, or `-` for standard input).
    public var name: String
    public var kind: EvidenceKind
    public var byteCount: Int
    /// RTSP messages, for `rtsp-text`.
    public var rtsp: RTSPConversation?
    /// Session descriptions: a bare SDP, or the bodies of DESCRIBE responses.
    public var sdp: [SessionDescription] = []
    /// IMKH headers: a file's own header, or decoded from `a=Media_header` lines.
    public var imkh: [IMKHMediaHeader] = []
    /// Parameter sets carried in SDP `sprop-*` parameters, parsed.
    public var spropParameterSets: [ParsedNALUnit] = []
    /// The elementary stream summary, for Annex B and IMKH files.
    public var stream: ElementaryStreamSummary?
    /// The single NAL unit of a `.nal` file.
    public var nalUnit: ParsedNALUnit?
    public var avcC: AVCDecoderConfigurationRecord?
    public var hvcC: HEVCDecoderConfigurationRecord?
    /// ISAPI/ONVIF/WS-Discovery/SADP documents.
    public var devices: [DeviceDocument] = []
    /// HTTP responses found in conversation text.
    public var http: [HTTPResponseText] = []
    /// Why the RTSP header layout (spacing, order, case) cannot be read from this evidence — a
    /// client that logs headers as it parsed them — or nil when the layout is the camera's.
    public var layoutNormalised: String?
    /// Name/value pairs of text that no document kind claimed (tool output, loose dumps).
    public var looseFields: [DeviceDocument.Field] = []
    /// `realm="…"` values found in text outside any parsed response.
    public var textRealms: [String] = []
    /// The text names http:// or https:// URLs and no rtsp:// one.
    public var textNamesHTTPOnly = false
    /// `nonce` values of Digest challenges quoted in text outside any parsed response.
    public var textNonces: [String] = []
    /// A Digest challenge quoted in text offers `qop` (RFC 7616 §3.3: HTTP Digest; RTSP servers
    /// answer with RFC 2069-style challenges without it).
    public var textChallengeHasQop = false
    /// MAC addresses stated in free text: the node of version-1 UUIDs in log lines, and the one
    /// MAC a text names when it names a single one (``ValueClassifier/singleMAC(in:)``).
    public var textMACs: [String] = []
    /// Hikvision model and serial numbers stated in free text (``TextIdentifiers``).
    public var textModels: [String] = []
    public var textSerialNumbers: [String] = []
    /// RTCP SDES CNAMEs, for raw RTCP files.
    public var rtcpCNAMEs: [String] = []
    /// Parse failures that did not stop the rest, one line each.
    public var errors: [String] = []
    /// What the reader itself noticed (not the parsers' quirks, which stay with their values).
    public var notes: [String] = []

    public init(name: String, kind: EvidenceKind, byteCount: Int) {
        self.name = name
        self.kind = kind
        self.byteCount = byteCount
    }
}
