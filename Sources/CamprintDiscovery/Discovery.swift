public import CamprintClients
public import Foundation

/// What a sweep does (`camprint discover`, the agent's `discovery:` section).
public struct DiscoveryOptions: Sendable {
    public var scope: DiscoveryScope
    public var channels: Set<DiscoveryChannel>
    public var ports: [DiscoveryPort]
    /// New TCP connections per second across the sweep.
    public var connectionsPerSecond: Int
    /// TCP connections open at once to one address.
    public var connectionsPerHost: Int
    /// UDP requests per second across the sweep.
    public var packetsPerSecond: Int
    /// Longest wait for one TCP connection.
    public var connectTimeout: Duration
    /// How long answers are awaited after the last UDP request.
    public var wait: Duration
    /// Also send each UDP request to its channel's multicast group (answers still only from the scope).
    public var multicast: Bool
    /// UDP ports other than the well-known ones (tests; a site that moved a service).
    public var udpPorts: [DiscoveryChannel: Int]
    /// Where the neighbour table is read.
    public var neighbourTablePath: String

    public static let defaultConnectionsPerSecond = 500
    public static let defaultPacketsPerSecond = 1000

    public init(
        scope: DiscoveryScope,
        channels: Set<DiscoveryChannel> = Set(DiscoveryChannel.allCases),
        ports: [DiscoveryPort] = DiscoveryPort.defaults,
        connectionsPerSecond: Int = defaultConnectionsPerSecond,
        connectionsPerHost: Int = 2,
        packetsPerSecond: Int = defaultPacketsPerSecond,
        connectTimeout: Duration = .seconds(1),
        wait: Duration = .milliseconds(1500),
        multicast: Bool = false,
        udpPorts: [DiscoveryChannel: Int] = [:],
        neighbourTablePath: String = "/proc/net/arp"
    ) {
        self.scope = scope
        self.channels = channels
        self.ports = ports
        self.connectionsPerSecond = connectionsPerSecond
        self.connectionsPerHost = connectionsPerHost
        self.packetsPerSecond = packetsPerSecond
        self.connectTimeout = connectTimeout
        self.wait = wait
        self.multicast = multicast
        self.udpPorts = udpPorts
        self.neighbourTablePath = neighbourTablePath
    }
}

/// Progress of a sweep, for a person watching (stderr) or a metrics endpoint.
public struct DiscoveryProgress: Sendable {
    public var addresses: Int
    public var swept: Int
    public var answering: Int
}

/// One answer kept whole: the summary for the report, the bytes for the identity engine.
public struct DiscoveryAnswer: Sendable {
    public var summary: ReportableAnswer
    public var bytes: [UInt8]
    /// The UPnP device description an SSDP answer pointed to, fetched from the same address.
    public var description: [UInt8]?
}

/// A device found by a sweep: an address that answered a discovery channel, accepted a
/// connection on a sweep port, or is in the neighbour table.
public struct DiscoveredDevice: Sendable {
    public var address: String
    public var openPorts: [DiscoveryPort]
    public var answers: [DiscoveryAnswer]
    public var firstSeen: Date
    public var neighbourMAC: String?
    /// The sweep tried the TCP ports: a port it did not find open is closed.
    public var tcpSwept: Bool = true

    /// The first open RTSP port.
    public var rtspPort: Int? { openPorts.first { $0.role == .rtsp }?.number }

    /// The first open HTTP port; when TCP was not swept, the HTTP port an answer states.
    public var httpPort: Int? {
        if let open = openPorts.first(where: { $0.role == .http }) { return open.number }
        return tcpSwept ? nil : answers.lazy.compactMap(\.summary.httpPort).first
    }

    public var channels: [DiscoveryChannel] {
        var channels = Set(answers.map(\.summary.channel))
        if !openPorts.isEmpty { channels.insert(.tcp) }
        if neighbourMAC != nil { channels.insert(.arp) }
        return channels.sorted()
    }

    /// The bare RTSP address of the device, for the probe's stream search.
    public var rtspURL: RTSPURL? {
        guard let rtspPort else { return nil }
        let host = address.contains(":") ? "[\(address)]" : address
        return try? RTSPURL(parsing: rtspPort == 554 ? "rtsp://\(host)" : "rtsp://\(host):\(rtspPort)")
    }

