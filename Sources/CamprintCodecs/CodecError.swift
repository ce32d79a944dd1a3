import CamprintWire

/// Why a codec structure could not be parsed.
public struct CodecError: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable, Encodable {
        /// The bits or bytes ended inside a syntax structure.
        case truncated
        /// A syntax element has a value the specification does not allow (or an Exp-Golomb code
        /// longer than 32 bits).
        case valueOutOfRange
        /// A count or size is above the named limit in ``CodecLimits``.
        case limitExceeded
        /// The NAL unit is not of the type the parser expects.
        case unexpectedNALUnitType
        /// The NAL unit is shorter than its header.
        case missingNALHeader
        /// A configuration record or header has a version or layout we do not know.
        case unsupportedVersion
        /// A length-prefixed stream uses a length size other than 1, 2 or 4 bytes.
        case invalidLengthSize
    }

    public var code: Code
    /// Byte offset of the failure: within the RBSP (after emulation prevention removal) for
    /// bit-level syntax, within the input otherwise.
    public var offset: Int
    /// The syntax element and a quote of the bytes at `offset`.
    public var excerpt: String

    public init(_ code: Code, offset: Int, excerpt: String) {
        self.code = code
        self.offset = offset
        self.excerpt = Excerpt.make(excerpt)
    }

    public var description: String { "\(code.rawValue) at \(offset): \(excerpt)" }
}
