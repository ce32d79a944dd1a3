public import CamprintClients
import CamprintInspection
public import CamprintReport
public import CamprintSignatures
import Foundation

/// The cameras behind a recorder (NVR/DVR) → one `camprint.report/v1` report each.
///
/// A camera plugged into a recorder's PoE ports is not on the LAN: the recorder lists it among its
/// IP channels (ISAPI InputProxy, ``RecorderChannelDocument``). Each channel becomes a ``ProbeReport``
/// whose `behind` names the recorder, the channel and the camera's address as the recorder gives
/// it; `target` is the recorder's stream of that channel (`rtsp://<recorder>/Streaming/Channels/<id>01`,
/// host = the recorder); the identity comes from what the recorder says about the camera
/// (``InputProxyObservations``, Rules/isapi_input_proxy.yaml), never from the recorder's own evidence.
/// `status` is `ok`, or `unreachable` when the recorder reports the channel offline.
public enum ProbeRecorderChannels {
    /// Reports of `channels`, in channel order. `recorder`: the recorder's RTSP URL as probed.
    public static func reports(
        _ channels: [RecorderChannel],
        recorder: RTSPURL,
        source: ReportSource,
        observedAt: String,
        database: SignatureDatabase
    ) -> [ProbeReport] {
        channels.map { channel in
            ProbeReport(
                report: report(
                    channel,
                    recorder: recorder,
                    source: source,
                    observedAt: observedAt,
                    database: database
                )
            )
        }
    }

    public static func report(
        _ channel: RecorderChannel,
        recorder: RTSPURL,
        source: ReportSource,
        observedAt: String,
        database: SignatureDatabase
    ) -> Report {
        let observations = InputProxyObservations.extract(
            InputProxyObservations.Channel(
                proxyProtocol: channel.proxyProtocol,
                manufacturer: channel.manufacturer,
                model: channel.model,
                serialNumber: channel.serialNumber,
                firmwareVersion: channel.firmwareVersion
            )
        )
        let identity = ReportBuilder.identity(IdentityEngine.identify(observations, database: database))
        let serial = channel.serialNumber.flatMap { $0.isEmpty ? nil : $0 }
        let path = "/Streaming/Channels/\(channel.id)01"
        let hostText = recorder.hostForURL
        let portText = recorder.explicitPort.map { ":\($0)" } ?? ""
        let offline = channel.online == false
        return ReportBuilder.report(
            observedAt: observedAt,
            source: source,
            target: ReportTarget(
                url: "\(recorder.scheme)://\(hostText)\(portText)\(path)",
                host: recorder.host,
                port: recorder.port,
                path: path
            ),
            status: offline ? .unreachable : .ok,
            error: offline
                ? ReportError(
                    code: "behind.offline",
                    message: "the recorder reports channel \(channel.id) offline"
                        + (channel.detectResult.map { " (\($0))" } ?? "")
                ) : nil,
            identity: identity,
            device: serial.map { ReportDevice(serialNumber: $0) },
            behind: ReportBehind(
                recorder: hostText + portText,
                channel: channel.id,
                address: channel.address
            )
        )
    }
}
