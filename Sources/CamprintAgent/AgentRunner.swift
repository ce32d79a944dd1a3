import CamprintClients
public import CamprintDiscovery
import CamprintProbe
public import CamprintReport
public import CamprintSignatures
public import Foundation
public import Logging

/// One target's result in a round.
public struct AgentTargetResult: Sendable {
    public var target: AgentConfig.Target
    /// The report, or `nil` when the target could not be probed at all (credentials missing).
    public var report: Report?
    /// Why there is no report.
    public var problem: String?
    /// Reports of the cameras a recorder lists (`behind`), sent with the recorder's.
    public var behind: [Report] = []

    /// The target's report and those of the cameras behind it.
    public var reports: [Report] { (report.map { [$0] } ?? []) + behind }

    /// `agent: <redacted url> <status> <verdict>`.
    public var summaryLine: String {
        let url = URLRedaction.redact(target.url.description)
        guard let report else { return "agent: \(url) not-probed (\(problem ?? "unknown"))" }
        return "agent: \(url) \(report.status.rawValue) \(report.identity.verdict.rawValue)"
    }
}

/// What `camprint agent --once` did.
public struct AgentRoundResult: Sendable {
    public var targets: [AgentTargetResult]
    public var spooled: Int
    public var upload: UploadSummary
}

/// The agent's work: probe targets (bounded concurrency, one connection per host at a time), spool
/// each report before anything else, then upload what is pending.
public struct AgentRunner: Sendable {
    public var config: AgentConfig
    public var database: SignatureDatabase
    public var agentName: String
    public var logger: Logger
    /// Where each probe's status, verdict and duration are counted (``probe(_:)``), if anywhere.
    public var metrics: AgentMetrics?

    public init(
        config: AgentConfig,
        database: SignatureDatabase,
        agentName: String = ProcessInfo.processInfo.hostName,
        metrics: AgentMetrics? = nil,
        logger: Logger
    ) {
        self.config = config
        self.database = database
        self.agentName = agentName
        self.metrics = metrics
        self.logger = logger
    }

    /// The collector endpoint with its token read from `token_file` or `token_credential`.
    public func endpoint() throws(AgentCredentialsError) -> CollectorEndpoint {
        let token: String
        if let file = config.collector.tokenFile {
            token = try AgentCredentials.token(path: file)
        } else if let name = config.collector.tokenCredential, let directory = config.credentialsDirectory {
            guard AgentCredentials.isValidName(name) else {
                throw AgentCredentialsError(message: "token_credential \(name) is not a plain file name")
            }
            token = try AgentCredentials.token(path: (directory as NSString).appendingPathComponent(name))
        } else {
            throw AgentCredentialsError(message: "no collector token configured")
        }
        return CollectorEndpoint(url: config.collector.url, token: token, caFile: config.collector.caFile)
    }

    /// One sweep of the `discovery:` section (none without one), logged; the devices found.
    public func sweep() async -> [DiscoveredDevice] {
        guard let discovery = config.discovery else { return [] }
        let options: DiscoveryOptions
        do {
            options = try AgentDiscovery.options(discovery)
        } catch {
            logger.error("agent: discovery: \(error.message)")
            return []
        }
        logger.info("agent: discovery: sweeping \(options.scope.addresses.count) address(es)")
        let started = ContinuousClock.now
        let found = await Discovery.run(options)
        logger.notice(
            "agent: discovery: \(found.count) device(s) found in \(AgentDuration.describe(ContinuousClock.now - started))"
        )
        return found
    }

    /// One round: a discovery sweep (with a `discovery:` section), then probe every target and every
    /// device found once, spool every report, upload everything pending.
    public func runOnce(spool: ReportSpool, uploader: ReportUploader) async -> AgentRoundResult {
        var targets = config.targets
        if config.discovery != nil {
            targets = AgentDiscovery.targets(configured: config.targets, found: await sweep(), config: config)
        }
        let results = await probeAll(targets)
        var spooled = 0
        for result in results {
            for report in result.reports {
                do {
                    let json = try JSONEncoder().encode(report)
                    let evicted = try await spool.append(reportId: report.reportId, json: json)
                    spooled += 1
                    if evicted > 0 { logger.warning("agent: spool full: dropped the \(evicted) oldest report(s)") }
                } catch {
                    logger.error(
                        "agent: cannot spool the report of \(URLRedaction.redact(result.target.url.description)): \(error)"
                    )
                }
            }
        }
        let upload = await uploader.drain()
        return AgentRoundResult(targets: results, spooled: spooled, upload: upload)
    }

