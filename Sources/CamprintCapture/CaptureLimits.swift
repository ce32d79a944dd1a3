/// Bounds on everything a capture file can make the reader allocate or loop over.
public struct CaptureLimits: Hashable, Sendable {
    /// Largest capture file accepted.
    public var maxFileBytes: Int
    /// Most packets read from one file.
    public var maxPackets: Int
    /// Largest captured packet (and pcapng block) accepted.
    public var maxPacketBytes: Int
    /// Most pcapng interfaces (IDBs) per file.
    public var maxInterfaces: Int
    /// Most bytes reassembled per TCP direction.
    public var maxStreamBytes: Int
    /// Most TCP connections tracked.
    public var maxConnections: Int
    /// Most IPv6 extension headers skipped per packet.
    public var maxExtensionHeaders: Int

    public init(
        maxFileBytes: Int = 256 << 20,
        maxPackets: Int = 1_000_000,
        maxPacketBytes: Int = 262_144,
        maxInterfaces: Int = 64,
        maxStreamBytes: Int = 64 << 20,
        maxConnections: Int = 4_096,
        maxExtensionHeaders: Int = 8
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxPackets = maxPackets
        self.maxPacketBytes = maxPacketBytes
        self.maxInterfaces = maxInterfaces
        self.maxStreamBytes = maxStreamBytes
        self.maxConnections = maxConnections
        self.maxExtensionHeaders = maxExtensionHeaders
    }

    public static let `default` = CaptureLimits()
}
