internal import CFFmpeg
import CamprintWire

/// One probe, run synchronously on its own thread (see ``ProbeThread``).
struct ProbeSession {
    let input: String
    let options: MediaProbeOptions
    let interrupt: InterruptState
    let redactor: CredentialRedactor
    let start: Int64
    /// Why FFmpeg's libraries could not be loaded; the probe then fails at once.
    let unavailable: FFmpegError?

    init(input: String, options: MediaProbeOptions, interrupt: InterruptState) {
        self.input = input
        self.options = options
        self.interrupt = interrupt
        redactor = CredentialRedactor(input: input)
        unavailable = FFmpegRuntime.load()
        start = unavailable == nil ? cffmpeg_av_gettime_relative() : 0
    }

    var isLocal: Bool { !input.contains("://") || input.lowercased().hasPrefix("file:") }
    var isRTSP: Bool {
        let lower = input.lowercased()
        return lower.hasPrefix("rtsp://") || lower.hasPrefix("rtsps://")
    }

    /// FFmpeg's own socket timeout is the deadline plus this (µs).
    static let socketTimeoutMargin: Int64 = 1_000_000

    private var deadlineMicroseconds: Int64 { Self.microseconds(options.deadline) }

    func run() -> MediaProbeResult {
        var result = MediaProbeResult.blank(input: redactor.redact(input), transport: isRTSP ? options.transport : nil)
        if let unavailable {
            result.failure = .ffmpeg(unavailable)
            return result
        }
        _ = LogRouter.installed
        interrupt.setDeadline(start + deadlineMicroseconds)
        let capture = LogCapture(level: options.logLevel, limits: options.limits, redactor: redactor)
        LogRouter.shared.registerCurrentThread(capture)
        defer { LogRouter.shared.unregisterCurrentThread() }
        if let context = cffmpeg_avformat_alloc_context() {
            let key = UnsafeMutableRawPointer(context)
            LogRouter.shared.register(capture, context: key)
            probe(context, into: &result)
            LogRouter.shared.unregister(context: key)
        } else {
            result.failure = .ffmpeg(FFmpegError(function: "avformat_alloc_context", code: 0, message: "out of memory"))
        }
        let logged = capture.snapshot
        result.log = logged.lines
        result.droppedLogLines = logged.dropped
        result.sdp = logged.sdp
        result.fellBackToTCP = logged.fellBackToTCP
        result.timings.total = elapsedMilliseconds()
        return result
    }

    /// Opens, optionally analyses (local files only), reads; closes the context in all cases.
    private func probe(_ allocated: UnsafeMutablePointer<AVFormatContext>, into result: inout MediaProbeResult) {
        allocated.pointee.interrupt_callback = interrupt.callback
        var dictionary: OpaquePointer?
        for (key, value) in openOptions() { cffmpeg_av_dict_set(&dictionary, key, value, 0) }
        var context: UnsafeMutablePointer<AVFormatContext>? = allocated
        let opened = cffmpeg_avformat_open_input(&context, input, nil, &dictionary)
        result.ignoredOptions = Self.keys(of: dictionary)
        cffmpeg_av_dict_free(&dictionary)
        result.timings.open = elapsedMilliseconds()
        guard opened >= 0, let context else {  // on failure FFmpeg has freed the context
            result.failure = failure(function: "avformat_open_input", code: opened, phase: .open)
            return
        }
        defer {
            var closing: UnsafeMutablePointer<AVFormatContext>? = context
            cffmpeg_avformat_close_input(&closing)
        }
        result.formatName = context.pointee.iformat.map { String(cString: $0.pointee.name) }
        if isLocal, needsStreamInfo(context) {
            context.pointee.probesize = options.limits.localProbeSize
            context.pointee.max_analyze_duration = options.limits.localAnalyzeDurationMicroseconds
            let analysed = cffmpeg_avformat_find_stream_info(context, nil)
            result.timings.streamInfo = elapsedMilliseconds()
            if analysed < 0 {
                result.failure = failure(function: "avformat_find_stream_info", code: analysed, phase: .streamInfo)
                result.streams = describeStreams(context, tallies: [:], packets: [])
                return
            }
        }
        var reader = PacketReader(session: self, context: context)
        reader.read(into: &result)
        result.streams = describeStreams(context, tallies: reader.tallies, packets: result.videoPackets)
    }

