import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM/SIGINT (stop) and SIGHUP (reload the configuration), turned into flags the loop polls.
public final class AgentSignals: Sendable {
    struct Flags {
        var stop = false
        var reload = false
    }

    private let flags = Mutex(Flags())
    /// Kept alive for the life of the process; written once by ``install()`` before the loop starts.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Installs the handlers (the default actions of the signals are disabled). Call once.
    public func install() {
        #if canImport(Glibc)
            let table: [(Int32, @Sendable (AgentSignals) -> Void)] = [
                (SIGTERM, { $0.requestStop() }),
                (SIGINT, { $0.requestStop() }),
                (SIGHUP, { $0.requestReload() }),
            ]
            var installed: [any DispatchSourceSignal] = []
            for (number, action) in table {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    if let self { action(self) }
                }
                source.resume()
                installed.append(source)
            }
            sources = installed
        #endif
    }

    public func requestStop() { flags.withLock { $0.stop = true } }
    public func requestReload() { flags.withLock { $0.reload = true } }
    public var stopRequested: Bool { flags.withLock { $0.stop } }

    /// True once per SIGHUP.
    public func takeReload() -> Bool {
        flags.withLock { flags in
            defer { flags.reload = false }
            return flags.reload
        }
    }
}
