/// Levels of the agent's log lines (`log_level` in agent.yaml), lowest first.
public enum AgentLogLevel: String, Sendable, CaseIterable, Comparable {
    case trace, debug, info, notice, warning, error, critical

    public static func < (lhs: AgentLogLevel, rhs: AgentLogLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Where the agent's log lines go. Lines never carry passwords or tokens: URLs are redacted before
/// they are logged, and credentials are never formatted into a message.
public typealias AgentLog = @Sendable (AgentLogLevel, String) -> Void
