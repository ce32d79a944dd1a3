public import CamprintClients
public import CamprintFFmpeg
import CamprintInspection
public import CamprintReport
public import CamprintSignatures
import Foundation

/// What one probe asks of a target: the whole pipeline (control plane, media plane,
/// bitstream, observations, signatures, identity), used by `camprint probe` and the agent.
public struct ProbeSettings: Sendable {
    /// Total deadline of the whole probe; every step takes what is left.
    public var timeout: Duration
    /// Extra media window (GOP length, more SEI); zero stops at the first useful packets.
    public var sample: Duration
    public var transport: MediaTransport
    /// False skips the media plane (control plane and identity only).
    public var media: Bool
    /// Who sends the report (`source` of camprint.report/v1).
    public var source: ReportSource
    /// HTTP banner, ISAPI and ONVIF channels; `nil` skips them.
    public var http: HTTPChannelSettings?
    /// PEM file of the certificate authorities trusted for `rtsps://` (control plane); `nil`
    /// accepts any certificate (``ControlPlaneOptions/caFile``).
    public var caFile: String?
    /// Basic authentication where the password would go in clear (``ControlPlaneOptions/allowBasic``).
    public var allowBasic: Bool
    /// Follow RTSP redirects to another host, without credentials
    /// (``ControlPlaneOptions/followRedirectsToOtherHosts``).
    public var followRedirectsToOtherHosts: Bool

    public init(
        timeout: Duration,
        sample: Duration = .zero,
        transport: MediaTransport = .tcp,
        media: Bool = true,
        source: ReportSource = ReportSource(kind: "camprint probe", version: CamprintVersion.current, build: .current),
        http: HTTPChannelSettings? = nil,
        caFile: String? = nil,
        allowBasic: Bool = false,
        followRedirectsToOtherHosts: Bool = false
    ) {
        self.allowBasic = allowBasic
        self.followRedirectsToOtherHosts = followRedirectsToOtherHosts
        self.http = http
        self.caFile = caFile
        self.timeout = timeout
        self.sample = sample
        self.transport = transport
        self.media = media
        self.source = source
    }
}

/// One target's result.
public struct ProbeOutcome: Sendable {
    /// Position of the target in the caller's list.
    public var index: Int
    public var report: ProbeReport
    /// The RTSP control plane; `nil` for a local file.
    public var control: ControlPlaneResult?
    /// When the target is a recorder (NVR/DVR) that accepted the credentials: one report per camera
    /// behind it (its IP channels), each with `behind` set (``ProbeRecorderChannels``); empty
    /// otherwise. Print, store and upload them like ``report``.
    public var behind: [ProbeReport]

    public init(index: Int, report: ProbeReport, control: ControlPlaneResult?, behind: [ProbeReport] = []) {
        self.index = index
        self.report = report
        self.control = control
        self.behind = behind
    }

    /// ``report`` followed by ``behind``.
    public var allReports: [ProbeReport] { [report] + behind }
}

