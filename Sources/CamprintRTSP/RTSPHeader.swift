import CamprintWire

/// One header line as sent, RFC 2326 §4.2 (`message-header = field-name ":" [ field-value ] CRLF`).
///
/// Nothing is normalized: the name keeps its spelling (`Cseq`, `CSeq`), `rawValue` keeps every byte
/// after the colon, including leading padding (`Date:  Wed, …`), trailing spaces and folded
/// continuation lines with their line breaks. ``value`` is the trimmed, unfolded view.
public struct RTSPHeader: Hashable, Sendable, Encodable {
    /// The field name exactly as sent (without surrounding spaces).
    public var name: String
    /// Everything after the colon up to the line end, untouched.
    public var rawValue: String
    /// False for a header line without a colon (a quirk): the whole line is then in `name`.
    public var hasColon: Bool

    public init(name: String, rawValue: String, hasColon: Bool = true) {
        self.name = name
        self.rawValue = rawValue
        self.hasColon = hasColon
    }

    /// A header written the usual way, `Name: value`.
    public init(_ name: String, _ value: String) {
        self.init(name: name, rawValue: " " + value)
    }

    /// `rawValue` with folds (line break plus whitespace) collapsed to one space, then trimmed of
    /// spaces and tabs at both ends.
    public var value: String {
        let raw = Array(rawValue.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == 0x0D || byte == 0x0A {
                while index < raw.count, raw[index] == 0x0D || raw[index] == 0x0A || ASCII.isSpace(raw[index]) {
                    index += 1
                }
                output.append(0x20)
                continue
            }
            output.append(byte)
            index += 1
        }
        return ASCII.string(ASCII.trimmed(output[...]))
    }

    /// Number of spaces and tabs between the colon and the first value byte.
    public var leadingWhitespaceCount: Int {
        rawValue.utf8.prefix { ASCII.isSpace($0) }.count
    }

    /// Number of spaces and tabs after the last value byte.
    public var trailingWhitespaceCount: Int {
        rawValue.utf8.reversed().prefix { ASCII.isSpace($0) }.count
    }

    /// Case-insensitive name comparison (RFC 2326 §4.2: field names are case-insensitive).
    public func hasName(_ other: String) -> Bool {
        ASCII.equalsIgnoringCase(Array(name.utf8), other)
    }
}
