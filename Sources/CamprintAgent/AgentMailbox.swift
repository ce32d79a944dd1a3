import Synchronization

/// Events for one consumer (a service's loop): posted from any task or signal handler, taken in
/// the order they arrived by ``next(until:)``, which sleeps until an event arrives or its deadline
/// passes, whichever is first, so the consumer reacts at once and never polls a flag.
final class AgentMailbox<Event: Sendable>: Sendable {
    private struct State {
        var events: [Event] = []
        /// The consumer parked in ``arrival()``, with the id of that wait.
        var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
        /// A wait cancelled before it parked.
        var cancelled: UInt64?
        var waits: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    func post(_ event: Event) {
        let waiter = state.withLock { state in
            state.events.append(event)
            defer { state.waiter = nil }
            return state.waiter?.continuation
        }
        waiter?.resume()
    }

    /// The events posted since the last call, after waiting for one until `deadline` (`nil`: no
    /// deadline) if there were none; empty when the deadline passed or the task was cancelled.
    func next(until deadline: ContinuousClock.Instant?) async -> [Event] {
        let pending = state.withLock { state in
            defer { state.events = [] }
            return state.events
        }
        if !pending.isEmpty { return pending }
        if let deadline {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
                group.addTask { await self.arrival() }
                await group.next()
                group.cancelAll()
            }
        } else {
            await arrival()
        }
        return state.withLock { state in
            defer { state.events = [] }
            return state.events
        }
    }

    /// Returns once an event is pending (at once if one is) or the task is cancelled.
    private func arrival() async {
        let id = state.withLock { state in
            state.waits &+= 1
            return state.waits
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if !state.events.isEmpty || state.cancelled == id { return true }
                    state.waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let waiter = state.waiter, waiter.id == id else {
                    state.cancelled = id
                    return nil
                }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume()
        }
    }
}
