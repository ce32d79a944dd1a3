public import ArgumentParser
import CamprintReport

/// The `camprint` command: finds out what is really behind a video stream.
public struct CamprintCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "camprint",
        abstract: "Find out which vendor's encoder is behind an RTSP stream, with evidence.",
        discussion: """
            camprint reads what a camera says about itself (RTSP responses, the SDP, H.264/H.265 \
            parameter sets and SEI, the Hikvision IMKH media header) and shows it.

            Examples:
              camprint inspect describe-response.txt     what the parsers see in a saved RTSP reply
              camprint inspect --format json stream.h264 the same as JSON, for scripts

            Exit codes: 0 done, 1 --fail-on matched, 2 usage or input error,
            3 target unreachable or timed out, 4 authentication refused.
            """,
        version: CamprintBuild.current.versionText(program: "camprint"),
        subcommands: [
            ProbeCommand.self, DiscoverCommand.self, IdentifyCommand.self, InspectCommand.self, SignaturesCommand.self,
            AgentCommand.self,
        ]
    )

    public init() {}
}

/// The entry point of the `camprint` executable: parses `CommandLine.arguments` and runs.
///
/// A ``CommandFailure`` prints `camprint: <message>` and exits with its documented code;
/// everything else goes through ArgumentParser (usage errors exit 2 as well).
public func runCamprint() async {
    do {
        var command = try CamprintCommand.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch let failure as CommandFailure {
        StandardError.write("camprint: \(failure.description)")
        CamprintCommand.exit(withError: failure.exitCode)
    } catch {
        // Help, --version and explicit exit codes keep their meaning; any other error is a usage
        // or input error: exit 2.
        if CamprintCommand.exitCode(for: error) == .success || error is ExitCode {
            CamprintCommand.exit(withError: error)
        }
        StandardError.write(CamprintCommand.fullMessage(for: error))
        CamprintCommand.exit(withError: ExitCode(2))
    }
}
