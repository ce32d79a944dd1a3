internal import CFFmpeg

/// FFmpeg's libraries, opened on first use rather than linked (see `CFFmpeg/include/shim.h`):
/// a process that never probes media — the control plane, an agent with media off — never maps
/// libavformat and its ~150 dependencies.
enum FFmpegRuntime {
    /// `nil` once libavutil, libavcodec and libavformat are loaded; otherwise why not (the same
    /// answer on every call: loading is attempted once per process). Blocks for the first
    /// `dlopen` (tens of milliseconds): call it on a probe thread, not the cooperative pool.
    static func load() -> FFmpegError? {
        var message: UnsafePointer<CChar>?
        if cffmpeg_load(&message) == 1 { return nil }
        let reason = message.map { String(cString: $0) } ?? "unknown error"
        return FFmpegError(
            function: "dlopen",
            code: 0,
            message: "FFmpeg libraries unavailable (\(String(cString: cffmpeg_library_names()))): \(reason)"
        )
    }
}
