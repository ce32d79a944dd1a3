internal import CFFmpeg
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// FFmpeg's log callback is process-global. Messages are routed to the probe that caused
/// them: by the logging context (the probe's `AVFormatContext`) or, for child contexts such as
/// the TCP `URLContext`, by the probe's own thread. Unrouted messages are dropped.
final class LogRouter: Sendable {
    static let shared = LogRouter()

    private let byContext = Mutex<[UInt: LogCapture]>([:])
    private let byThread = Mutex<[UInt: LogCapture]>([:])

    /// Installs the callback once per process.
    static let installed: Bool = {
        cffmpeg_av_log_set_callback(ffmpegLogCallback)
        return true
    }()

    func register(_ capture: LogCapture, context: UnsafeMutableRawPointer) {
        byContext.withLock { $0[UInt(bitPattern: context)] = capture }
    }

    func unregister(context: UnsafeMutableRawPointer) {
        _ = byContext.withLock { $0.removeValue(forKey: UInt(bitPattern: context)) }
    }

    func registerCurrentThread(_ capture: LogCapture) {
        let key = Self.currentThreadKey()
        byThread.withLock { $0[key] = capture }
    }

    func unregisterCurrentThread() {
        let key = Self.currentThreadKey()
        _ = byThread.withLock { $0.removeValue(forKey: key) }
    }

    func capture(for context: UnsafeMutableRawPointer?) -> LogCapture? {
        if let context, let found = byContext.withLock({ $0[UInt(bitPattern: context)] }) {
            return found
        }
        let key = Self.currentThreadKey()
        return byThread.withLock { $0[key] }
    }

    static func currentThreadKey() -> UInt {
        #if canImport(Darwin)
            UInt(bitPattern: pthread_self())
        #else
            UInt(pthread_self())
        #endif
    }

    /// The class or item name of a logging context (`rtsp`, `tcp`, …).
    static func component(of context: UnsafeMutableRawPointer) -> String? {
        guard let avClass = context.load(as: UnsafePointer<AVClass>?.self) else { return nil }
        if let itemName = avClass.pointee.item_name, let name = itemName(context) {
            return String(cString: name)
        }
        return avClass.pointee.class_name.map { String(cString: $0) }
    }
}

/// `av_log` callback. TRACE (per-byte RTSP reply logging) is dropped before any work.
private func ffmpegLogCallback(
    _ context: UnsafeMutableRawPointer?,
    _ level: Int32,
    _ format: UnsafePointer<CChar>?,
    _ arguments: CVaListPointer?
) {
    guard level <= AV_LOG_DEBUG, let format, let arguments else { return }
    guard let capture = LogRouter.shared.capture(for: context) else { return }
    let size = capture.maximumMessageBytes
    let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer -> String in
        guard let base = buffer.baseAddress else { return "" }
        _ = vsnprintf(base, size, format, arguments)
        return String(cString: base)
    }
    capture.append(level: level, component: context.flatMap(LogRouter.component(of:)), text: text)
}