    /// Probes `targets`: at most `concurrency` hosts at once, targets on one host one after the other.
    public func probeAll(_ targets: [AgentConfig.Target]) async -> [AgentTargetResult] {
        await HostFairScheduler.run(targets, hostsAtOnce: config.concurrency, host: { $0.url.hostKey }) { target in
            let result = await probe(target)
            logger.info("\(result.summaryLine)")
            return result
        }
    }

    /// One probe of one target, counted in ``metrics``.
    public func probe(_ target: AgentConfig.Target) async -> AgentTargetResult {
        let started = ContinuousClock.now
        let result = await probeUncounted(target)
        metrics?.recordProbe(
            target: target.url.description,
            report: result.report,
            duration: result.report?.durationMs.map { .milliseconds($0) } ?? ContinuousClock.now - started
        )
        return result
    }

    private func loadCredentials(_ name: String) -> Result<ProbeCredentials, AgentCredentialsError> {
        guard let directory = config.credentialsDirectory else {
            return .failure(AgentCredentialsError(message: "no credentials directory"))
        }
        do {
            return .success(try AgentCredentials.load(name: name, directory: directory))
        } catch {
            return .failure(error)
        }
    }

    private func probeUncounted(_ target: AgentConfig.Target) async -> AgentTargetResult {
        var credentials: ProbeCredentials?
        if let name = target.credentials {
            switch loadCredentials(name) {
            case .success(let loaded): credentials = loaded
            case .failure(let error): return AgentTargetResult(target: target, report: nil, problem: error.description)
            }
        }
        let settings = probeSettings(target)
        if let device = target.discovered { return await probeDiscovered(device, target: target, settings: settings) }
        let outcome = await DeviceProbe.run(
            url: target.url,
            credentials: credentials,
            settings: settings,
            database: database
        )
        var report = outcome.report.report
        report.discovery = target.discovery
        return AgentTargetResult(
            target: target,
            report: report,
            problem: nil,
            behind: outcome.behind.map(\.report)
        )
    }

    /// A device a sweep found. Credentials only as `discovery.credentials` allows: a `range` rule's
    /// from the first probe; a `vendor` rule's only for a second probe after the unauthenticated one
    /// identified that vendor or brand.
    private func probeDiscovered(
        _ device: DiscoveredDevice,
        target: AgentConfig.Target,
        settings: ProbeSettings
    ) async -> AgentTargetResult {
        let rules = config.discovery?.credentials ?? []
        var credentials: ProbeCredentials?
        if let name = AgentDiscovery.rangeCredentials(for: device.address, rules: rules) {
            switch loadCredentials(name) {
            case .success(let loaded): credentials = loaded
            case .failure(let error): return AgentTargetResult(target: target, report: nil, problem: error.description)
            }
        }
        var outcome = await DiscoveredProbe.run(
            device,
            credentials: credentials,
            settings: settings,
            database: database
        )
        if credentials == nil,
            let name = AgentDiscovery.vendorCredentials(for: outcome.report.report.identity, rules: rules)
        {
            switch loadCredentials(name) {
            case .success(let loaded):
                logger.info(
                    "agent: \(device.address): identified as \(outcome.report.report.identity.vendor ?? "?"); probing again with credentials \(name)"
                )
                outcome = await DiscoveredProbe.run(
                    device,
                    credentials: loaded,
                    settings: settings,
                    database: database
                )
            case .failure(let error):
                logger.warning("agent: \(device.address): credentials \(name): \(error.description)")
            }
        }
        return AgentTargetResult(
            target: target,
            report: outcome.report.report,
            problem: nil,
            behind: outcome.behind.map(\.report)
        )
    }

    private func probeSettings(_ target: AgentConfig.Target) -> ProbeSettings {
        var settings = ProbeSettings(timeout: target.timeout, transport: config.transport, media: target.media)
        settings.http = target.httpPort.map {
            HTTPChannelSettings(port: $0, onvifAuthentication: target.onvifAuthentication)
        }
        settings.caFile = config.cameraCAFile
        settings.allowBasic = target.allowBasic
        settings.source = ReportSource(
            kind: "camprint agent",
            version: CamprintVersion.current,
            site: config.site,
            agent: agentName,
            build: .current
        )
        return settings
    }
}
