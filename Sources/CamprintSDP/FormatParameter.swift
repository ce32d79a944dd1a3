public import CamprintWire

/// One `name=value` parameter of an `a=fmtp` line (RFC 8866 §6.15), in the order written.
public struct FormatParameter: Hashable, Sendable, Encodable {
    /// The name, trimmed, as written (compare case-insensitively).
    public var name: String
    /// The value, trimmed; `nil` when the parameter has no `=`.
    public var value: String?
    /// The value's bytes, only when they are not valid UTF-8.
    public var nonUTF8Value: HexBytes?
    /// The parameter exactly as written between separators.
    public var raw: String

    public init(name: String, value: String?, nonUTF8Value: HexBytes? = nil, raw: String) {
        self.name = name
        self.value = value
        self.nonUTF8Value = nonUTF8Value
        self.raw = raw
    }

    /// The value's bytes exactly as received (empty when there is no value).
    public var valueBytes: [UInt8] { nonUTF8Value?.bytes ?? Array((value ?? "").utf8) }
}
