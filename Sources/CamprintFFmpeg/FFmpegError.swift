/// A failing libav call: which function, its `AVERROR` code and FFmpeg's message for it.
public struct FFmpegError: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    public var function: String
    public var code: Int32
    public var message: String

    public init(function: String, code: Int32, message: String) {
        self.function = function
        self.code = code
        self.message = message
    }

    public var description: String { "\(function): \(message) (\(code))" }
}

/// The step of a probe that was running when it ended.
public enum MediaProbePhase: String, Hashable, Sendable, Encodable {
    case open, streamInfo, read
}

/// Why a probe did not finish normally.
public enum MediaProbeFailure: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    /// A libav call failed on its own (refused connection, 401, bad data, …).
    case ffmpeg(FFmpegError)
    /// The wall-clock deadline passed; `underlying` is what the interrupted call returned
    /// (an interrupted RTSP open returns AVERROR_INVALIDDATA, a read AVERROR_EXIT).
    case deadlineExceeded(phase: MediaProbePhase, deadlineMilliseconds: Int, underlying: FFmpegError?)
    /// The calling task was cancelled.
    case cancelled(phase: MediaProbePhase, underlying: FFmpegError?)

    public var description: String {
        switch self {
        case .ffmpeg(let error): error.description
        case .deadlineExceeded(let phase, let milliseconds, _):
            "deadline of \(milliseconds) ms exceeded during \(phase)"
        case .cancelled(let phase, _): "cancelled during \(phase)"
        }
    }
}
