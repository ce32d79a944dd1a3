/// One row of a parser's table of quirk codes: the code, the part of the input it concerns, and
/// what it means. A parser module that keeps such a table (``Quirk/code`` values as constants
/// plus a catalog of these rows) documents its codes once; docs/field-keys.md shows the table.
public struct QuirkCodeSpec: Hashable, Sendable {
    /// The stable code (``Quirk/code``).
    public let code: String
    /// Where in the input the deviation is found (`message`, `Session`, `conversation text`…).
    public let scope: String
    /// What the deviation is, with the specification section it departs from when there is one
    /// (Markdown).
    public let meaning: String

    public init(_ code: String, scope: String, _ meaning: String) {
        self.code = code
        self.scope = scope
        self.meaning = meaning
    }
}
