public import Foundation

/// Starts test subprocesses one at a time.
///
/// swift-corelibs-foundation's `Process.run()` is not safe to call from several threads at once
/// on Linux: a full parallel `swift test` crashed inside it (`memcpy` in `Process.run()`, bad
/// pointer dereference) while other suites were launching ffprobe, GStreamer and the built
/// binaries. Every test that starts a process goes through this lock; the processes still run
/// concurrently once started.
public enum SubprocessLaunch {
    private static let lock = NSLock()

    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
