import CamprintClients
import CamprintProbe
import CamprintReport
import CamprintSignatures

/// `camprint probe` and `camprint discover` on the one host-fair scheduler: at most one connection
/// per host at a time (targets on the same host run one after the other), at most
/// ``maximumConcurrentHosts`` hosts at once.
enum ProbeRunner {
    static let maximumConcurrentHosts = 64

    static func run(
        targets: [ProbeTarget],
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase,
        completed: (ProbeOutcome) -> Void
    ) async -> [ProbeOutcome] {
        await HostFairScheduler.run(
            Array(targets.enumerated()),
            hostsAtOnce: maximumConcurrentHosts,
            host: { $0.element.key },
            finished: completed
        ) { item in
            switch item.element {
            case .stream(let url):
                await DeviceProbe.run(
                    index: item.offset,
                    url: url,
                    credentials: credentials,
                    settings: settings,
                    database: database
                )
            case .discovered(let device):
                await DiscoveredProbe.run(
                    device,
                    index: item.offset,
                    credentials: credentials,
                    settings: settings,
                    database: database
                )
            case .file(let path):
                await FileProbe.run(index: item.offset, path: path, settings: settings, database: database)
            }
        }
    }
}
