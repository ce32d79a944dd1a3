internal import Yams

/// Reads one YAML rule file (`rules:`) or vendor list (`vendors:`) into values, with line numbers.
struct RuleFileParser {
    let file: String
    let text: String

    struct Contents {
        var signatures: [Signature] = []
        var vendors: [Vendor] = []
    }

    func parse() throws(SignatureLoadError) -> Contents {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SignatureLoadError(file: file, line: Self.line(of: error), message: "YAML: \(error)")
        }
        guard let root else { return Contents() }
        guard let mapping = root.mapping else {
            throw failure(root, nil, "top level must be a mapping with `rules:` or `vendors:`")
        }
        var contents = Contents()
        for (key, value) in mapping {
            switch key.string {
            case "rules":
                guard let list = value.sequence else { throw failure(value, nil, "`rules` must be a list") }
                for node in list { contents.signatures.append(try signature(node)) }
            case "vendors":
                guard let list = value.sequence else { throw failure(value, nil, "`vendors` must be a list") }
                for node in list { contents.vendors.append(try vendor(node)) }
            default:
                throw failure(key, nil, "unknown top-level key `\(key.string ?? "?")` (expected rules or vendors)")
            }
        }
        return contents
    }

    private static let ruleKeys: Set<String> = [
        "id", "field", "pattern", "equals", "implies", "captures", "weight", "copyable", "description", "source",
        "examples",
    ]
    private static let implicationKeys: Set<String> = ["vendor", "brand", "family", "device_type", "verdict"]

    private func signature(_ node: Node) throws(SignatureLoadError) -> Signature {
        guard let map = node.mapping else { throw failure(node, nil, "a rule must be a mapping") }
        let id = map["id"]?.string
        for key in map.keys {
            guard let name = key.string, Self.ruleKeys.contains(name) else {
                throw failure(key, id, "unknown rule key `\(key.string ?? "?")`")
            }
        }
        guard let id, !id.isEmpty else { throw failure(node, nil, "missing `id`") }
        let field = FieldKey(try requiredString(map, "field", node, id))
        let matcher: ValueMatcher
        switch (map["pattern"]?.string, map["equals"]?.string) {
        case (let pattern?, nil): matcher = .pattern(pattern)
        case (nil, let equals?): matcher = .equals(equals)
        default: throw failure(node, id, "exactly one of `pattern` and `equals` is required")
        }
        guard let impliesNode = map["implies"], let implies = impliesNode.mapping else {
            throw failure(node, id, "missing `implies` mapping")
        }
        for key in implies.keys where !Self.implicationKeys.contains(key.string ?? "") {
            throw failure(key, id, "unknown `implies` key `\(key.string ?? "?")`")
        }
        guard let verdictText = implies["verdict"]?.string, let verdict = VerdictHint(rawValue: verdictText) else {
            throw failure(impliesNode, id, "`implies.verdict` must be one of \(VerdictHint.allCases.map(\.rawValue))")
        }
        let implication = Implication(
            vendor: implies["vendor"]?.string,
            brand: implies["brand"]?.string,
            family: implies["family"]?.string,
            deviceType: implies["device_type"]?.string,
            verdict: verdict
        )
        var captures: [String] = []
        if let capturesNode = map["captures"] {
            guard let list = capturesNode.sequence else { throw failure(capturesNode, id, "`captures` must be a list") }
            captures = list.compactMap(\.string)
        }
        guard let weightNode = map["weight"], let weight = weightNode.float, (0...1).contains(weight) else {
            throw failure(node, id, "`weight` must be a number in 0…1")
        }
        let copyable: Copyability
        switch map["copyable"]?.string {
        case "true"?: copyable = .copyable
        case "semi"?: copyable = .semi
        case "false"?: copyable = .strong
        default: throw failure(node, id, "`copyable` must be true, semi or false")
        }
        var examples: [RuleExample] = []
        if let examplesNode = map["examples"] {
            guard let list = examplesNode.sequence else { throw failure(examplesNode, id, "`examples` must be a list") }
            for item in list { examples.append(try example(item, id)) }
        }
        let origin = RuleOrigin(file: file, line: node.mark?.line ?? 0)
        do {
            return try Signature(
                id: id,
                field: field,
                matcher: matcher,
                implies: implication,
                captures: captures,
                weight: weight,
                copyable: copyable,
                description: map["description"]?.string ?? "",
                source: map["source"]?.string ?? "",
                examples: examples,
                origin: origin
            )
        } catch {
            throw failure(map["pattern"] ?? node, id, "pattern does not compile: \(error.message)")
        }
    }

    private func example(_ node: Node, _ id: String) throws(SignatureLoadError) -> RuleExample {
        let line = node.mark?.line ?? 0
        if let value = node.string, node.mapping == nil { return RuleExample(value: value, line: line) }
        guard let map = node.mapping, let value = map["value"]?.string else {
            throw failure(node, id, "an example is a string or a mapping with `value` (and `captures`)")
        }
        var captures: [String: String] = [:]
        if let capturesNode = map["captures"] {
            guard let pairs = capturesNode.mapping else {
                throw failure(capturesNode, id, "example `captures` must be a mapping")
            }
            for (key, value) in pairs {
                guard let name = key.string, let text = value.string else {
                    throw failure(key, id, "example captures must be name: text")
                }
                captures[name] = text
            }
        }
        return RuleExample(value: value, captures: captures, line: line)
    }

    private func vendor(_ node: Node) throws(SignatureLoadError) -> Vendor {
        let origin = RuleOrigin(file: file, line: node.mark?.line ?? 0)
        if let name = node.string, node.mapping == nil { return Vendor(name: name, origin: origin) }
        guard let map = node.mapping, let name = map["name"]?.string else {
            throw failure(node, nil, "a vendor is a name or a mapping with `name` (and `made_by`)")
        }
        return Vendor(name: name, madeBy: map["made_by"]?.string, origin: origin)
    }

    private func requiredString(
        _ map: Node.Mapping,
        _ key: String,
        _ node: Node,
        _ id: String
    ) throws(SignatureLoadError) -> String {
        guard let value = map[key]?.string, !value.isEmpty else { throw failure(node, id, "missing `\(key)`") }
        return value
    }

    private func failure(_ node: Node, _ id: String?, _ message: String) -> SignatureLoadError {
        SignatureLoadError(file: file, line: node.mark?.line ?? 0, ruleID: id, message: message)
    }

    private static func line(of error: any Error) -> Int {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line
            default: return 0
            }
        }
        return 0
    }
}
