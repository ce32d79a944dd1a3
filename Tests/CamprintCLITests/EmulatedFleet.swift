import CamprintTestSupport
import Foundation

/// A fleet of the built `camprint-testcam` on 127.0.0.1 (free ports), one camera per persona, the
/// ones marked `auth` asking for `admin` and the password in `passwordFile`.
struct EmulatedFleet {
    let server: Process
    /// `READY <host:port> <persona> <path>[ http=<host:port>]`, one per camera.
    let readyLines: [String]

    static func start(
        cameras: [(persona: String, auth: Bool)],
        passwordFile: URL,
        http: Bool,
        in work: URL
    ) throws -> EmulatedFleet? {
        guard let testcam = PersonaVerdictTests.testcam else { return nil }
        let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
        var fleet = "host: 127.0.0.1\nbase_port: 0\n" + (http ? "http_base_port: 0\n" : "")
        fleet += "personas: \(Samples.root.appendingPathComponent("personas").path)\ncameras:\n"
        for camera in cameras {
            fleet += "  - persona: \(camera.persona)\n    media: \(media)\n"
            if camera.auth { fleet += "    user: admin\n    password_file: \(passwordFile.path)\n" }
        }
        let fleetFile = work.appendingPathComponent("fleet.yaml")
        try fleet.write(to: fleetFile, atomically: true, encoding: .utf8)

        let server = Process()
        server.executableURL = testcam
        server.arguments = ["--fleet", fleetFile.path]
        server.currentDirectoryURL = work
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try SubprocessLaunch.run(server)
        do {
            let ready = try BuiltProducts.readyLines(from: output.fileHandleForReading, count: cameras.count)
            return EmulatedFleet(server: server, readyLines: ready)
        } catch {
            server.terminate()
            server.waitUntilExit()
            throw error
        }
    }

    func stop() {
        server.terminate()
        server.waitUntilExit()
    }
}
