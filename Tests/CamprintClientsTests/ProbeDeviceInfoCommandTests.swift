import CamprintReport
import Foundation
import Testing

@Suite(
    "camprint probe with HTTP device information (subprocess)",
    .enabled(if: CamprintBinary.path != nil, "the camprint binary is not built")
)
struct ProbeDeviceInfoCommandTests {
    /// RTSP accepts the credentials, so ISAPI and ONVIF may use them; the identity engine reads
    /// the fetched ISAPI and ONVIF documents into the report's identity and device facts.
    @Test func isapiAndONVIFReachTheReport() async throws {
        let rtsp = try await ProbeCommandTests.camera()
        defer { Task { await rtsp.stop() } }
        let cameraTime = Int(Date().timeIntervalSince1970) + 3 * 3600
        let camera = TestCameraHTTP(cameraTime: cameraTime)
        let http = try await TestHTTPServer.start { camera.respond($0) }
        defer { Task { await http.stop() } }
        let file = try ProbeCommandTests.temporaryFile("username=admin\npassword=\(ProbeCommandTests.password)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let arguments = [
            "probe", "--no-media", "--credentials", file, "--http-port", "\(http.port)", "--onvif-url",
            "http://127.0.0.1:\(http.port)/onvif/device_service", "--onvif-auth",
        ]
        // The camera's clock stands still at `cameraTime`, so the offset the probe measures is
        // `cameraTime` minus the moment it asked, somewhere inside the run (a loaded machine
        // may take seconds to get there).
        let started = Int(Date().timeIntervalSince1970)
        let run = try await CamprintBinary.run(arguments + ["--format", "jsonl", rtsp.url])
        let ended = Int(Date().timeIntervalSince1970) + 1
        #expect(run.status == 0, "stderr: \(run.stderr)")
        ProbeCommandTests.expectNoSecrets(run)
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        let outcomes = report.deviceInfo?.requests.map { "\($0.channel) \($0.operation) \($0.outcome)" } ?? []
        #expect(
            outcomes == [
                "banner GET / ok", "isapi deviceInfo auth-required", "isapi deviceInfo ok",
                "onvif GetSystemDateAndTime ok", "onvif GetDeviceInformation ok", "onvif GetNetworkInterfaces ok",
                "onvif GetScopes ok",
            ]
        )
        #expect(
            report.deviceInfo?.clockOffsetSeconds.map { (cameraTime - ended - 2)...(cameraTime - started + 2) ~= $0 }
                == true
        )
        #expect(report.report.identity.model == "DS-2CD2143G2-I", "\(report.report.identity)")
        #expect(report.report.identity.firmware?.contains("V5.7.3") == true, "\(report.report.identity)")
        #expect(report.report.device?.serialNumber == "DS-2CD2143G2-I20230314AAWRK12345678")
        #expect(report.report.device?.mac == "c0:56:e3:a1:b2:c3")
        #expect(report.report.identity.evidence.contains { $0.field.hasPrefix("isapi.") })
        #expect(report.report.identity.evidence.contains { $0.field.hasPrefix("onvif.") })
        #expect(report.timings?.deviceInfoMs != nil)

        let table = try await CamprintBinary.run(arguments + ["--format", "table", rtsp.url])
        #expect(table.stdout.contains("model DS-2CD2143G2-I"), "\(table.stdout)")
        #expect(table.stdout.contains("serial DS-2CD2143G2-I20230314AAWRK12345678"), "\(table.stdout)")
        #expect(table.stdout.contains("isapi deviceInfo"), "\(table.stdout)")
        ProbeCommandTests.expectNoSecrets(table)
    }

    /// Without --onvif-auth no ONVIF request carries the password (a WS-Security token could be
    /// replayed elsewhere); the unauthenticated GetSystemDateAndTime still runs.
    @Test func onvifCarriesNoCredentialsByDefault() async throws {
        let rtsp = try await ProbeCommandTests.camera()
        defer { Task { await rtsp.stop() } }
        let camera = TestCameraHTTP(cameraTime: Int(Date().timeIntervalSince1970))
        let http = try await TestHTTPServer.start { camera.respond($0) }
        defer { Task { await http.stop() } }
        let file = try ProbeCommandTests.temporaryFile("username=admin\npassword=\(ProbeCommandTests.password)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--credentials", file, "--http-port", "\(http.port)", "--format", "jsonl", rtsp.url,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        let onvif = report.deviceInfo?.requests.filter { $0.channel == "onvif" }.map(\.outcome) ?? []
        #expect(onvif.first == "ok" && onvif.dropFirst().allSatisfy { $0.contains("authenticated ONVIF is off") })
        let soap = http.requests.filter { $0.target.hasPrefix("/onvif") }
        #expect(soap.count == 1 && soap.allSatisfy { !$0.isAuthenticated })
    }

    @Test func noHTTPSendsNothingThere() async throws {
        let rtsp = try await ProbeCommandTests.camera()
        defer { Task { await rtsp.stop() } }
        let http = try await TestHTTPServer.start { TestCameraHTTP(cameraTime: 0).respond($0) }
        defer { Task { await http.stop() } }
        let run = try await CamprintBinary.run([
            "probe", "--no-media", "--no-http", "--http-port", "\(http.port)", "--format", "jsonl", rtsp.url,
        ])
        // No credentials given: RTSP answers 401 (exit 4), the report is still written.
        #expect(run.status == 4, "stderr: \(run.stderr)")
        let report = try JSONDecoder().decode(ProbeReport.self, from: Data(run.stdout.utf8))
        #expect(report.deviceInfo == nil)
        #expect(http.requests.isEmpty)
    }
}
