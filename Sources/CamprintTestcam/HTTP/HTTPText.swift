/// Persona text for the HTTP side: `{name}` is replaced by the value of `name` when there is one;
/// any other text (including braces in JavaScript) is kept as written.
///
/// Values: the camera's identity (`serial`, `serial5`, `mac`, `model`, …), `mac_colon`
/// (`14:2f:fd:3a:9c:41`), `mac_COLON` (upper case), `server_ip`, `http_port`, and in challenges
/// `realm` and `nonce`.
enum HTTPText {
    static func render(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{", let close = text[index...].firstIndex(of: "}") {
                let name = String(text[text.index(after: index)..<close])
                if let value = values[name] {
                    out += value
                    index = text.index(after: close)
                    continue
                }
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }

    /// `142ffd3a9c41` → `14:2f:fd:3a:9c:41` (lower case); other shapes are returned as given.
    static func colonMAC(_ mac: String) -> String {
        let digits = mac.filter(\.isHexDigit).lowercased()
        guard digits.count == 12 else { return mac.lowercased() }
        var parts: [String] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            parts.append(String(digits[index..<next]))
            index = next
        }
        return parts.joined(separator: ":")
    }
}

/// XML text helpers for the documents the emulator writes.
enum XMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` for element text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Whether `name` is a plain XML element name (letters, digits, `_`, `-`, `.`; not starting
    /// with a digit).
    static func isName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }
}
