/// A signature file that cannot be loaded; names the file, the line and the rule id when known.
public struct SignatureLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var ruleID: String?
    public var message: String

    public init(file: String, line: Int, ruleID: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    public var description: String {
        if let ruleID { return "\(file):\(line): rule \(ruleID): \(message)" }
        return "\(file):\(line): \(message)"
    }
}
