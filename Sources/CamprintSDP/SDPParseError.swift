/// Why a body could not be read as SDP at all. Deviations that still leave a usable
/// description are ``CamprintWire/Quirk``s instead.
public struct SDPParseError: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable, Encodable {
        /// No bytes, or only whitespace and line breaks.
        case empty
        /// No line of the form `<letter>=…` (RFC 8866 §5): not an SDP body.
        case notSDP = "not-sdp"
        case inputTooLarge = "input-too-large"
        case tooManyLines = "too-many-lines"
        case lineTooLong = "line-too-long"
        case tooManyMediaSections = "too-many-media-sections"
        case tooManyFormatParameters = "too-many-format-parameters"
    }

    public var code: Code
    /// Byte offset in the body where the problem starts.
    public var offset: Int
    /// A short printable quote of the offending input.
    public var excerpt: String

    public init(_ code: Code, offset: Int, excerpt: String = "") {
        self.code = code
        self.offset = offset
        self.excerpt = excerpt
    }

    public var description: String {
        "sdp.\(code.rawValue) at byte \(offset)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
    }
}
