public import CamprintWire

/// One line of an SDP body exactly as received (RFC 8866 §5: `<type>=<value>`).
///
/// Every line is kept, including blank lines and lines without `=`, so that ``SessionDescription/serialize()``
/// reproduces the body byte for byte.
public struct SDPLine: Hashable, Sendable, Encodable {
    /// Byte offset of the line's first byte in the parsed body.
    public var offset: Int
    /// The text before the first `=` (normally one lowercase letter); `nil` when the line has no `=`.
    public var type: String?
    /// The text after the first `=` (the whole line when there is no `=`), untrimmed.
    /// Bytes that are not valid UTF-8 appear as U+FFFD here and exactly in ``nonUTF8Value``.
    public var value: String
    /// The value's bytes, only when they are not valid UTF-8 (so nothing is lost).
    public var nonUTF8Value: HexBytes?
    /// The terminator that ended the line; `nil` for a last line without one.
    public var ending: LineEnding?

    public init(offset: Int, type: String?, value: String, nonUTF8Value: HexBytes? = nil, ending: LineEnding?) {
        self.offset = offset
        self.type = type
        self.value = value
        self.nonUTF8Value = nonUTF8Value
        self.ending = ending
    }

    /// The value's bytes exactly as received.
    public var valueBytes: [UInt8] { nonUTF8Value?.bytes ?? Array(value.utf8) }

    /// The value without surrounding spaces and tabs.
    public var trimmedValue: String { ASCII.string(ASCII.trimmed(valueBytes[...])) }

    /// The line's bytes, terminator included.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        if let type {
            output += Array(type.utf8)
            output.append(UInt8(ascii: "="))
        }
        output += valueBytes
        switch ending {
        case .crlf: output += [0x0D, 0x0A]
        case .lf: output.append(0x0A)
        case .cr: output.append(0x0D)
        case nil: break
        }
        return output
    }
}
