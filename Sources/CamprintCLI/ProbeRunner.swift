import CamprintPipeline
import CamprintProbe
import CamprintReport
import CamprintSignatures

/// Runs targets concurrently, at most one connection per host at a time (targets on the same host
/// run one after the other), at most ``maximumConcurrentHosts`` hosts at once.
enum ProbeRunner {
    static let maximumConcurrentHosts = 64

    static func run(
        targets: [ProbeTarget],
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase,
        completed: (ProbeOutcome) -> Void
    ) async -> [ProbeOutcome] {
        var order: [String] = []
        var byHost: [String: [(Int, ProbeTarget)]] = [:]
        for (index, target) in targets.enumerated() {
            if byHost[target.key] == nil { order.append(target.key) }
            byHost[target.key, default: []].append((index, target))
        }
        let groups = order.map { byHost[$0] ?? [] }
        var outcomes: [ProbeOutcome] = []
        await withTaskGroup(of: [ProbeOutcome].self) { group in
            var next = 0
            func startNext() {
                guard next < groups.count else { return }
                let jobs = groups[next]
                next += 1
                group.addTask {
                    var results: [ProbeOutcome] = []
                    for (index, target) in jobs {
                        switch target {
                        case .stream(let url):
                            results.append(
                                await DeviceProbe.run(
                                    index: index,
                                    url: url,
                                    credentials: credentials,
                                    settings: settings,
                                    database: database
                                )
                            )
                        case .discovered(let device):
                            results.append(
                                await DiscoveredProbe.run(
                                    device,
                                    index: index,
                                    credentials: credentials,
                                    settings: settings,
                                    database: database
                                )
                            )
                        case .file(let path):
                            results.append(
                                await FileProbe.run(index: index, path: path, settings: settings, database: database)
                            )
                        }
                    }
                    return results
                }
            }
            for _ in 0..<min(maximumConcurrentHosts, groups.count) { startNext() }
            for await finished in group {
                for outcome in finished { completed(outcome) }
                outcomes += finished
                startNext()
            }
        }
        return outcomes.sorted { $0.index < $1.index }
    }
}