    /// Evidence for the identity engine: every answer as received, named by channel and address
    /// (``neighbourMAC`` goes to the engine as a MAC of the device).
    public var evidence: [(name: String, bytes: [UInt8])] {
        var items: [(name: String, bytes: [UInt8])] = []
        for answer in answers {
            items.append(("\(answer.summary.channel.rawValue)://\(address)", answer.bytes))
            if let description = answer.description {
                items.append(("\(answer.summary.urls.first ?? "ssdp://\(address)")", description))
            }
        }
        return items
    }
}

/// A sweep: the UDP channels and the TCP ports at the same time, then the UPnP descriptions the
/// SSDP answers point to and the neighbour table; one ``DiscoveredDevice`` per address that showed
/// itself, in scope order.
public enum Discovery {
    public static func run(
        _ options: DiscoveryOptions,
        progress: @escaping @Sendable (DiscoveryProgress) -> Void = { _ in }
    ) async -> [DiscoveredDevice] {
        let started = Date()
        let scope = options.scope
        let udpChannels = DiscoveryChannel.udp.filter { options.channels.contains($0) }
        let counter = ProgressCounter(addresses: scope.addresses.count, report: progress)
        async let udp = UDPSweep.run(
            scope: scope,
            channels: udpChannels,
            ports: options.udpPorts,
            packetsPerSecond: options.packetsPerSecond,
            wait: options.wait,
            multicast: options.multicast,
            sent: { _ in }
        )
        async let tcp =
            options.channels.contains(.tcp)
            ? TCPSweep.run(
                scope: scope,
                ports: options.ports,
                connectionsPerSecond: options.connectionsPerSecond,
                perHost: options.connectionsPerHost,
                timeout: options.connectTimeout,
                hostDone: { _, open in Task { await counter.swept(answering: !open.isEmpty) } }
            ) : [:]
        let (answers, open) = await (udp, tcp)
        var byAddress: [String: [DiscoveryAnswer]] = [:]
        var firstSeen: [String: Date] = [:]
        for answer in answers {
            guard let summary = DiscoveryMessages.summary(answer.channel, answer: answer.bytes) else { continue }
            // One WS-Discovery device answers both of its probes alike: keep one of equal answers.
            if byAddress[answer.address]?.contains(where: { $0.summary == summary }) == true { continue }
            byAddress[answer.address, default: []].append(DiscoveryAnswer(summary: summary, bytes: answer.bytes))
            firstSeen[answer.address] = min(firstSeen[answer.address] ?? answer.receivedAt, answer.receivedAt)
        }
        // Descriptions are fetched for up to 64 addresses at once, each bounded by its own 2 s
        // deadline: one after the other, a responder whose LOCATION never answers would add 2 s
        // per address to the sweep.
        let pending = byAddress.filter { $0.value.contains { $0.summary.channel == .ssdp } }.map { ($0.key, $0.value) }
        await withTaskGroup(of: (String, [DiscoveryAnswer]).self) { group in
            var next = 0
            func startNext() {
                guard next < pending.count else { return }
                let (address, list) = pending[next]
                next += 1
                group.addTask { (address, await withDescriptions(list, address: address, scope: scope)) }
            }
            for _ in 0..<min(64, pending.count) { startNext() }
            for await (address, list) in group {
                byAddress[address] = list
                startNext()
            }
        }
        let neighbours =
            options.channels.contains(.arp)
            ? NeighbourTable.read(path: options.neighbourTablePath) : NeighbourTable()
        var devices: [DiscoveredDevice] = []
        for address in scope.addresses {
            let ports = (open[address] ?? []).compactMap { number in options.ports.first { $0.number == number } }
            let list = byAddress[address] ?? []
            let mac = neighbours.macs[address]
            guard !ports.isEmpty || !list.isEmpty || mac != nil else { continue }
            devices.append(
                DiscoveredDevice(
                    address: address,
                    openPorts: ports,
                    answers: list,
                    firstSeen: firstSeen[address] ?? started,
                    neighbourMAC: mac,
                    tcpSwept: options.channels.contains(.tcp)
                )
            )
        }
        await counter.finish(answering: devices.count)
        return devices
    }

    /// Fetches the UPnP description of each SSDP answer whose `LOCATION` is plain HTTP on the
    /// answering address itself; any other location is left alone (a sweep contacts only its scope).
    static func withDescriptions(_ answers: [DiscoveryAnswer], address: String, scope: DiscoveryScope) async
        -> [DiscoveryAnswer]
    {
        var result = answers
        var fetched = Set<String>()
        for index in result.indices where result[index].summary.channel == .ssdp {
            guard let location = result[index].summary.urls.first, !fetched.contains(location),
                let url = URLComponents(string: location), url.scheme?.lowercased() == "http",
                let host = url.host, host == address, scope.contains(host)
            else { continue }
            fetched.insert(location)
            let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
            let target = path + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
            let response = await HTTPClient(limits: HTTPClientLimits(maximumBodyBytes: 256 << 10)).send(
                HTTPRequestMessage(method: "GET", target: target),
                host: host,
                port: url.port ?? 80,
                deadline: .now + .seconds(2)
            )
            if case .success(let fetchedResponse) = response, fetchedResponse.statusCode == 200 {
                result[index].description = fetchedResponse.body
                DiscoveryMessages.addDescription(fetchedResponse.body, to: &result[index].summary)
            }
        }
        return result
    }
}

/// Counts swept addresses for ``DiscoveryProgress``, at most ten reports a second.
actor ProgressCounter {
    let addresses: Int
    let report: @Sendable (DiscoveryProgress) -> Void
    var swept = 0
    var answering = 0
    var lastReport = ContinuousClock.now

    init(addresses: Int, report: @escaping @Sendable (DiscoveryProgress) -> Void) {
        self.addresses = addresses
        self.report = report
    }

    func swept(answering isAnswering: Bool) {
        swept += 1
        if isAnswering { answering += 1 }
        let now = ContinuousClock.now
        if now - lastReport >= .milliseconds(100) {
            lastReport = now
            report(DiscoveryProgress(addresses: addresses, swept: swept, answering: answering))
        }
    }

    func finish(answering: Int) {
        report(DiscoveryProgress(addresses: addresses, swept: addresses, answering: answering))
    }
}
