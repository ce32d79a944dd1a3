import CamprintTestSupport
import CamprintTestcam
import Foundation

/// One camera of the emulator (camprint-testcam's CamprintTestcam) in this process, on a free
/// loopback port: persona, media and fault modes as `camprint-testcam --persona … --fault …`.
final class EmulatedCamera: Sendable {
    static let personaDirectory = Samples.root.appendingPathComponent("personas").path
    static let media = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
    static let cache = MediaCache()

    let server: TestcamServer
    let port: Int
    let path: String

    /// The camera's stream URL.
    var url: String { "rtsp://127.0.0.1:\(port)\(path)" }

    private init(server: TestcamServer, port: Int, path: String) {
        self.server = server
        self.port = port
        self.path = path
    }

    static func start(
        _ persona: String = "hikvision-ipc",
        credentials: Credentials? = nil,
        faults: FaultConfig = FaultConfig()
    ) async throws -> EmulatedCamera {
        let camera = CameraConfig(
            persona: try Persona.load(persona, directory: personaDirectory),
            media: try cache.source(media),
            credentials: credentials,
            faults: faults
        )
        // Failed logins are what these tests provoke: not logged.
        let server = TestcamServer(threads: 1, log: AuthFailureLog { _ in })
        do {
            let bound = try await server.start([ListenerSpec(cameras: [camera])])
            return EmulatedCamera(server: server, port: bound[0].port, path: camera.path)
        } catch {
            await server.shutdown()
            throw error
        }
    }

    static func faults(_ build: (inout FaultConfig) -> Void) -> FaultConfig {
        var config = FaultConfig()
        build(&config)
        return config
    }

    func stop() async {
        await server.shutdown()
    }
}
