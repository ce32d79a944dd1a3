import Foundation

/// Runs blocking libav work on a thread of its own: never on the cooperative pool, which has
/// only as many threads as cores.
enum ProbeThread {
    static let stackSize = 4 << 20

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "camprint-ffmpeg"
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