    /// What libavformat may open for a local file: the `file` protocol only, and only the
    /// demuxers of the formats camprint reads (MP4/MOV, Matroska, MPEG-TS, MPEG-PS, raw H.264 and
    /// H.265). Without them a playlist named `.mp4` (HLS, concat, a `.sdp`) makes libavformat open
    /// the URLs it lists (FFmpeg's `protocol_whitelist` and `format_whitelist` AVFormatContext
    /// options, checked for nested opens too).
    static let localFileOptions = [
        ("protocol_whitelist", "file"),
        ("format_whitelist", "mov,matroska,mpegts,mpeg,h264,hevc"),
    ]

    /// RTSP (through camprint's relay, or directly for unauthenticated UDP): the RTSP demuxer's
    /// own connections only, never HTTP, TLS or a file a camera's answer names.
    static let rtspProtocols = ("protocol_whitelist", "rtsp,rtp,tcp,udp")

    private func openOptions() -> [(String, String)] {
        guard isRTSP else { return Self.localFileOptions }
        // FFmpeg 5.x: `timeout` is the socket I/O timeout in µs (`stimeout` is gone and would be
        // silently ignored). It is only a second guard: the interrupt callback enforces the deadline.
        // It is set past the deadline so that the deadline, not FFmpeg, ends a silent open.
        let guardTimeout = deadlineMicroseconds + Self.socketTimeoutMargin
        switch options.transport {
        case .tcp: return [("rtsp_transport", "tcp"), ("timeout", String(guardTimeout)), Self.rtspProtocols]
        case .udp: return [("rtsp_transport", "udp"), ("timeout", String(guardTimeout)), Self.rtspProtocols]
        case .auto:
            let fallback = Self.microseconds(options.udpFallbackTimeout)
            return [
                ("rtsp_transport", "udp+tcp"),
                ("timeout", String(fallback < deadlineMicroseconds ? fallback : guardTimeout)),
                Self.rtspProtocols,
            ]
        }
    }

    /// Local inputs whose demuxer gives no codec parameters at open (raw Annex B, MPEG-TS/PS).
    private func needsStreamInfo(_ context: UnsafeMutablePointer<AVFormatContext>) -> Bool {
        let count = Int(context.pointee.nb_streams)
        guard count > 0, let streams = context.pointee.streams else { return true }
        for index in 0..<count {
            guard let parameters = streams[index]?.pointee.codecpar?.pointee else { continue }
            if parameters.codec_type == AVMEDIA_TYPE_VIDEO,
                parameters.width == 0 || parameters.codec_id == AV_CODEC_ID_NONE
            {
                return true
            }
        }
        return false
    }

    func failure(function: String, code: Int32, phase: MediaProbePhase) -> MediaProbeFailure {
        let error = FFmpegError(function: function, code: code, message: redactor.redact(Self.message(for: code)))
        if interrupt.isCancelled { return .cancelled(phase: phase, underlying: error) }
        if interrupt.isPastDeadline {
            return .deadlineExceeded(
                phase: phase,
                deadlineMilliseconds: Int(deadlineMicroseconds / 1000),
                underlying: error
            )
        }
        return .ffmpeg(error)
    }

    func elapsedMilliseconds() -> Double { Double(cffmpeg_av_gettime_relative() - start) / 1000 }

    static func message(for code: Int32) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(AV_ERROR_MAX_STRING_SIZE)) { buffer in
            guard let base = buffer.baseAddress else { return "error \(code)" }
            return String(cString: cffmpeg_err2str(code, base, buffer.count))
        }
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    static func keys(of dictionary: OpaquePointer?) -> [String] {
        var keys: [String] = []
        var entry: UnsafeMutablePointer<AVDictionaryEntry>?
        while let next = cffmpeg_av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            keys.append(String(cString: next.pointee.key))
            entry = next
        }
        return keys
    }
}
