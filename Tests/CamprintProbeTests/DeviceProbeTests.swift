import CamprintClients
import CamprintProbe
import CamprintReport
import CamprintSignatures
import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

/// The probe as a library (no `camprint` binary): `DeviceProbe.run` against emulator cameras
/// started in this process on loopback, `FileProbe.run` on the sample clips.
@Suite(.serialized) struct DeviceProbeTests {
    static let database = try? SignatureDatabase.load(includeOperatorDirectory: false)
    static let personas = Samples.root.appendingPathComponent("personas").path
    static let clip = Samples.root.appendingPathComponent("h264/testsrc_1280x720_25fps_baseline.h264").path
    static let password = "device-probe-test-secret"

    /// Serves one camera of `persona` for the duration of `body`, which gets its RTSP URL.
    static func withCamera<T>(
        _ persona: String,
        credentials: Credentials? = nil,
        faults: FaultConfig = FaultConfig(),
        _ body: (String) async throws -> T
    ) async throws -> T {
        let loaded = try Persona.load(persona, directory: personas)
        let camera = CameraConfig(
            persona: loaded,
            media: try MediaCache().source(clip),
            credentials: credentials,
            faults: faults,
            fast: true
        )
        let server = TestcamServer(threads: 1)
        do {
            let bound = try await server.start([ListenerSpec(cameras: [camera])])
            let result = try await body("rtsp://127.0.0.1:\(bound[0].port)\(loaded.path)")
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    @Test(.enabled(if: database != nil, "signature database not built"))
    func aCameraThatAsksForCredentialsStillShowsItsMaker() async throws {
        let database = try #require(Self.database)
        let outcome = try await Self.withCamera(
            "hikvision-ipc",
            credentials: Credentials(user: "admin", password: Self.password)
        ) { url in
            await DeviceProbe.run(
                url: try RTSPURL(parsing: url),
                credentials: nil,
                settings: ProbeSettings(timeout: .seconds(10), media: false),
                database: database
            )
        }
        #expect(outcome.report.report.status == .authRequired)
        #expect(outcome.report.report.identity.verdict == .hikvision, "\(outcome.report.report.identity)")
        #expect(outcome.report.report.identity.vendor == "Hikvision")
        #expect(outcome.report.report.streams.isEmpty)
    }

    @Test(.enabled(if: database != nil, "signature database not built"))
    func withCredentialsTheMediaPlaneReadsTheStream() async throws {
        let database = try #require(Self.database)
        let outcome = try await Self.withCamera(
            "hikvision-ipc",
            credentials: Credentials(user: "admin", password: Self.password)
        ) { url in
            await DeviceProbe.run(
                url: try RTSPURL(parsing: url),
                credentials: ProbeCredentials(username: "admin", password: Self.password),
                settings: ProbeSettings(timeout: .seconds(20)),
                database: database
            )
        }
        #expect(outcome.report.report.status == .ok, "\(String(describing: outcome.report.report.error))")
        #expect(outcome.report.report.identity.verdict == .hikvision)
        let video = try #require(outcome.report.report.streams.first { $0.codec == "h264" })
        #expect(video.width == 1280 && video.height == 720)
        // The password reaches neither the report nor what the probe kept of the exchanges.
        let encoded = String(decoding: try JSONEncoder().encode(outcome.report), as: UTF8.self)
        #expect(!encoded.contains(Self.password))
        #expect(outcome.report.report.target.url.contains("admin") == false)
    }

    @Test(.enabled(if: database != nil, "signature database not built"))
    func aCameraThatNeverAnswersEndsAsATimeoutWithinTheProbe() async throws {
        let database = try #require(Self.database)
        var faults = FaultConfig()
        faults.hang_after_accept = true
        let outcome = try await Self.withCamera("dahua-ipc", faults: faults) { url in
            await DeviceProbe.run(
                url: try RTSPURL(parsing: url),
                credentials: nil,
                settings: ProbeSettings(timeout: .seconds(2), media: false),
                database: database
            )
        }
        #expect(outcome.report.report.status == .timeout)
        // What is left is the URL the user gave (Dahua's /cam/realmonitor path): never Hikvision.
        #expect(outcome.report.report.identity.verdict != .hikvision)
        // Printed, not asserted: the deadline is checked by `make bench` and the hostile tests.
        print(
            "DeviceProbeTests: hung camera reported after \(outcome.report.report.durationMs ?? -1) ms (deadline 2000 ms)"
        )
    }

    @Test(.enabled(if: database != nil, "signature database not built"))
    func aFileIsProbedLikeAStream() async throws {
        let database = try #require(Self.database)
        let outcome = await FileProbe.run(
            path: Self.clip,
            settings: ProbeSettings(timeout: .seconds(20)),
            database: database
        )
        #expect(outcome.report.report.status == .ok, "\(String(describing: outcome.report.report.error))")
        #expect(outcome.report.report.target.kind == ReportTarget.fileKind)
        let video = try #require(outcome.report.report.streams.first)
        #expect(video.codec == "h264")
        #expect(video.width == 1280 && video.height == 720)
        // A test pattern encoded here says nothing about a maker.
        #expect(outcome.report.report.identity.verdict == .unknown)
    }

    @Test(.enabled(if: database != nil, "signature database not built"))
    func aFileFFmpegCannotReadIsAnErrorNotACrash() async throws {
        let database = try #require(Self.database)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-media-\(getpid()).bin").path
        try Data("RTSP/1.0 200 OK\r\nthis is no media\r\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = await FileProbe.run(
            path: path,
            settings: ProbeSettings(timeout: .seconds(10)),
            database: database
        )
        #expect(outcome.report.report.status != .ok)
        #expect(outcome.report.report.streams.isEmpty)
    }
}
