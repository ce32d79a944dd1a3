/// The version printed by `--version` and sent in reports.
public enum CamprintVersion {
    public static let current = "0.1.0"
}
