import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port bound without listening: connections to it are refused, and while it is held no
/// other test can take it (nobody else binds a port bound without SO_REUSEADDR). A port that a
/// stopped server left is not that: the next test to bind port 0 may get it and answer. ``release()``
/// before starting a server on it.
public final class ReservedPort: @unchecked Sendable {
    public typealias Failure = LoopbackSocket.Failure

    public let port: Int
    private var descriptor: Int32

    public init() throws {
        (descriptor, port) = try LoopbackAddress.bindTCP()
    }

    public func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit { release() }
}
