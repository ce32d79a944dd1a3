/// `Server`, RFC 2326 §12.36: the server's product text, kept as sent.
public struct ServerHeader: Hashable, Sendable, Encodable {
    /// The trimmed value (`Rtsp Server/3.0`, `GStreamer RTSP server`, `H264DVR 1.0`).
    public var text: String
    /// The text before the first `/`, or the whole text when there is none.
    public var product: String
    /// The token after the first `/` up to the next space, when present.
    public var version: String?

    public init(parsing rawValue: String) {
        let header = RTSPHeader(name: "Server", rawValue: rawValue)
        text = header.value
        if let slash = text.firstIndex(of: "/") {
            product = String(text[..<slash])
            let rest = text[text.index(after: slash)...]
            version = String(rest.prefix { $0 != " " })
        } else {
            product = text
            version = nil
        }
    }
}
