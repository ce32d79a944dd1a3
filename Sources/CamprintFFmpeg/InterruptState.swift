internal import CFFmpeg
import Synchronization

/// Shared between the probe thread, FFmpeg's interrupt callback (called ~1,700 times per RTSP
/// open, so atomics only) and the task-cancellation handler.
final class InterruptState: Sendable {
    /// `av_gettime_relative()` microseconds after which every blocking libav call aborts.
    let deadlineMicroseconds = Atomic<Int64>(0)
    let cancelled = Atomic<Bool>(false)

    func setDeadline(_ microseconds: Int64) { deadlineMicroseconds.store(microseconds, ordering: .releasing) }

    func cancel() { cancelled.store(true, ordering: .releasing) }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    var isPastDeadline: Bool {
        let deadline = deadlineMicroseconds.load(ordering: .acquiring)
        return deadline != 0 && cffmpeg_av_gettime_relative() >= deadline
    }

    var shouldAbort: Bool { isCancelled || isPastDeadline }

    /// The AVIOInterruptCB for this state; `self` must outlive the format context.
    var callback: AVIOInterruptCB {
        AVIOInterruptCB(
            callback: { opaque in
                guard let opaque else { return 0 }
                return Unmanaged<InterruptState>.fromOpaque(opaque).takeUnretainedValue().shouldAbort ? 1 : 0
            },
            opaque: Unmanaged.passUnretained(self).toOpaque()
        )
    }
}
