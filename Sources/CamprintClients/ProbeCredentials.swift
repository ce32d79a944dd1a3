/// A user name and password for one probe. Printing it never shows either.
public struct ProbeCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "ProbeCredentials(redacted)" }
    public var debugDescription: String { description }
}
