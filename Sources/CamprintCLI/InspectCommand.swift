import ArgumentParser

/// `camprint inspect FILE...`: shows what the parsers see in saved evidence.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what camprint's parsers see in a file."
    )

    @Argument(help: "Files to read.")
    var files: [String] = []

    func run() async throws {}
}
