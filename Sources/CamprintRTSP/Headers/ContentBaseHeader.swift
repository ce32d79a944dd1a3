public import CamprintWire

/// `Content-Base`, RFC 2326 §12.11: the base URL for relative control URLs in the body.
public struct ContentBaseHeader: Hashable, Sendable, Encodable {
    public var url: String
    /// True when the URL has a `scheme://` (Anjvision sends `192.168.1.10:554/stream0/`).
    public var hasScheme: Bool
    public var hasTrailingSlash: Bool
    public var quirks: [Quirk]

    public init(parsing rawValue: String) {
        url = RTSPHeader(name: "Content-Base", rawValue: rawValue).value
        hasScheme = url.contains("://")
        hasTrailingSlash = url.hasSuffix("/")
        var quirks = QuirkCollector()
        if !hasScheme { quirks.add(RTSPQuirkCodes.contentBaseNoScheme, url) }
        self.quirks = quirks.quirks
    }
}
