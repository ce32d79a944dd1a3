/// RFC 8866 §5.14 Media Descriptions: `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`.
///
/// Formats are kept as text: TP-Link sends `smart/1/90000` where a payload type belongs.
public struct SDPMediaLine: Hashable, Sendable, Encodable {
    /// `video`, `audio`, `application`, … (TP-Link: `application/TP-LINK`).
    public var media: String
    /// `nil` when the port is missing or not a decimal number.
    public var port: Int?
    public var numberOfPorts: Int?
    public var proto: String?
    public var formats: [String]
    public var raw: String

    public init(media: String, port: Int?, numberOfPorts: Int?, proto: String?, formats: [String], raw: String) {
        self.media = media
        self.port = port
        self.numberOfPorts = numberOfPorts
        self.proto = proto
        self.formats = formats
        self.raw = raw
    }

    /// The formats that are RTP payload types (decimal 0…127).
    public var payloadTypes: [Int] {
        formats.compactMap { format in
            guard let value = ASCIIText.decimal(format), value <= 127 else { return nil }
            return value
        }
    }
}
