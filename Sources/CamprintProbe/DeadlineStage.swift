import Foundation
import Synchronization

/// Runs a CPU-bound stage of a probe (evidence reading, identity) so that the probe ends by its
/// deadline whatever the input: the work runs on a thread of its own, not on Swift's cooperative
/// pool (whose few threads the other probes, timers and I/O need), and the caller gets `nil` when
/// the deadline comes first. A parser cannot be interrupted, so a stage that overruns finishes on
/// its own thread and its result is dropped; the probe reports `timeout` with what it already knew.
public enum DeadlineStage {
    /// Stack of the stage's thread: the same 8 MiB as the main thread's default, for parsers that recurse.
    static let stackSize = 8 << 20

    public static func run<Value: Sendable>(
        until deadline: ContinuousClock.Instant,
        name: String = "camprint-stage",
        _ work: @escaping @Sendable () -> Value
    ) async -> Value? {
        guard deadline > .now else { return nil }
        let waiter = Waiter<Value>()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            waiter.install(continuation)
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                waiter.finish(nil)
            }
            let thread = Thread {
                let value = work()
                waiter.finish(value)
                timer.cancel()
            }
            thread.name = name
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Resumes the continuation once: with the stage's value or, at the deadline, with `nil`.
    private final class Waiter<Value: Sendable>: Sendable {
        private let continuation = Mutex<CheckedContinuation<Value?, Never>?>(nil)

        func install(_ value: CheckedContinuation<Value?, Never>) {
            continuation.withLock { $0 = value }
        }

        func finish(_ value: Value?) {
            continuation.withLock { $0.take() }?.resume(returning: value)
        }
    }
}
