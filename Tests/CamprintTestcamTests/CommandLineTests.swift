import ArgumentParser
import Testing

@testable import CamprintTestcam

/// `camprint-testcam`'s command line (swift-argument-parser): the options reach the camera, bad
/// ones are refused before anything listens, and `--help` explains the emulator.
@Suite("camprint-testcam command line")
struct CommandLineTests {
    @Test func helpExplainsTheEmulatorWithExamples() {
        let help = TestcamCommand.helpMessage(columns: 100)
        for text in [
            "camera emulator", "--persona", "--media", "--fleet", "--replay", "--fault", "--password-file",
            "READY <host:port> <persona> <path>", "Fault modes", "hang-after-accept", "lockout=N/S", "Examples:",
            "--fault drip", "Samples/fleets/demo.yaml", "Exit codes",
        ] {
            #expect(help.contains(text), "help lacks \(text)")
        }
    }

    @Test func everyOptionReachesTheCamera() throws {
        let options = try TestcamCommandLine.Options(arguments: [
            "--persona", "axis", "--media", "clip.h264", "--listen", "[::1]:0", "--path", "/axis-media/media.amp",
            "--user", "root", "--password-file", "pw.txt", "--fast", "--fps", "12.5", "--fault", "drip",
            "--fault", "lockout=3/60", "--personas", "/p", "--allow-non-loopback", "--http-listen", "127.0.0.1:0",
            "--clock-offset", "-3600", "--live", "--nonce-lifetime", "5",
        ])
        #expect(options.persona == "axis" && options.media == "clip.h264")
        #expect(options.listen == "[::1]:0" && options.path == "/axis-media/media.amp")
        #expect(options.user == "root" && options.passwordFile == "pw.txt" && !options.noAuth)
        #expect(options.fast && options.fps == 12.5 && options.live)
        #expect(options.faults.drip == true)
        #expect(options.faults.lockout == FaultConfig.Lockout(after: 3, seconds: 60))
        #expect(options.personaDirectory == "/p" && options.allowNonLoopback)
        #expect(options.httpListen == "127.0.0.1:0")
        #expect(options.clockOffset == -3600, "a negative offset is a value, not an option")
        #expect(options.nonceLifetime == 5)
        #expect(try TestcamCommandLine.hostPort(options.listen) == ("::1", 0))
    }

    @Test func defaults() throws {
        let options = try TestcamCommandLine.Options(arguments: ["--persona", "axis", "--media", "m", "--no-auth"])
        #expect(options.listen == "127.0.0.1:8554")
        #expect(options.faults == FaultConfig())
        #expect(options.fps == nil && options.clockOffset == nil && options.nonceLifetime == nil)
        let fleet = try TestcamCommandLine.Options(arguments: ["--fleet", "Samples/fleets/demo.yaml"])
        #expect(fleet.fleet == "Samples/fleets/demo.yaml" && fleet.persona == nil)
    }

    @Test(arguments: [
        [], ["--persona", "axis"], ["--media", "m"], ["--persona", "axis", "--media", "m", "--user", "u"],
        ["--persona", "axis", "--media", "m", "--password-file", "f"],
        ["--persona", "axis", "--media", "m", "--fps", "0"], ["--persona", "axis", "--media", "m", "--fps", "241"],
        ["--persona", "axis", "--media", "m", "--fps", "fast"],
        ["--persona", "axis", "--media", "m", "--nonce-lifetime", "0"],
        ["--persona", "axis", "--media", "m", "--clock-offset", "1e12"],
        ["--persona", "axis", "--media", "m", "--fault", "nonsense"],
        ["--persona", "axis", "--media", "m", "--fault", "lockout=3"],
        ["--persona", "axis", "--media", "m", "--fault", "describe-status"],
        ["--persona", "axis", "--media", "m", "-x"],
        ["--persona", "axis", "--media", "m", "stray"], ["--replay", "a.pcap", "--persona", "axis"],
        ["--replay", "a.pcap", "--fault", "drip"],
    ])
    func refusedBeforeAnythingListens(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try TestcamCommand.parse(arguments) }
    }

    @Test func replayTakesOnlyListenAndAllowNonLoopback() throws {
        let command = try TestcamCommand.parse([
            "--replay", "a.pcapng", "--listen", "127.0.0.1:0", "--allow-non-loopback",
        ])
        #expect(command.replay == "a.pcapng" && command.listen == "127.0.0.1:0" && command.allowNonLoopback)
        #expect(try command.options() == nil)
    }

    @Test func aUsageErrorNamesTheProblem() {
        do {
            _ = try TestcamCommand.parse(["--persona", "axis", "--media", "m", "--fault", "nonsense"])
            Issue.record("accepted an unknown fault")
        } catch {
            #expect(TestcamCommand.fullMessage(for: error).contains("unknown fault nonsense"))
            #expect(TestcamCommand.exitCode(for: error) != .success)
        }
    }
}
