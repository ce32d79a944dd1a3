public import Foundation

/// Video clips made at test time with the `ffmpeg` CLI from its `lavfi` test sources, into the
/// temporary folder, never committed: the one generator of the test targets (file probe clips,
/// FFmpeg layer clips, the emulator's container media).
public enum GeneratedClips {
    /// One clip to make: its file name, the codec the tests expect, and ffmpeg's arguments after
    /// `-nostdin -v error -y` and before the output path (input, encoder, format).
    public struct Spec: Sendable {
        public var name: String
        public var codec: String
        public var arguments: [String]

        public init(name: String, codec: String, arguments: [String]) {
            self.name = name
            self.codec = codec
            self.arguments = arguments
        }
    }

    /// A made clip.
    public struct Clip: Sendable, CustomStringConvertible {
        public var name: String
        /// As the spec named it (`h264`, `h265`, `hevc`).
        public var codec: String
        public var path: String
        public var description: String { name }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The ffmpeg executable, or nil when it is not installed.
    public static let ffmpeg: String? = tool("ffmpeg")

    /// `name` in the usual install folders, or nil.
    public static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `lavfi` input arguments: `source` (`testsrc`, `testsrc2`) at `width`x`height`, `rate` frames a
    /// second, `seconds` long.
    public static func input(_ source: String = "testsrc", width: Int, height: Int, rate: Int, seconds: Int)
        -> [String]
    {
        ["-f", "lavfi", "-i", "\(source)=size=\(width)x\(height):rate=\(rate)", "-t", "\(seconds)"]
    }

    /// A folder of the temporary directory for this process's clips of one kind.
    public static func folder(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Makes every clip of `specs` in `folder` (kept when already there); the clips in order, or
    /// the first failure.
    public static func make(_ specs: [Spec], in folder: URL) -> Result<[Clip], Failure> {
        guard let ffmpeg else { return .failure(Failure("ffmpeg is not installed")) }
        var clips: [Clip] = []
        for spec in specs {
            let path = folder.appendingPathComponent(spec.name).path
            if !FileManager.default.fileExists(atPath: path) {
                let outcome = SubprocessLaunch.runToCompletion(
                    ffmpeg,
                    ["-nostdin", "-v", "error", "-y"] + spec.arguments + [path]
                )
                guard outcome.status == 0 else {
                    try? FileManager.default.removeItem(atPath: path)
                    return .failure(Failure("ffmpeg failed to make \(spec.name): \(outcome.output)"))
                }
            }
            clips.append(Clip(name: spec.name, codec: spec.codec, path: path))
        }
        return .success(clips)
    }

    /// One clip in `folder`: its path, or nil when ffmpeg is missing or failed.
    public static func make(_ name: String, in folder: URL, arguments: [String]) -> String? {
        try? make([Spec(name: name, codec: "", arguments: arguments)], in: folder).get().first?.path
    }
}
