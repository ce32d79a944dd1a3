public import ArgumentParser

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
        version: CamprintVersion.current,
        subcommands: [InspectCommand.self]
    )

    public init() {}
}

/// The entry point of the `camprint` executable: parses `CommandLine.arguments` and runs.
public func runCamprint() async {
    await CamprintCommand.main()
}
