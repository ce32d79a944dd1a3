import CamprintWire

/// RFC 8866 §6.6 `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`.
public struct RTPMap: Hashable, Sendable, Encodable {
    /// The format token as written (normally a decimal payload type).
    public var format: String
    public var payloadType: Int?
    /// `H264`, `H265`, `PCMA`, `MPEG4-GENERIC`, … as written (compare case-insensitively).
    public var encodingName: String
    public var clockRate: Int?
    /// Audio channels or other encoding parameters, as written.
    public var encodingParameters: String?
    public var raw: String

    public init(
        format: String,
        payloadType: Int?,
        encodingName: String,
        clockRate: Int?,
        encodingParameters: String?,
        raw: String
    ) {
        self.format = format
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.encodingParameters = encodingParameters
        self.raw = raw
    }

    /// Audio channel count when the encoding parameters are a number.
    public var channels: Int? { encodingParameters.flatMap { ASCIIText.decimal($0, maxDigits: 4) } }
}

extension RTPMap {
    static func parse(_ value: String, offset: Int, quirks: inout [Quirk]) -> RTPMap {
        let tokens = ASCIIText.tokens(value)
        let format = tokens.first ?? ""
        let rest = tokens.dropFirst().joined(separator: " ")
        let parts = rest.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { ASCII.string($0) }
        let encodingName = parts.first ?? ""
        let clockRate = parts.count > 1 ? ASCIIText.decimal(parts[1], maxDigits: 10) : nil
        let encodingParameters = parts.count > 2 ? parts[2...].joined(separator: "/") : nil
        if tokens.count != 2 || encodingName.isEmpty || clockRate == nil {
            quirks.append(Quirk("sdp.rtpmap.malformed", value, offset: offset))
        }
        return RTPMap(
            format: format,
            payloadType: ASCIIText.decimal(format, maxDigits: 3),
            encodingName: encodingName,
            clockRate: clockRate,
            encodingParameters: encodingParameters,
            raw: value
        )
    }
}
