import CamprintTestSupport
import Foundation
import Testing

/// `scripts/rtsp-test-server.py` (GStreamer's RTSP server) as a subprocess on 127.0.0.1.
final class RTSPTestServer {
    static let python = "/usr/bin/python3"
    static let script = Corpus.packageRoot.appendingPathComponent("scripts/rtsp-test-server.py").path

    /// Whether Debian's python3 has gi, GstRtspServer and the payloaders the server uses.
    static let isAvailable: Bool = {
        let check = """
            import gi
            gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0')
            from gi.repository import Gst, GstRtspServer
            Gst.init(None)
            names = ['qtdemux', 'matroskademux', 'h264parse', 'h265parse', 'rtph264pay', 'rtph265pay']
            missing = [n for n in names if Gst.ElementFactory.find(n) is None]
            raise SystemExit(1 if missing else 0)
            """
        return FileManager.default.isExecutableFile(atPath: python)
            && SubprocessLaunch.runToCompletion(python, ["-c", check]).status == 0
    }()

    static let skipReason: Comment =
        "GStreamer RTSP server unavailable: /usr/bin/python3 lacks gi/GstRtspServer or the GStreamer plugins (run scripts/install-deps.sh)"

    let process = Process()
    let port: Int

    init(files: [String], extraArguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script] + extraArguments + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(process)
        // The first line is `READY <port>`.
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw TestFailure("rtsp-test-server.py did not print READY <port>, got \(text.debugDescription)")
        }
        self.port = port
    }

    func url(_ stem: String, credentials: String? = nil) -> String {
        "rtsp://\(credentials.map { $0 + "@" } ?? "")127.0.0.1:\(port)/\(stem)"
    }

    deinit {
        // SIGKILL: the server has no children, and a blocked SIGTERM must not hang the tests.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
