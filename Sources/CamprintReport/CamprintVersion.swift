import CCamprintBuildInfo

/// The version printed by `--version` and sent in reports.
public enum CamprintVersion {
    public static let current = "0.1.0"
}

/// What this binary was built from: printed by `camprint --version` and
/// `camprint-collector --version`, sent in every report's `source`, exposed as the
/// `camprint_build_info` metric by the agent and the collector.
///
/// `commit`, `date` and `signatures` are set at build time by `make install` and `make deb`
/// (scripts/package-build-info.sh, through Package.swift and Sources/CCamprintBuildInfo); a plain
/// `swift build` leaves them `unknown`.
public struct CamprintBuild: Sendable, Hashable {
    /// ``CamprintVersion/current``.
    public var version: String
    /// The git commit built (40 hex digits), `-dirty` appended when tracked files differed from it.
    public var commit: String
    /// The build's UTC time, RFC 3339 (`$SOURCE_DATE_EPOCH` when set, for reproducible builds).
    public var date: String
    /// The shipped signature database's version: `sha256:` and the first 16 hex digits of the
    /// SHA-256 of `sha256sum *.yaml` run in the rules folder (Sources/CamprintSignatures/Rules,
    /// installed as share/camprint/signatures), so that an installed copy can be checked with
    /// `cd /usr/share/camprint/signatures && sha256sum *.yaml | sha256sum | cut -c1-16`.
    public var signatures: String

    public init(version: String, commit: String, date: String, signatures: String) {
        self.version = version
        self.commit = commit
        self.date = date
        self.signatures = signatures
    }

    /// This binary.
    public static let current = CamprintBuild(
        version: CamprintVersion.current,
        commit: String(cString: camprint_build_commit()),
        date: String(cString: camprint_build_date()),
        signatures: String(cString: camprint_build_signatures())
    )

    /// The `--version` text of `program`: its version on the first line, then one fact per line.
    public func versionText(program: String) -> String {
        """
        \(program) \(version)
        commit: \(commit)
        build date: \(date)
        signatures: \(signatures)
        """
    }

    /// The `camprint_build_info` gauge (value 1, the facts as labels) in the Prometheus text
    /// exposition format 0.0.4, with its HELP and TYPE lines.
    public var prometheusText: String {
        let labels = [("version", version), ("commit", commit), ("build_date", date), ("signatures", signatures)]
            .map { "\($0.0)=\"\(Self.escapeLabelValue($0.1))\"" }
            .joined(separator: ",")
        return """
            # HELP camprint_build_info The running build: version, git commit, build date, signature database version.
            # TYPE camprint_build_info gauge
            camprint_build_info{\(labels)} 1

            """
    }

    /// Prometheus label value escaping: backslash, double quote and line feed.
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
