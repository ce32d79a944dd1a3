/// The FFmpeg media plane of a probe: opens a URL (RTSP, HTTP, …) or a local media file with
/// libavformat, reads packets directly (no `avformat_find_stream_info` on network inputs)
/// until the stop conditions hold, and returns stream descriptions, the first video packets'
/// bytes, the SDP, FFmpeg's log lines and timings — value types only.
public enum MediaProbe {
    /// Probes `input` (a URL or a file path). Never throws: a failure is reported in
    /// ``MediaProbeResult/failure`` next to whatever was learned before it. The blocking libav
    /// calls run on a dedicated thread; cancelling the calling task aborts them at once.
    public static func run(input: String, options: MediaProbeOptions = MediaProbeOptions()) async -> MediaProbeResult {
        let interrupt = InterruptState()
        return await withTaskCancellationHandler {
            await ProbeThread.run {
                ProbeSession(input: input, options: options, interrupt: interrupt).run()
            }
        } onCancel: {
            interrupt.cancel()
        }
    }

    /// Removes the credentials of `url` (userinfo, password, Basic token) from `text`.
    public static func redactCredentials(of url: String, in text: String) -> String {
        CredentialRedactor(input: url).redact(text)
    }
}
