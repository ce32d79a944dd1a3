internal import CFFmpeg
import Foundation

/// Runs blocking libav work on a thread of its own: never on the cooperative pool, which has
/// only as many threads as cores.
enum ProbeThread {
    static let stackSize = 4 << 20
    /// The thread's name in `/proc/self/task/*/comm` (at most 15 bytes): leak checks count
    /// threads by it.
    static let name = "camprint-ffmpeg"

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                // Foundation on Linux does not pass `Thread.name` to the kernel.
                _ = cffmpeg_set_thread_name(name)
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
