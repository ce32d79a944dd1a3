import NIOCore

/// Runs a task's nonisolated async code on a NIO event loop, so that a probe's steps (and the
/// clock readings that enforce its deadlines) do not wait for a thread of Swift's cooperative
/// pool, which blocking code elsewhere in the process may hold.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
