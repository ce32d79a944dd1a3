public import Foundation

/// The package's built executables, for tests that run them as subprocesses.
public enum BuiltProducts {
    /// `name` beside the test bundle, or in `.build/debug`; `nil` when not built.
    public static func url(named name: String) -> URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
                .appendingPathComponent(name),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
            Corpus.packageRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The first `count` lines starting with `READY` that a server prints, within `timeout`
    /// seconds (camprint-testcam and the test RTSP servers announce themselves this way).
    public static func readyLines(from handle: FileHandle, count: Int, timeout: TimeInterval = 30) throws -> [String] {
        var buffer = ""
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = buffer.split(separator: "\n").filter { $0.hasPrefix("READY ") }.map(String.init)
            if lines.count >= count { return Array(lines.prefix(count)) }
            let data = handle.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
        }
        throw ReadyTimeout(output: String(buffer.suffix(500)))
    }

    public struct ReadyTimeout: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "the server did not print every READY line: \(output)" }
    }
}
