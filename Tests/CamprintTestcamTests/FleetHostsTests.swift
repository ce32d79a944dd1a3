import CamprintRTSP
import CamprintTestcam
import Foundation
import Testing

/// Fleet cameras on their own loopback addresses (`hosts:` / per-camera `host:`).
@Suite("Fleet addresses")
struct FleetHostsTests {
    static func yaml(_ header: String, count: Int = 3) -> String {
        """
        \(header)
        base_port: 0
        discovery: false
        cameras:
          - persona: hikvision-ipc
            media: \(Harness.h264_720p)
            count: \(count)
        """
    }

    @Test("hosts: 127.0.1.1 gives three cameras 127.0.1.1–3, each answering on its own address")
    func threeCamerasThreeAddresses() async throws {
        let fleet = try FleetFile(yaml: Self.yaml("hosts: 127.0.1.1"))
        let specs = try fleet.listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        #expect(specs.map(\.host) == ["127.0.1.1", "127.0.1.2", "127.0.1.3"])
        let server = TestcamServer(threads: 1)
        do {
            let bound = try await server.start(specs)
            #expect(bound.map(\.host) == ["127.0.1.1", "127.0.1.2", "127.0.1.3"])
            let answers = try await Harness.blocking {
                try bound.map { listener in
                    let client = try SocketClient(port: listener.port, host: listener.host)
                    let response = try client.request("OPTIONS", "rtsp://\(listener.address)/", cseq: 1)
                    return (listener.host, response.statusCode)
                }
            }
            for (host, status) in answers { #expect(status == 200, "\(host): OPTIONS \(status)") }
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
    }

    @Test("cameras on distinct addresses all get base_port")
    func samePortOnEachAddress() throws {
        let text = Self.yaml("hosts: 127.0.1.1").replacingOccurrences(of: "base_port: 0", with: "base_port: 18554")
        let specs = try FleetFile(yaml: text).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        #expect(specs.map(\.port) == [18554, 18554, 18554])
        #expect(specs.map(\.host) == ["127.0.1.1", "127.0.1.2", "127.0.1.3"])
    }

    @Test("a per-camera host is incremented within count")
    func perCameraHost() throws {
        let text = """
            base_port: 18554
            cameras:
              - persona: hikvision-ipc
                media: \(Harness.h264_720p)
                host: 127.0.2.10
                count: 2
              - persona: axis
                media: \(Harness.h264_720p)
            """
        let specs = try FleetFile(yaml: text).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        #expect(specs.map(\.host) == ["127.0.2.10", "127.0.2.11", "127.0.0.1"])
    }

    @Test("a non-loopback range is refused unless allowed")
    func nonLoopbackRefused() async throws {
        let specs = try FleetFile(yaml: Self.yaml("hosts: 10.9.8.7", count: 1)).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        let server = TestcamServer(threads: 1)
        await #expect(throws: PersonaError.self) { _ = try await server.start(specs) }
        await server.shutdown()
    }

    @Test("hosts: must be an IPv4 address")
    func hostsMustBeIPv4() {
        #expect(throws: PersonaError.self) { _ = try FleetFile(yaml: Self.yaml("hosts: ::1")) }
    }
}

@Suite("Live and nonce-lifetime keys")
struct LiveAndNonceKeyTests {
    @Test("--live and --nonce-lifetime reach the camera; the persona's values are the default")
    func commandLine() throws {
        var arguments = ["--persona", "hikvision-ipc", "--media", Harness.h264_720p, "--no-auth"]
        arguments += ["--personas", Harness.personaDirectory]
        let plain = try TestcamCommandLine.listeners(
            TestcamCommandLine.Options(arguments: arguments),
            cache: Harness.cache
        )
        #expect(plain[0].cameras[0].live == false)
        #expect(plain[0].cameras[0].nonceLifetimeSeconds == 60)
        let options = try TestcamCommandLine.Options(arguments: arguments + ["--live", "--nonce-lifetime", "5"])
        let live = try TestcamCommandLine.listeners(options, cache: Harness.cache)
        #expect(live[0].cameras[0].live == true)
        #expect(live[0].cameras[0].nonceLifetimeSeconds == 5)
        #expect(throws: (any Error).self) {
            _ = try TestcamCommandLine.Options(arguments: arguments + ["--nonce-lifetime", "0"])
        }
    }

    @Test("fleet entries set live and nonce_lifetime_seconds; a non-positive lifetime is refused")
    func fleetKeys() throws {
        let text = """
            base_port: 0
            cameras:
              - persona: hikvision-ipc
                media: \(Harness.h264_720p)
                live: true
                nonce_lifetime_seconds: 2
            """
        let specs = try FleetFile(yaml: text).listeners(
            baseDirectory: "/",
            personaDirectory: Harness.personaDirectory,
            cache: Harness.cache
        )
        #expect(specs[0].cameras[0].live && specs[0].cameras[0].nonceLifetimeSeconds == 2)
        let bad = text.replacingOccurrences(of: "nonce_lifetime_seconds: 2", with: "nonce_lifetime_seconds: 0")
        #expect(throws: PersonaError.self) {
            _ = try FleetFile(yaml: bad).listeners(
                baseDirectory: "/",
                personaDirectory: Harness.personaDirectory,
                cache: Harness.cache
            )
        }
    }
}

/// The emulator's loopback check parses the address before judging it (issue 16).
@Suite struct LoopbackCheckTests {
    @Test(arguments: ["127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.2", "localhost", "LOCALHOST"])
    func loopback(host: String) {
        #expect(TestcamServer.isLoopback(host))
    }

    @Test(arguments: ["127.0.0.1.example.net", "127.evil", "10.0.0.1", "0.0.0.0", "::", "::ffff:10.0.0.1", "1.127.0.0"])
    func notLoopback(host: String) {
        #expect(!TestcamServer.isLoopback(host))
    }
}
