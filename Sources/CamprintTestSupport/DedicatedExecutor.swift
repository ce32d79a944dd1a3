import Foundation
public import Testing

/// A task executor with one thread of its own. `swift test` starts every test at once on the
/// cooperative pool — as many threads as cores, two on CI — and CPU-bound tests (signature
/// self-tests, corpus and fuzz regressions) hold both for seconds at the start of a run. A test
/// that asserts a client ends by its deadline would then measure the pool's queue, not the
/// client: it failed in CI with 3.6 s for a 0.5 s deadline. Under this executor the test's own
/// code and every continuation it awaits resume on its thread, whatever the rest of the run does.
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    public init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopped {
            condition.unlock()
            // A straggler after shutdown (none expected): still run it, on a thread of its own.
            let executor = asUnownedTaskExecutor()
            Thread.detachNewThread { job.runSynchronously(on: executor) }
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish the queued jobs and exit.
    public func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty, !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
        }
    }
}

/// Runs each test of a suite (or one test) on a ``DedicatedExecutor``: for tests whose
/// assertions are about time (a deadline honoured, a fast failure).
public struct DedicatedExecutorTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let executor = DedicatedExecutor(name: "test-executor")
        defer { executor.shutdown() }
        try await withTaskExecutorPreference(executor) { try await function() }
    }
}

extension Trait where Self == DedicatedExecutorTrait {
    /// Each test on a thread of its own, out of the cooperative pool's queue.
    public static var dedicatedExecutor: Self { DedicatedExecutorTrait() }
}
