public import Foundation

/// Starts test subprocesses, one at a time, through one entry point.
///
/// A full parallel `swift test` crashed inside Foundation's `Process.run()` (`memcpy`, bad pointer
/// dereference). The cause is swift-corelibs-foundation's over-read of glibc's readdir buffer while
/// it scans `/proc/self/fd` (fixed upstream in PR #5472, still in Swift 6.3.1): it strikes when the
/// test process holds well over a thousand descriptors, which only the 500-camera fleet test did;
/// that test now keeps its cameras in a child process. Launches stay serialised here so that
/// every test start goes through one place if another workaround is needed.
public enum SubprocessLaunch {
    private static let lock = NSLock()

    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }

    /// Runs `executable` with `arguments` to completion: its exit status and its stdout and stderr
    /// together (status -1 and the error when it cannot start).
    public static func runToCompletion(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try run(process)
        } catch {
            return (-1, "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
