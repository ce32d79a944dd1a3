public import CamprintWire

/// An SDP body (RFC 8866), read tolerantly: every line is kept in order with its type letter
/// and raw value, the fields cameras use are read into typed values, and deviations are
/// recorded as ``CamprintWire/Quirk``s.
///
/// The body may come straight out of an RTSP DESCRIBE response. `serialize()` gives the
/// lines back exactly as received.
public struct SessionDescription: Hashable, Sendable, Encodable {
    /// The session-level lines in order (everything before the first `m=`).
    public var sessionLines: [SDPLine]
    /// RFC 8866 §5.1 `v=`; `nil` when missing or not a number.
    public var version: Int?
    /// RFC 8866 §5.2 `o=`; `nil` when missing (macro-video, Wisenet).
    public var origin: SDPOrigin?
    /// RFC 8866 §5.3 `s=`, untrimmed.
    public var sessionName: String?
    /// RFC 8866 §5.4 `i=` (session level).
    public var information: String?
    /// RFC 8866 §5.5 `u=`.
    public var uri: String?
    /// RFC 8866 §5.6 `e=` lines (Hikvision writes `e=NONE`).
    public var emails: [String]
    /// RFC 8866 §5.6 `p=` lines.
    public var phones: [String]
    /// RFC 8866 §5.7 session-level `c=`.
    public var connection: SDPConnection?
    /// RFC 8866 §5.8 session-level `b=`.
    public var bandwidths: [SDPBandwidth]
    /// RFC 8866 §5.9 `t=` lines.
    public var timings: [SDPTiming]
    /// RFC 8866 §5.13 session-level `a=`.
    public var attributes: SDPAttributes
    /// RFC 8866 §5.14 media sections in order.
    public var media: [MediaDescription]
    /// Deviations from RFC 8866, in input order (codec-level ones are on the codec views).
    public var quirks: [Quirk]

    public init(
        sessionLines: [SDPLine] = [],
        version: Int? = nil,
        origin: SDPOrigin? = nil,
        sessionName: String? = nil,
        information: String? = nil,
        uri: String? = nil,
        emails: [String] = [],
        phones: [String] = [],
        connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [],
        timings: [SDPTiming] = [],
        attributes: SDPAttributes = SDPAttributes(),
        media: [MediaDescription] = [],
        quirks: [Quirk] = []
    ) {
        self.sessionLines = sessionLines
        self.version = version
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.uri = uri
        self.emails = emails
        self.phones = phones
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.attributes = attributes
        self.media = media
        self.quirks = quirks
    }

    /// Parses an SDP body. Throws only when the bytes are not SDP at all or exceed `limits`.
    public init(parsing bytes: some Collection<UInt8>, limits: SDPLimits = .default) throws(SDPParseError) {
        var parser = SDPParser(limits: limits)
        self = try parser.parse(Array(bytes))
    }

    /// Every line, session then media sections, in order.
    public var lines: [SDPLine] { sessionLines + media.flatMap(\.lines) }

    /// Every `a=Media_header` of the session and its media sections, in order.
    public var mediaHeaders: [MediaHeader] {
        ([attributes.mediaHeader] + media.map(\.attributes.mediaHeader)).compactMap { $0 }
    }

    /// The body as text, each line with its original terminator. Equal to the parsed bytes when
    /// they were valid UTF-8; use ``serializedBytes()`` for an exact copy of any input.
    public func serialize() -> String {
        ASCII.string(serializedBytes())
    }

    /// The body's bytes exactly as parsed.
    public func serializedBytes() -> [UInt8] {
        lines.flatMap(\.bytes)
    }
}