/// One probe of one target: control plane, media plane (unless `media` is off or the control
/// plane failed), identity, and the report with its timings.
public enum DeviceProbe {
    public static func run(
        index: Int = 0,
        url: RTSPURL,
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        database: SignatureDatabase,
        evidence extraEvidence: [(name: String, bytes: [UInt8])] = [],
        macs extraMACs: [String] = []
    ) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let client = ControlPlaneClient(
            options: .within(
                total: settings.timeout,
                userAgent: "camprint/\(CamprintVersion.current)",
                caFile: settings.caFile,
                allowBasic: settings.allowBasic,
                followRedirectsToOtherHosts: settings.followRedirectsToOtherHosts,
                searchesStreamPath: true
            ),
            vendorHints: { exchanges in vendorHints(exchanges, url: url, database: database) }
        )
        let control = await client.probe(url, credentials: credentials)
        var status = control.status
        var error = ReportBuilder.error(control)
        var media: ProbeMediaOutcome?
        let mediaFollows = settings.media && control.status == .ok
        let deviceInfo = await runDeviceInfo(
            host: url.host,
            control: control,
            credentials: credentials,
            settings: settings,
            deadline: start + settings.timeout,
            mediaFollows: mediaFollows
        )
        let remaining = settings.timeout - (clock.now - start)
        if settings.media, control.status == .ok, remaining > .milliseconds(100) {
            // Evidence reading is CPU work on what the camera sent: bounded by the deadline too.
            let sprop =
                await DeadlineStage.run(until: start + settings.timeout) {
                    ProbeIdentity.evidence(control: control, stream: nil).spropParameterSets
                } ?? []
            media = await ProbeMedia.run(
                url: control.finalURL,
                credentials: credentials,
                authenticated: control.credentialsAcceptedAtFinalURL,
                settings: settings,
                deadline: remaining,
                frameRateKnown: ProbeMedia.frameRateKnown(sprop: sprop)
            )
            if let (mediaStatus, mediaError) = media?.failure {
                status = mediaStatus
                error = mediaError
            }
        }
        let identityStart = clock.now
        // Reading what the camera sent and matching it is CPU work whose time depends on the
        // input: it runs within the probe's deadline (at least 0.5 s when the network steps used
        // all of it), and a stage that overruns leaves the verdict unknown, reported as timeout.
        let identityDeadline = max(start + settings.timeout, identityStart + .milliseconds(500))
        let stream = media?.summary
        let identified = await DeadlineStage.run(until: identityDeadline, name: "camprint-identity") {
            var evidence = ProbeIdentity.evidence(control: control, stream: stream)
            if let deviceInfo { ProbeDeviceInfo.merge(deviceInfo, into: &evidence) }
            ProbeIdentity.merge(extraEvidence, macs: extraMACs, into: &evidence)
            let (identity, device) = ProbeIdentity.identify(evidence, database: database)
            return (identity, device, evidence.spropParameterSets)
        }
        let identity = identified?.0 ?? ReportIdentity(verdict: .unknown, confidence: 0)
        let device = identified?.1
        let spropParameterSets = identified?.2 ?? []
        if identified == nil, status == .ok {
            status = .timeout
            error = ReportError(
                code: "identity.timeout",
                message: "reading the device's answers did not finish within the probe's deadline of "
                    + "\(ControlPlaneFailure.format(settings.timeout)); reported without a verdict"
            )
        }
        let identityTime = clock.now - identityStart
        let total = clock.now - start
        let report = ReportBuilder.report(
            source: settings.source,
            target: ReportBuilder.target(url),
            status: status,
            error: error,
            identity: identity,
            device: device,
            streams: media?.streams ?? [],
            duration: total
        )
        let mediaSection = media.map {
            ReportBuilder.media(
                $0,
                transport: ($0.transport ?? settings.transport).rawValue,
                comparison: ProbeMedia.comparison(sprop: spropParameterSets, inBand: $0.summary)
            )
        }
        let timings = ReportTimings(
            controlPlaneMs: control.duration.milliseconds,
            mediaPlaneMs: mediaSection?.durationMs,
            deviceInfoMs: deviceInfo?.duration.milliseconds,
            identityMs: identityTime.milliseconds,
            totalMs: total.milliseconds
        )
        let behind = (deviceInfo?.recorderChannels).map {
            ProbeRecorderChannels.reports(
                $0,
                recorder: url,
                source: settings.source,
                observedAt: report.observedAt,
                database: database
            )
        }
        return ProbeOutcome(
            index: index,
            report: ProbeReport(
                report: report,
                rtsp: ReportBuilder.rtsp(control),
                media: mediaSection,
                timings: timings,
                deviceInfo: deviceInfo.map(ReportBuilder.deviceInfo)
            ),
            control: control,
            behind: behind ?? []
        )
    }
}

extension DeviceProbe {
    /// The vendors a bare address's first answers (OPTIONS and DESCRIBE on `/`) point to, for
    /// ranking the stream paths to try: the identity engine's vendor, and Hikvision first for
    /// devices that speak Hikvision's wire format (its OEMs and clones keep its paths).
    static func vendorHints(_ exchanges: [RTSPExchange], url: RTSPURL, database: SignatureDatabase) -> [String] {
        var control = ControlPlaneResult(url: url)
        control.exchanges = exchanges
        let identity = ProbeIdentity.identify(ProbeIdentity.evidence(control: control, stream: nil), database: database)
            .identity
        var vendors: [String] = []
        if [.hikvision, .hikvisionOEM, .clone].contains(identity.verdict) { vendors.append("Hikvision") }
        if let vendor = identity.vendor, !vendors.contains(vendor) { vendors.append(vendor) }
        return vendors
    }

    /// The device-information channels after the control plane, within the probe's deadline:
    /// when the media plane follows, at most ``HTTPChannelSettings/shareBeforeMedia`` of the
    /// time left. Credentials only when the control plane accepted them. Not run when the RTSP
    /// host was unreachable.
    static func runDeviceInfo(
        host: String,
        control: ControlPlaneResult,
        credentials: ProbeCredentials?,
        settings: ProbeSettings,
        deadline: ContinuousClock.Instant,
        mediaFollows: Bool
    ) async -> DeviceInfoResult? {
        guard let http = settings.http, http.banner || http.isapi || http.onvif else { return nil }
        // A host that RTSP could not reach at all gets no further connection attempts.
        guard control.status != .unreachable else { return nil }
        let now = ContinuousClock.now
        let left = deadline - now
        guard left > .milliseconds(100) else { return nil }
        let budget = mediaFollows ? left * min(max(http.shareBeforeMedia, 0), 1) : left
        let client = DeviceInfoClient(
            options: http.options(host: host, userAgent: "camprint/\(CamprintVersion.current)")
        )
        return await client.run(
            credentials: credentials,
            credentialsAccepted: control.authentication?.accepted == true,
            deadline: now + budget
        )
    }
}
