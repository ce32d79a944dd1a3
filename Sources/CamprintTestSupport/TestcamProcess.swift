public import Foundation

/// `camprint-testcam` as a child process of a test: started with the given arguments, waited for
/// until it announced every camera, stopped by ``stop()``.
public final class TestcamProcess {
    /// One camera as announced: `READY <host:port> <persona> <path>[ http=<host:port>]`.
    public struct Camera: Sendable, Hashable {
        public var address: String
        /// The persona's name (`replay` in replay mode).
        public var persona: String
        public var path: String
        /// The camera's HTTP side (`host:port`), when it has one.
        public var http: String?

        public var url: String { "rtsp://\(address)\(path)" }
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "camprint-testcam is not built (swift build)" }
    }

    public let process: Process
    /// In the order the emulator announced them.
    public let cameras: [Camera]

    private init(process: Process, cameras: [Camera]) {
        self.process = process
        self.cameras = cameras
    }

    /// Starts `camprint-testcam arguments` (stderr discarded) in `directory` and waits until it
    /// printed `count` READY lines; the blocking read runs off the cooperative pool.
    public static func start(_ arguments: [String], cameras count: Int = 1, in directory: URL? = nil)
        async throws -> TestcamProcess
    {
        guard let executable = BuiltProducts.url(named: "camprint-testcam") else { throw NotBuilt() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(process)
        do {
            let handle = output.fileHandleForReading
            let lines = try await OffPool.run { try BuiltProducts.readyLines(from: handle, count: count) }
            return TestcamProcess(process: process, cameras: lines.map(Self.camera(announcedBy:)))
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
    }

    static func camera(announcedBy line: String) -> Camera {
        let fields = line.split(separator: " ").map(String.init)
        func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        let http = fields.dropFirst(4).first { $0.hasPrefix("http=") }.map { String($0.dropFirst("http=".count)) }
        return Camera(address: field(1), persona: field(2), path: field(3), http: http)
    }

    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
