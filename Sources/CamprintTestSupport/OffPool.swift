import Foundation

/// Runs blocking work (a subprocess, a socket client, a lazily generated test clip) on a thread of
/// its own and awaits it, so that a test does not hold one of the cooperative pool's threads —
/// there are as many as cores (two on CI), and a pool blocked for seconds delays every other
/// test's timers and deadlines. A new thread per call, so many concurrent blocking clients never
/// wait for each other.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
