/// A pattern compiled with Swift's `Regex`, matched against whole values.
struct CompiledPattern: @unchecked Sendable {
    // `Regex<AnyRegexOutput>` is immutable after construction; matching does not mutate it.
    private let regex: Regex<AnyRegexOutput>

    init(_ text: String) throws(PatternError) {
        do {
            regex = try Regex(text)
        } catch {
            throw PatternError(pattern: text, message: String(describing: error))
        }
    }

    /// Named captures of a whole-value match (groups that did not participate are absent), or nil.
    func wholeMatch(_ value: String) -> [String: String]? {
        guard let match = try? regex.wholeMatch(in: value) else { return nil }
        var groups: [String: String] = [:]
        for element in match.output {
            if let name = element.name, let text = element.substring {
                groups[name] = String(text)
            }
        }
        return groups
    }

    /// Names of `(?<name>…)` / `(?P<name>…)` / `(?'name'…)` groups, scanning the pattern text.
    static func groupNames(in pattern: String) -> [String] {
        let characters = Array(pattern)
        var names: [String] = []
        var index = 0
        while index < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            if characters[index] == "(", index + 2 < characters.count, characters[index + 1] == "?" {
                var start = index + 2
                if characters[start] == "P" { start += 1 }
                if start < characters.count, characters[start] == "<" || characters[start] == "'" {
                    let close: Character = characters[start] == "<" ? ">" : "'"
                    var end = start + 1
                    while end < characters.count,
                        characters[end].isLetter || characters[end].isNumber
                            || characters[end] == "_"
                    {
                        end += 1
                    }
                    if end > start + 1, end < characters.count, characters[end] == close {
                        names.append(String(characters[(start + 1)..<end]))
                    }
                }
            }
            index += 1
        }
        return names
    }
}

/// A pattern that Swift's `Regex` cannot compile.
public struct PatternError: Error, Hashable, Sendable {
    public var pattern: String
    public var message: String
}
