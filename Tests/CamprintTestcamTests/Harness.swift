import CamprintRTSP
import CamprintTestSupport
import CamprintTestcam
import Foundation

/// Starts cameras in this process on free loopback ports.
enum Harness {
    static let personaDirectory = Samples.root.appendingPathComponent("personas").path
    static let h264_1080p = Samples.root.appendingPathComponent("h264/testsrc_1920x1080_30fps_baseline.h264").path
    static let h264_720p = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
    static let h265_720p = Samples.root.appendingPathComponent("h265/testsrc_1280x720_25fps_main.h265").path
    static let cache = MediaCache()

    static let personaNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: personaDirectory)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func persona(_ name: String) throws -> Persona {
        try Persona.load(name, directory: personaDirectory)
    }

    static func camera(
        _ persona: String,
        media: String = h264_720p,
        credentials: Credentials? = nil,
        faults: FaultConfig = FaultConfig(),
        fast: Bool = false
    ) throws -> CameraConfig {
        CameraConfig(
            persona: try self.persona(persona),
            media: try cache.source(media),
            credentials: credentials,
            faults: faults,
            fast: fast
        )
    }

    /// Runs `body` with a server for `cameras` (one listener), then shuts it down.
    static func withServer<T>(
        _ cameras: [CameraConfig],
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let server = TestcamServer(threads: 1)
        do {
            let bound = try await server.start([ListenerSpec(cameras: cameras)])
            let result = try await body(bound[0].port)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Runs a blocking client body off the cooperative pool.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await OffPool.run(body)
    }
}

extension RTSPResponse {
    /// Header lines exactly as sent (`Name:` + everything after the colon).
    var headerLines: [String] { headers.map { $0.name + ":" + $0.rawValue } }
    var statusLine: String { "\(version) \(statusCode) \(reasonPhrase)" }
}
