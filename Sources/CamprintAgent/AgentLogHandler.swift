import CamprintReport
import CamprintWire
import Foundation
public import Logging

/// The agent's log lines (swift-log) as they reach stderr and the journal: one line per record, the
/// message followed by its metadata as ` key=value` (sorted by key), every URL redacted
/// (``URLRedaction``) and every control character escaped (``TerminalText``), with neither a time
/// stamp nor a level (journald stamps lines itself). The agent's own messages carry no metadata,
/// so its lines read as they always did. Credentials are never formatted into a message.
public struct AgentLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    /// Writes each line with `write` (stderr by default).
    public init(
        logLevel: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = AgentLogHandler.writeToStandardError
    ) {
        self.logLevel = logLevel
        self.write = write
    }

    /// A logger of the agent at `level` (`log_level` in agent.yaml; an unknown name means info).
    public static func logger(level: String, label: String = "camprint.agent") -> Logger {
        let level = Logger.Level(rawValue: level) ?? .info
        return Logger(label: label) { _ in AgentLogHandler(logLevel: level) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(Self.line(event.message.description, metadata: merged(event.metadata)))
    }

    /// The line of a message and its metadata, redacted and escaped.
    static func line(_ message: String, metadata: Logger.Metadata) -> String {
        var text = message
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { text += " \(key)=\(value)" }
        return TerminalText.sanitized(URLRedaction.redactAll(in: text))
    }

    private func merged(_ event: Logger.Metadata?) -> Logger.Metadata {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let event { all.merge(event) { _, new in new } }
        return all
    }

    public static let writeToStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
