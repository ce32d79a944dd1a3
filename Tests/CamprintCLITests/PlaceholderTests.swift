import Testing

@testable import CamprintCLI

@Suite struct CLIPlaceholderTests {
    @Test func hasVersion() { #expect(!CamprintVersion.current.isEmpty) }
}
