public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `sd_notify(3)` without libsystemd: one datagram per message to the `AF_UNIX` socket named by
/// `$NOTIFY_SOCKET` (a path, or `@name` for the abstract namespace). A no-op without the variable.
/// Never blocks: a full socket queue drops the message (the agent loop must not stall on it).
public struct SystemdNotifier: Sendable {
    public let socketPath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"]
        self.socketPath = (path?.isEmpty ?? true) ? nil : path
    }

    /// The watchdog interval systemd expects pings within (`$WATCHDOG_USEC`), if any.
    public static func watchdogInterval(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0 else { return nil }
        return .microseconds(usec)
    }

    /// Sends `message` (e.g. `READY=1`, `WATCHDOG=1`, `STOPPING=1`, `STATUS=…`); false when it could not.
    @discardableResult
    public func notify(_ message: String) -> Bool {
        #if canImport(Glibc)
            guard let socketPath else { return false }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            var pathBytes = Array(socketPath.utf8)
            if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard pathBytes.count < capacity else { return false }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
            }
            let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
            let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            let bytes = Array(message.utf8)
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bytes.withUnsafeBytes { buffer in
                        sendto(
                            descriptor,
                            buffer.baseAddress,
                            buffer.count,
                            Int32(MSG_NOSIGNAL | MSG_DONTWAIT),
                            socketAddress,
                            length
                        )
                    }
                }
            }
            return sent == bytes.count
        #else
            return false
        #endif
    }
}
