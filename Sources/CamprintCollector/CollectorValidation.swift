public import CamprintReport

/// Checks the collector adds to `Report.validationErrors()`: limits on fields the schema leaves open,
/// and no U+0000 anywhere (PostgreSQL text cannot hold it, and no camera needs it).
public enum CollectorValidation {
    /// Any one string: site names, evidence values, … (the schema bounds the identity texts itself).
    public static let maxStringBytes = 8192

    public static func errors(in report: Report) -> [String] {
        var errors: [String] = []
        visit(report, path: "") { path, text in
            if text.utf8.contains(0) {
                errors.append("\(path): must not contain U+0000")
            } else if text.utf8.count > maxStringBytes {
                errors.append("\(path): at most \(maxStringBytes) bytes")
            }
        }
        if let site = report.source?.site, site.utf8.count > 256 { errors.append("source.site: at most 256 bytes") }
        return errors
    }

    /// Calls `body` with every string inside `value` and its dotted path (`identity.evidence[2].value`).
    private static func visit(_ value: Any, path: String, _ body: (String, String) -> Void) {
        if let text = value as? String {
            body(path, text)
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let child = mirror.children.first { visit(child.value, path: path, body) }
        case .collection:
            for (index, child) in mirror.children.enumerated() { visit(child.value, path: "\(path)[\(index)]", body) }
        case .struct, .class:
            for child in mirror.children {
                guard let label = child.label else { continue }
                visit(child.value, path: path.isEmpty ? label : "\(path).\(label)", body)
            }
        default:
            break
        }
    }
}
