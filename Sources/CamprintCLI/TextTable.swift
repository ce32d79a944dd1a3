import CamprintWire
import Foundation

/// A plain-text table with left-aligned columns, for `--format table`.
struct TextTable {
    var columns: [String]
    private(set) var rows: [[String]] = []

    init(columns: [String]) {
        self.columns = columns
    }

    /// Adds a row; each cell is escaped for the terminal (``TerminalText/sanitized(_:)``), so a
    /// value cannot break the table's lines or move the cursor, and widths count what is shown.
    mutating func add(_ row: [String]) {
        rows.append(row.map(TerminalText.sanitized))
    }

    func render() -> String {
        let all = [columns] + rows
        var widths = columns.map(\.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
