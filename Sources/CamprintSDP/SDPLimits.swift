/// Bounds on everything the SDP parser and its codec views allocate. Input beyond a line,
/// count or size limit is rejected with ``SDPParseError`` (codec views truncate and record a
/// quirk instead).
public struct SDPLimits: Hashable, Sendable, Encodable {
    /// Largest body accepted, in bytes.
    public var maxInputBytes: Int
    /// Most lines (including blank lines and lines without `=`).
    public var maxLines: Int
    /// Longest line, without its terminator.
    public var maxLineLength: Int
    /// Most `m=` sections.
    public var maxMediaSections: Int
    /// Most parameters in one `a=fmtp` line.
    public var maxFormatParameters: Int
    /// Most NAL units decoded from one `sprop-*` parameter set list, per codec view.
    public var maxSpropNALUnits: Int
    /// Most bytes decoded from all `sprop-*` parameters of one codec view.
    public var maxSpropDecodedBytes: Int

    public init(
        maxInputBytes: Int = 262_144,
        maxLines: Int = 2_048,
        maxLineLength: Int = 16_384,
        maxMediaSections: Int = 64,
        maxFormatParameters: Int = 64,
        maxSpropNALUnits: Int = 32,
        maxSpropDecodedBytes: Int = 16_384
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxLines = maxLines
        self.maxLineLength = maxLineLength
        self.maxMediaSections = maxMediaSections
        self.maxFormatParameters = maxFormatParameters
        self.maxSpropNALUnits = maxSpropNALUnits
        self.maxSpropDecodedBytes = maxSpropDecodedBytes
    }

    public static let `default` = SDPLimits()
}
