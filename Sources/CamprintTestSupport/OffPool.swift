import Dispatch

/// Runs blocking work (a subprocess, a lazily generated test clip) on a Dispatch thread and awaits
/// it, so that a test does not hold one of the cooperative pool's threads — there are as many as
/// cores (two on CI), and a pool blocked for seconds delays every other test's timers and deadlines.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
