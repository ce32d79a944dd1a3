import CamprintWire

/// RFC 8866 §6.3 `a=framerate:<frame rate>`.
public struct FrameRate: Hashable, Sendable, Encodable {
    /// `nil` when the text is not a decimal number (`0S` is seen in the wild).
    public var value: Double?
    public var raw: String

    public init(value: Double?, raw: String) {
        self.value = value
        self.raw = raw
    }
}

extension FrameRate {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> FrameRate {
        let text = ASCIIText.trimmed(value)
        let bytes = Array(text.utf8)
        let dots = bytes.filter { $0 == UInt8(ascii: ".") }.count
        let wellFormed =
            !bytes.isEmpty && bytes.count <= 24 && dots <= 1 && bytes.first != UInt8(ascii: ".")
            && bytes.allSatisfy { ASCII.isDigit($0) || $0 == UInt8(ascii: ".") }
        guard wellFormed, let number = Double(text) else {
            quirks.append(Quirk("sdp.framerate.invalid", value, offset: offset))
            return FrameRate(value: nil, raw: value)
        }
        if number == 0 { quirks.append(Quirk("sdp.framerate.zero", value, offset: offset)) }
        return FrameRate(value: number, raw: value)
    }
}
