import ArgumentParser
import CamprintClients
import CamprintDiscovery
import CamprintProbe
import CamprintReport
import CamprintWire
import Foundation
import Synchronization

/// `camprint discover TARGET...`: find the cameras and recorders on a site's subnets, then
/// identify each with the probe's pipeline.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find cameras and recorders on subnets and identify each one.",
        discussion: """
            Sweeps the given addresses with the discovery protocols cameras answer without a login — \
            Hikvision SADP (UDP 37020), ONVIF WS-Discovery (UDP 3702), UPnP SSDP (UDP 1900, and the \
            device description it points to), Dahua DHIP (UDP 37810) — and a TCP connection to each \
            --ports port, and reads the gateway's neighbour table (/proc/net/arp) for MAC addresses. \
            Every address that shows itself is then probed as `camprint probe rtsp://ADDRESS` would \
            (the stream path is searched for), with the discovery answers added to the evidence; a \
            device without an RTSP port is identified from its answers.

            Safety: packets go only to the given addresses (the discovery protocols' multicast groups \
            only with --multicast, and answers count only from the given addresses). Public addresses \
            are refused without --allow-public, more than 4096 addresses without --max-addresses. \
            Connections are paced (--rate per second, at most --per-host at once on one address) and \
            closed at once; Ctrl-C stops the sweep. No credentials are sent unless given, and then \
            only to the swept addresses, once each (a refused login is never retried).

            TARGET: a CIDR block (10.20.0.0/24), a range (10.20.0.10-10.20.0.99 or 10.20.0.10-99) \
            or an address.

            Examples:
              camprint discover 10.20.0.0/24
              camprint discover --no-probe 192.168.1.0/24      (list only)
              camprint discover --credentials site.cred 10.20.1.10-40
              camprint discover --format jsonl 10.20.0.0/24 > site.jsonl
              camprint discover --channels sadp,wsd --exclude 10.20.0.1 10.20.0.0/24
              camprint discover --ports 10554/rtsp,10080/http 127.0.1.0/24

            Output: a table (one row per device; --details adds each probe's evidence), or \
            --format json|jsonl as camprint.report/v1 with a `discovery` section. Progress goes to \
            stderr. Exit codes as `camprint probe`: 0 done, 1 --fail-on matched, 2 usage error, \
            3 some device unreachable or timed out, 4 authentication required or refused.
            """
    )

    @Argument(help: ArgumentHelp("CIDR blocks, ranges or addresses to sweep.", valueName: "target"))
    var targets: [String] = []

    @Option(
        help: ArgumentHelp(
            "TCP ports to try, comma-separated, each PORT or PORT/ROLE (role rtsp, http, https or sdk); well-known camera ports need no role.",
            valueName: "list"
        )
    )
    var ports = DiscoveryPort.defaults.map(\.description).joined(separator: ",")

    @Option(
        help: ArgumentHelp(
            "Discovery channels, comma-separated: sadp, wsd, ssdp, dhip, tcp, arp (default: all).",
            valueName: "list"
        )
    )
    var channels = DiscoveryChannel.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "New TCP connections per second across the sweep (UDP requests go at twice this rate).")
    var rate = DiscoveryOptions.defaultConnectionsPerSecond

    @Option(help: "TCP connections open at once to one address.")
    var perHost = 2

    @Option(help: "Longest wait for one TCP connection (e.g. 1s, 500ms).")
    var connectTimeout = DurationArgument(.seconds(1), description: "1s")

    @Option(help: "How long discovery answers are awaited after the last UDP request.")
    var wait = DurationArgument(.milliseconds(1500), description: "1.5s")

    @Flag(help: "Also send each discovery request to its protocol's multicast group on the local link.")
    var multicast = false

    @Option(
        parsing: .singleValue,
        help: ArgumentHelp("Addresses never touched (same forms as TARGET); repeatable.", valueName: "target")
    )
    var exclude: [String] = []

    @Flag(help: "Allow public (non-private, non-loopback) addresses in the targets.")
    var allowPublic = false

    @Option(help: "Refuse targets holding more addresses than this.")
    var maxAddresses = DiscoveryScope.defaultMaximumAddresses

    @Flag(help: "List what answered without probing it (no RTSP, no HTTP, no identification beyond the answers).")
    var noProbe = false

    @Flag(help: "With --format table, print each device's full probe block (evidence, exchanges) after the table.")
    var details = false

    @OptionGroup var credentialOptions: ProbeCredentialOptions

    @Option(help: "Deadline per device probe, everything included (e.g. 10s).")
    var timeout = DurationArgument(.seconds(10), description: "10s")

    @Flag(help: "Probes stop after the RTSP control plane (no media plane).")
    var noMedia = false

    @Flag(help: "Answer a Basic-only camera although the password then goes in clear (see camprint probe --help).")
    var allowBasic = false

    @Flag(help: "No HTTP banner, ISAPI or ONVIF requests in the probes.")
    var noHTTP = false

    @Flag(help: "No ONVIF requests in the probes.")
    var noONVIF = false

    @OptionGroup var signatures: SignatureOptions

    @OptionGroup var output: OutputOptions

    @Option(
        help: "Exit 1 when a device's verdict matches: hikvision (hikvision or hikvision-oem), hikvision-oem, clone."
    )
    var failOn: FailOnArgument?

    func validate() throws {
        if targets.isEmpty {
            throw ValidationError("give at least one target, e.g. camprint discover 10.20.0.0/24")
        }
        if rate < 1 { throw ValidationError("--rate must be at least 1") }
        if perHost < 1 { throw ValidationError("--per-host must be at least 1") }
        if maxAddresses < 1 { throw ValidationError("--max-addresses must be at least 1") }
        if timeout.duration <= .zero { throw ValidationError("--timeout must be above zero, e.g. 10s") }
        if connectTimeout.duration <= .zero { throw ValidationError("--connect-timeout must be above zero") }
    }

    func options() throws -> DiscoveryOptions {
        let scope: DiscoveryScope
        do {
            scope = try DiscoveryScope.parse(
                targets,
                allowPublic: allowPublic,
                maxAddresses: maxAddresses,
                excluding: exclude
            )
        } catch {
            throw CommandFailure.usage(error.description)
        }
        let portList: [DiscoveryPort]
        do {
            portList = try DiscoveryPort.parseList(ports)
        } catch {
            throw CommandFailure.usage("--ports: \(error.description)")
        }
        var channelSet = Set<DiscoveryChannel>()
        for name in channels.split(separator: ",") {
            guard let channel = DiscoveryChannel(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased())
            else {
                throw CommandFailure.usage(
                    "--channels: '\(name)' is not one of "
                        + DiscoveryChannel.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            channelSet.insert(channel)
        }
        if channelSet.isEmpty { throw CommandFailure.usage("--channels: name at least one channel") }
        return DiscoveryOptions(
            scope: scope,
            channels: channelSet,
            ports: portList,
            connectionsPerSecond: rate,
            connectionsPerHost: perHost,
            packetsPerSecond: rate * 2,
            connectTimeout: connectTimeout.duration,
            wait: wait.duration,
            multicast: multicast
        )
    }

    func run() async throws {
        let options = try options()
        let credentials = try credentialOptions.load()
        let database = try signatures.load()
        let format = output.format
        let progress = SweepProgress(addresses: options.scope.addresses.count)
        progress.start(options)
        let started = ContinuousClock.now
        let devices = await Discovery.run(options) { progress.update($0) }
        progress.swept(devices: devices.count, after: ContinuousClock.now - started)

        var outcomes: [ProbeOutcome]
        if noProbe {
            outcomes = devices.enumerated().map { index, device in
                ProbeOutcome(index: index, report: DiscoverListing.report(device), control: nil)
            }
        } else {
            let settings = ProbeSettings(
                timeout: timeout.duration,
                media: !noMedia,
                source: ReportSource(kind: "camprint discover", version: CamprintVersion.current, build: .current),
                http: noHTTP ? nil : HTTPChannelSettings(onvif: !noONVIF),
                allowBasic: allowBasic
            )
            let done = ProbeCount(total: devices.count, progress: progress)
            outcomes = await ProbeRunner.run(
                targets: devices.map { .discovered($0) },
                credentials: credentials,
                settings: settings,
                database: database
            ) { outcome in
                done.finished()
                guard format == .jsonl else { return }
                // The device's report, then one per camera behind it when it is a recorder.
                for report in outcome.allReports {
                    TerminalOutput.print((try? JSONOutput.encode(report, pretty: false)) ?? "{}")
                }
            }
        }
        progress.finish(after: ContinuousClock.now - started)
        let reports = outcomes.flatMap(\.allReports)
        switch format {
        case .table:
            TerminalOutput.print(DiscoverTable.render(outcomes, scope: options.scope.addresses.count) + "\n")
            if details {
                for outcome in outcomes { TerminalOutput.print("\n" + ProbeTextRenderer.render(outcome) + "\n") }
            }
        case .json: TerminalOutput.print(try JSONOutput.encode(reports, pretty: true))
        case .jsonl:
            if noProbe { for report in reports { TerminalOutput.print(try JSONOutput.encode(report, pretty: false)) } }
        }
        let code = ProbeExitCode.code(
            for: outcomes.map(\.report.report),
            failOn: failOn,
            behind: outcomes.flatMap(\.behind).map(\.report)
        )
        if code != 0 { throw ExitCode(code) }
    }
}

/// `--no-probe`: a report per device from its discovery answers only (no identification: the
/// verdict stays unknown, the answers' claims are in `discovery.answers`).
enum DiscoverListing {
    static func report(_ device: DiscoveredDevice) -> ProbeReport {
        let host = device.address.contains(":") ? "[\(device.address)]" : device.address
        let url = device.rtspURL?.description ?? "\(device.channels.first?.rawValue ?? "discovery")://\(host)"
        let report = ReportBuilder.report(
            source: ReportSource(kind: "camprint discover", version: CamprintVersion.current, build: .current),
            target: ReportTarget(
                url: url,
                host: device.address,
                port: device.rtspPort,
                kind: ReportTarget.discoveryKind
            ),
            discovery: ReportBuilder.discovery(device)
        )
        return ProbeReport(report: report)
    }
}

/// The table of `camprint discover`: one row per device.
enum DiscoverTable {
    static func render(_ outcomes: [ProbeOutcome], scope: Int) -> String {
        var table = TextTable(columns: [
            "ADDRESS", "FOUND BY", "PORTS", "VERDICT", "VENDOR", "MODEL", "SERIAL / MAC", "STATUS",
        ])
        let reports = outcomes.flatMap(\.allReports).map(\.report)
        for report in reports {
            let discovery = report.discovery
            let claimed = discovery?.answers.first { $0.model != nil || $0.manufacturer != nil }
            let identity = report.identity
            let vendor =
                identity.brand.map { brand in identity.vendor.map { "\(brand) (\($0))" } ?? brand }
                ?? identity.vendor ?? claimed?.manufacturer ?? "-"
            let serial = report.device?.serialNumber ?? discovery?.answers.lazy.compactMap(\.serialNumber).first
            let mac = report.device?.mac ?? discovery?.neighbourMAC ?? discovery?.answers.lazy.compactMap(\.mac).first
            var verdict = identity.verdict.rawValue
            if identity.confidence > 0 { verdict += String(format: " %.2f", identity.confidence) }
            table.add([
                report.behind.map { "  \($0.address ?? "?") (ch \($0.channel))" } ?? report.target.host,
                report.behind.map { "recorder \($0.recorder)" } ?? (discovery?.channels.joined(separator: ",") ?? "-"),
                discovery.map { $0.openPorts.map(String.init).joined(separator: ",") } ?? "-",
                verdict,
                vendor,
                identity.model ?? claimed?.model ?? "-",
                [serial, mac].compactMap { $0 }.joined(separator: " ").isEmpty
                    ? "-" : [serial, mac].compactMap { $0 }.joined(separator: " "),
                report.status.rawValue,
            ])
        }
        var text = table.render()
        let counts = Dictionary(grouping: reports, by: { $0.identity.verdict.rawValue }).mapValues(\.count)
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let behind = reports.filter { $0.behind != nil }.count
        text +=
            "\n\n\(reports.count) device(s) in \(scope) address(es)"
            + (behind > 0 ? " (\(behind) behind recorders)" : "") + (summary.isEmpty ? "" : ": \(summary)")
        return text
    }
}

/// Progress on stderr for sweeps longer than a second: a line that rewrites itself on a terminal,
/// a line per phase otherwise.
final class SweepProgress: Sendable {
    let addresses: Int
    let interactive: Bool
    let started = ContinuousClock.now

    init(addresses: Int) {
        self.addresses = addresses
        self.interactive = isatty(STDERR_FILENO) == 1
    }

    func start(_ options: DiscoveryOptions) {
        let udp = DiscoveryChannel.udp.filter { options.channels.contains($0) }.map(\.rawValue)
        let tcp = options.channels.contains(.tcp) ? "\(options.ports.count) TCP port(s)" : "no TCP"
        write("sweeping \(addresses) address(es): \(([tcp] + udp).joined(separator: ", "))", final: true)
    }

    func update(_ progress: DiscoveryProgress) {
        guard interactive, ContinuousClock.now - started > .seconds(1) else { return }
        write("swept \(progress.swept)/\(progress.addresses), \(progress.answering) answering", final: false)
    }

    func swept(devices: Int, after elapsed: Duration) {
        write("\(devices) device(s) answered in \(Self.seconds(elapsed))", final: true)
    }

    func probed(_ count: Int, of total: Int) {
        guard interactive else { return }
        write("identified \(count)/\(total)", final: false)
    }

    func finish(after elapsed: Duration) {
        write("done in \(Self.seconds(elapsed))", final: true)
    }

    private func write(_ text: String, final: Bool) {
        if interactive {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + "discover: " + text + (final ? "\n" : "")).utf8))
        } else if final {
            StandardError.write("discover: " + text)
        }
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

/// Counts finished probes for ``SweepProgress``.
final class ProbeCount: Sendable {
    let total: Int
    let progress: SweepProgress
    let done = Mutex(0)

    init(total: Int, progress: SweepProgress) {
        self.total = total
        self.progress = progress
    }

    func finished() {
        let count = done.withLock { value in
            value += 1
            return value
        }
        progress.probed(count, of: total)
    }
}
