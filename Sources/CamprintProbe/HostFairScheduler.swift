/// The one scheduler of probes (`camprint probe`, `camprint discover`, `camprint agent`): jobs run
/// concurrently, but never two on one host at a time (a host's jobs run one after the other, in
/// the order given: cameras count failed logins and connections per device), and at most
/// `hostsAtOnce` hosts at once.
public enum HostFairScheduler {
    /// Runs every job; returns the outputs in the jobs' order. `finished` sees each output as its
    /// host's jobs complete (on the caller's task, so it may print).
    public static func run<Job: Sendable, Output: Sendable>(
        _ jobs: [Job],
        hostsAtOnce: Int,
        host: (Job) -> String,
        finished: (Output) -> Void = { _ in },
        run: @escaping @Sendable (Job) async -> Output
    ) async -> [Output] {
        var order: [String] = []
        var byHost: [String: [(Int, Job)]] = [:]
        for (index, job) in jobs.enumerated() {
            let key = host(job)
            if byHost[key] == nil { order.append(key) }
            byHost[key, default: []].append((index, job))
        }
        let groups = order.map { byHost[$0] ?? [] }
        var results: [(Int, Output)] = []
        results.reserveCapacity(jobs.count)
        await withTaskGroup(of: [(Int, Output)].self) { group in
            var next = 0
            func startNext() {
                guard next < groups.count else { return }
                let batch = groups[next]
                next += 1
                group.addTask {
                    var done: [(Int, Output)] = []
                    for (index, job) in batch { done.append((index, await run(job))) }
                    return done
                }
            }
            for _ in 0..<min(max(1, hostsAtOnce), groups.count) { startNext() }
            for await batch in group {
                for (_, output) in batch { finished(output) }
                results += batch
                startNext()
            }
        }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
