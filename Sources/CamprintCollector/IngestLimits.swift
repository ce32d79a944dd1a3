/// Upper bounds on one `POST /api/v1/reports`.
public struct IngestLimits: Codable, Hashable, Sendable {
    /// Bytes on the wire (compressed or not); past this the request is answered 413 before it is read whole.
    public var maxBodyBytes: Int
    /// Bytes after gzip decompression; a gzip bomb stops here with 413.
    public var maxDecompressedBytes: Int
    public var maxReportsPerRequest: Int

    public init(maxBodyBytes: Int = 8 << 20, maxDecompressedBytes: Int = 64 << 20, maxReportsPerRequest: Int = 5000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxReportsPerRequest = maxReportsPerRequest
    }

    public static let `default` = IngestLimits()
}
