/// A persona, fleet or command-line configuration that cannot be used, with the reason.
public struct PersonaError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
