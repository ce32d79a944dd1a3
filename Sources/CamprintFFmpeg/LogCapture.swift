internal import CFFmpeg
import Synchronization

/// The FFmpeg log messages of one probe: bounded lines at or above the requested level, plus
/// the raw SDP (the RTSP demuxer logs `"SDP:\n%s\n"` at VERBOSE) and the UDP→TCP fallback.
final class LogCapture: Sendable {
    /// `"SDP:\n"`: the prefix of the RTSP demuxer's message that carries the server's SDP.
    static let sdpPrefix = "SDP:\n"
    static let udpFallbackMarker = "UDP timeout, retrying with TCP"

    struct State {
        var lines: [MediaLogLine] = []
        var dropped = 0
        var pending = ""
        var pendingLevel: Int32 = 0
        var pendingComponent: String?
        var sdp: String?
        var fellBackToTCP = false
    }

    let maximumLevel: Int32
    let maximumLines: Int
    let maximumMessageBytes: Int
    let redactor: CredentialRedactor
    private let state = Mutex(State())

    init(level: MediaLogLevel, limits: MediaProbeLimits, redactor: CredentialRedactor) {
        maximumLevel = Self.avLevel(level)
        maximumLines = limits.maximumLogLines
        maximumMessageBytes = limits.maximumLogMessageBytes
        self.redactor = redactor
    }

    /// One message as FFmpeg formatted it (a fragment until it ends with a newline).
    func append(level: Int32, component: String?, text: String) {
        if text.hasPrefix(Self.sdpPrefix) {
            var body = String(text.dropFirst(Self.sdpPrefix.count))
            if body.hasSuffix("\n") { body.removeLast() }
            let redacted = redactor.redact(body)
            state.withLock { $0.sdp = $0.sdp ?? redacted }
        }
        if text.contains(Self.udpFallbackMarker) {
            state.withLock { $0.fellBackToTCP = true }
        }
        guard level <= maximumLevel else { return }
        state.withLock { state in
            if state.pending.isEmpty {
                state.pendingLevel = level
                state.pendingComponent = component
            }
            if state.pending.utf8.count < maximumMessageBytes { state.pending += text }
            guard state.pending.hasSuffix("\n") else { return }
            var line = state.pending
            line.removeLast()
            state.pending = ""
            guard state.lines.count < maximumLines else {
                state.dropped += 1
                return
            }
            state.lines.append(
                MediaLogLine(
                    level: Self.mediaLevel(state.pendingLevel),
                    component: state.pendingComponent,
                    text: redactor.redact(line)
                )
            )
        }
    }

    var snapshot: State {
        state.withLock { state in
            var copy = state
            if !copy.pending.isEmpty {
                if copy.lines.count < maximumLines {
                    copy.lines.append(
                        MediaLogLine(
                            level: Self.mediaLevel(copy.pendingLevel),
                            component: copy.pendingComponent,
                            text: redactor.redact(copy.pending)
                        )
                    )
                } else {
                    copy.dropped += 1
                }
                copy.pending = ""
            }
            return copy
        }
    }

    static func avLevel(_ level: MediaLogLevel) -> Int32 {
        switch level {
        case .quiet: AV_LOG_QUIET
        case .error: AV_LOG_ERROR
        case .warning: AV_LOG_WARNING
        case .info: AV_LOG_INFO
        case .verbose: AV_LOG_VERBOSE
        case .debug: AV_LOG_DEBUG
        }
    }

    static func mediaLevel(_ level: Int32) -> MediaLogLevel {
        switch level {
        case ...AV_LOG_ERROR: .error
        case ...AV_LOG_WARNING: .warning
        case ...AV_LOG_INFO: .info
        case ...AV_LOG_VERBOSE: .verbose
        default: .debug
        }
    }
}
