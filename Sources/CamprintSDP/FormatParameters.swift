import CamprintWire

/// RFC 8866 §6.15 `a=fmtp:<format> <format specific parameters>`, with every `;`-separated
/// parameter kept in order (RFC 6184 §8.1 and RFC 7798 §7.1 define those of H.264 and H.265).
public struct FormatParameters: Hashable, Sendable, Encodable {
    /// Byte offset of the `a=fmtp` line.
    public var offset: Int
    /// The format token as written (normally a decimal payload type).
    public var format: String
    public var payloadType: Int?
    public var parameters: [FormatParameter]

    public init(offset: Int, format: String, payloadType: Int?, parameters: [FormatParameter]) {
        self.offset = offset
        self.format = format
        self.payloadType = payloadType
        self.parameters = parameters
    }

    /// The first parameter called `name` (ASCII case-insensitive).
    public func parameter(_ name: String) -> FormatParameter? {
        parameters.first { ASCIIText.equalsIgnoringCase($0.name, name) }
    }

    /// The value of the first parameter called `name` (ASCII case-insensitive).
    public func value(_ name: String) -> String? {
        parameter(name)?.value
    }
}

extension FormatParameters {
    /// Reads the bytes after `a=fmtp:`. Tolerates `; ` separators, a trailing `;`, empty
    /// parameter lists and Uniview's space-separated `DecoderTag=h3c-v3 RTCP=0`.
    static func parse(
        _ bytes: [UInt8],
        offset: Int,
        limits: SDPLimits,
        quirks: inout [Quirk]
    ) throws(SDPParseError) -> FormatParameters {
        let trimmed = ASCII.trimmed(bytes[...])
        let formatEnd = trimmed.firstIndex(where: ASCII.isSpace) ?? trimmed.endIndex
        let format = ASCII.string(trimmed[..<formatEnd])
        let rest = ASCII.trimmed(trimmed[formatEnd...])
        var result = FormatParameters(
            offset: offset,
            format: format,
            payloadType: ASCIIText.decimal(format, maxDigits: 3),
            parameters: []
        )
        guard !rest.isEmpty else {
            quirks.append(Quirk("sdp.fmtp.empty", ASCII.string(bytes), offset: offset))
            return result
        }
        let pieces = rest.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        var spaceAfterSemicolon = false
        var spaceSeparated = false
        for (index, piece) in pieces.enumerated() {
            let item = ASCII.trimmed(piece)
            if item.isEmpty {
                let code = index == pieces.count - 1 ? "sdp.fmtp.trailing-semicolon" : "sdp.fmtp.empty-parameter"
                quirks.append(Quirk(code, ASCII.string(rest), offset: offset))
                continue
            }
            if index > 0, let first = piece.first, ASCII.isSpace(first) { spaceAfterSemicolon = true }
            let words = item.split(whereSeparator: ASCII.isSpace)
            let items: [ArraySlice<UInt8>]
            if words.count > 1, words.allSatisfy({ $0.contains(UInt8(ascii: "=")) }) {
                spaceSeparated = true
                items = words
            } else {
                items = [item]
            }
            for item in items {
                guard result.parameters.count < limits.maxFormatParameters else {
                    throw SDPParseError(.tooManyFormatParameters, offset: offset, excerpt: Excerpt.make(bytes))
                }
                result.parameters.append(parameter(item))
            }
        }
        if spaceAfterSemicolon {
            quirks.append(Quirk("sdp.fmtp.space-after-semicolon", ASCII.string(rest), offset: offset))
        }
        if spaceSeparated {
            quirks.append(Quirk("sdp.fmtp.space-separated", ASCII.string(rest), offset: offset))
        }
        return result
    }

    private static func parameter(_ item: ArraySlice<UInt8>) -> FormatParameter {
        let raw = ASCII.string(item)
        guard let equals = item.firstIndex(of: UInt8(ascii: "=")) else {
            return FormatParameter(name: raw, value: nil, raw: raw)
        }
        let name = ASCII.string(ASCII.trimmed(item[..<equals]))
        let valueBytes = ASCII.trimmed(item[(equals + 1)...])
        if let value = ASCIIText.validated(valueBytes) {
            return FormatParameter(name: name, value: value, raw: raw)
        }
        return FormatParameter(
            name: name,
            value: ASCII.string(valueBytes),
            nonUTF8Value: HexBytes(valueBytes),
            raw: raw
        )
    }
}
