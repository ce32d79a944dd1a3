import CamprintDiscovery
import Synchronization

/// Where the long-running agent's child tasks (probes, sweeps) leave their results for the loop to
/// pick up between ticks, so the loop never awaits a probe or a sweep itself.
final class AgentInbox: Sendable {
    struct Contents {
        var probes: [AgentTargetResult] = []
        /// Finished discovery sweeps, the devices each found.
        var sweeps: [[DiscoveredDevice]] = []
    }

    private let contents = Mutex(Contents())

    func post(_ result: AgentTargetResult) { contents.withLock { $0.probes.append(result) } }
    func post(sweep found: [DiscoveredDevice]) { contents.withLock { $0.sweeps.append(found) } }

    /// Everything posted since the last call.
    func take() -> Contents {
        contents.withLock { contents in
            defer { contents = Contents() }
            return contents
        }
    }
}
