/// A deviation from the specification that a parser accepted and recorded instead of failing.
///
/// Quirks are evidence: Hikvision's `Date:  ` with two spaces or a space-padded `Session:` tell
/// one firmware from another. `code` is a stable dotted key (`rtsp.date.double-space`) that
/// observations and signatures match on; `detail` is for people.
public struct Quirk: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// Stable, lowercase, dotted identifier: `<parser>.<subject>.<deviation>`.
    public var code: String
    /// A short human explanation or the offending token, bounded by ``Excerpt``.
    public var detail: String
    /// Byte offset in the parsed input, when known.
    public var offset: Int?

    public init(_ code: String, _ detail: String = "", offset: Int? = nil) {
        self.code = code
        self.detail = Excerpt.make(detail)
        self.offset = offset
    }

    public var description: String {
        detail.isEmpty ? code : "\(code): \(detail)"
    }
}
