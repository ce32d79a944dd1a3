import Testing

@testable import CamprintProbe

/// The one scheduler of probes: outputs in job order, one job per host at a time, a bounded
/// number of hosts at once, every job run exactly once.
@Suite struct HostFairSchedulerTests {
    /// Counts jobs in flight, per host and in all, and remembers the highest counts seen.
    actor Load {
        var perHost: [String: Int] = [:]
        var inFlight = 0
        var highestPerHost = 0
        var highest = 0
        var order: [String: [Int]] = [:]

        func begin(_ host: String, _ id: Int) {
            perHost[host, default: 0] += 1
            inFlight += 1
            highestPerHost = max(highestPerHost, perHost[host] ?? 0)
            highest = max(highest, inFlight)
            order[host, default: []].append(id)
        }

        func end(_ host: String) {
            perHost[host, default: 0] -= 1
            inFlight -= 1
        }
    }

    struct Job: Sendable {
        var id: Int
        var host: String
    }

    @Test func oneJobPerHostAtATimeAndBoundedHosts() async {
        let jobs = (0..<60).map { Job(id: $0, host: "10.0.0.\($0 % 7)") }
        let load = Load()
        var seen: [Int] = []
        let outputs = await HostFairScheduler.run(
            jobs,
            hostsAtOnce: 3,
            host: \.host,
            finished: { seen.append($0) }
        ) { job in
            await load.begin(job.host, job.id)
            for _ in 0..<5 { await Task.yield() }
            await load.end(job.host)
            return job.id
        }
        #expect(outputs == Array(0..<60))
        #expect(seen.sorted() == Array(0..<60))
        #expect(await load.highestPerHost == 1)
        #expect(await load.highest <= 3)
        // A host's jobs run in the order given.
        for (_, ids) in await load.order { #expect(ids == ids.sorted()) }
    }

    @Test func noJobsNoWork() async {
        let outputs = await HostFairScheduler.run([Job](), hostsAtOnce: 4, host: \.host) { $0.id }
        #expect(outputs.isEmpty)
    }
}
