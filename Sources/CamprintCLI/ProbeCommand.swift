import ArgumentParser
import CamprintClients
import CamprintProbe
import CamprintReport
import Foundation

/// `camprint probe URL...`: the one-off probe (README, `camprint probe`).
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe RTSP streams and report which vendor's encoder is behind each, with evidence.",
        discussion: """
            Sends OPTIONS and DESCRIBE (with credentials only when the camera asks, and only once: \
            a refused login is reported as auth_failed and never retried), keeps every response byte \
            for byte, and matches what the camera says against the signature database. Several URLs \
            run concurrently, one connection per host at a time.

            It also asks the HTTP port (--http-port, default 80) for its banner (GET /) and Hikvision \
            ISAPI deviceInfo, and the ONVIF Device service (--onvif-url) for the camera's clock. \
            Credentials go to ISAPI (Digest) and ONVIF (WS-Security) only when RTSP accepted them, \
            and a rejection on any request stops their use on every other. --no-http, --no-onvif \
            turn these off.

            Credentials never come from the command line: use --credentials FILE, or --username with \
            --password-file or the CAMPRINT_PASSWORD environment variable. A user:password@ part in \
            a URL is dropped with a warning.

            Examples:
              camprint probe rtsp://10.0.0.5/Streaming/Channels/101
              camprint probe --credentials cam.cred --format json rtsp://10.0.0.5/Streaming/Channels/101
              camprint probe --no-media --fail-on hikvision rtsp://10.0.0.5/ rtsp://10.0.0.6/
              camprint probe export.mp4

            A target without a scheme is a local recording, read through the same FFmpeg path \
            (no RTSP, no HTTP); its report has target.kind "file".

            Exit codes: 0 done, 1 --fail-on matched, 2 usage or configuration error, 3 some target \
            unreachable, timed out or busy, 4 authentication required or refused (or forbidden).
            """
    )

    @Argument(
        help: ArgumentHelp(
            "rtsp:// or rtsps:// URLs, or local recordings (mp4, mkv, ts, ps, raw .h264/.h265).",
            valueName: "url-or-file"
        )
    )
    var urls: [String]

    @OptionGroup var credentialOptions: ProbeCredentialOptions

    @Option(help: "Media transport: tcp (default), udp, or auto (UDP, then TCP).")
    var transport: TransportArgument = .tcp

    @Option(help: "Deadline per target, everything included (e.g. 10s, 2500ms).")
    var timeout = DurationArgument(.seconds(10), description: "10s")

    @Option(
        help: """
            Keep reading media this long after the parameter sets and first keyframe (e.g. 4s: sees the GOP \
            length and more SEI); 0 stops as soon as identity has what it needs.
            """
    )
    var sample = DurationArgument(.zero, description: "0")

    @Option(
        help: ArgumentHelp(
            "PEM file of the certificate authorities to trust for rtsps:// (the certificate must chain to one and name the host or IP), or `system` for the system's trust store; control and media plane. Without it any certificate is accepted, as cameras' are self-signed, and the connection counts as clear text (no Basic).",
            valueName: "file"
        )
    )
    var caFile: String?

    @Flag(
        help: """
            Answer a Basic-only camera although the password then goes in clear (plain rtsp://, or rtsps:// \
            without --ca-file); without it such a camera is reported auth_required (rtsp.auth.basic-refused) and \
            no password is sent.
            """
    )
    var allowBasic = false

    @Flag(
        help: """
            Follow an RTSP redirect to another host (without credentials: they go only to the host, port and \
            scheme they were given for); without it such a redirect is reported (rtsp.redirect.other-host).
            """
    )
    var followRedirectsToOtherHosts = false

    @Flag(help: "Stop after the RTSP control plane (OPTIONS, DESCRIBE).")
    var noMedia = false

    @OptionGroup var httpOptions: ProbeHTTPOptions

    @OptionGroup var signatures: SignatureOptions

    @OptionGroup var output: OutputOptions

    @Option(
        help: "Exit 1 when a target's verdict matches: hikvision (hikvision or hikvision-oem), hikvision-oem, clone."
    )
    var failOn: FailOnArgument?

    func validate() throws {
        if urls.isEmpty { throw ValidationError("give at least one URL, e.g. camprint probe rtsp://10.0.0.5/") }
        if timeout.duration <= .zero { throw ValidationError("--timeout must be above zero, e.g. 10s") }
        if let caFile, caFile != ControlPlaneOptions.systemTrustStore,
            !FileManager.default.isReadableFile(atPath: caFile)
        {
            throw ValidationError("--ca-file: cannot read \(caFile)")
        }
    }

    func run() async throws {
        var targets: [ProbeTarget] = []
        for (index, text) in urls.enumerated() {
            let target: ProbeTarget
            do {
                target = try ProbeTarget.parse(text)
            } catch {
                throw CommandFailure.usage("target \(index + 1): \(error.description)")
            }
            if case .stream(let url) = target, url.hadUserInfo {
                StandardError.write(
                    "camprint: warning: target \(index + 1) (\(url)): the user name and password in the URL were "
                        + "ignored (a command line is visible to other users); use --credentials FILE or "
                        + "--username U --password-file F"
                )
            }
            targets.append(target)
        }
        let credentials = try credentialOptions.load()
        let database = try signatures.load()
        let settings = ProbeSettings(
            timeout: timeout.duration,
            sample: sample.duration,
            transport: transport.mediaTransport,
            media: !noMedia,
            http: httpOptions.settings,
            caFile: caFile,
            allowBasic: allowBasic,
            followRedirectsToOtherHosts: followRedirectsToOtherHosts
        )
        let format = output.format
        var reports: [ProbeReport] = []
        reports.reserveCapacity(targets.count)
        let outcomes = await ProbeRunner.run(
            targets: targets,
            credentials: credentials,
            settings: settings,
            database: database
        ) { outcome in
            switch format {
            case .table: TerminalOutput.print(ProbeTextRenderer.render(outcome) + "\n")
            case .jsonl:
                // The target's report, then one per camera behind it when it is a recorder.
                for report in outcome.allReports {
                    TerminalOutput.print((try? JSONOutput.encode(report, pretty: false)) ?? "{}")
                }
            case .json: break
            }
        }
        reports = outcomes.flatMap(\.allReports)
        if format == .json { TerminalOutput.print(try JSONOutput.encode(reports, pretty: true)) }
        // --fail-on sees the cameras behind recorders too; the status codes are the targets' own
        // (an offline camera behind a recorder does not make the probe of the recorder fail).
        let code = ProbeExitCode.code(
            for: outcomes.map(\.report.report),
            failOn: failOn,
            behind: outcomes.flatMap(\.behind).map(\.report)
        )
        if code != 0 { throw ExitCode(code) }
    }
}

/// Exit codes of `camprint probe` (README, Exit codes): the first that applies of 1 (`--fail-on` matched),
/// 3 (unreachable, timeout, busy, or the exchange broke off), 4 (authentication required or
/// refused, forbidden), else 0 — including not-RTSP, not-found, no-video and malformed targets,
/// whose status is in the output.
enum ProbeExitCode {
    static func code(for reports: [Report], failOn: FailOnArgument?, behind: [Report] = []) -> Int32 {
        if let failOn, (reports + behind).contains(where: { failOn.matches($0.identity.verdict) }) { return 1 }
        let statuses = Set(reports.map(\.status))
        if !statuses.isDisjoint(with: [.unreachable, .timeout, .busy, .error]) { return 3 }
        if !statuses.isDisjoint(with: [.authRequired, .authFailed, .forbidden]) { return 4 }
        return 0
    }
}
