/// The header lines of a message in their original order, duplicates kept.
///
/// A server that offers Digest and Basic in two `WWW-Authenticate` lines keeps both, in order.
public struct RTSPHeaders: Hashable, Sendable, Encodable, RandomAccessCollection {
    public var fields: [RTSPHeader]

    public init(_ fields: [RTSPHeader] = []) {
        self.fields = fields
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> RTSPHeader { fields[position] }

    /// The first header with this name, compared case-insensitively.
    public func first(_ name: String) -> RTSPHeader? {
        fields.first { $0.hasName(name) }
    }

    /// Every header with this name, in order, compared case-insensitively.
    public func all(_ name: String) -> [RTSPHeader] {
        fields.filter { $0.hasName(name) }
    }

    /// The trimmed value of the first header with this name.
    public func value(_ name: String) -> String? {
        first(name)?.value
    }

    public func contains(_ name: String) -> Bool {
        first(name) != nil
    }

    public mutating func append(_ header: RTSPHeader) {
        fields.append(header)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fields)
    }
}
