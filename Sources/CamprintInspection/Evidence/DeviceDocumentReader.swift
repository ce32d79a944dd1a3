import Foundation
import FoundationXML

/// Reads ISAPI `deviceInfo`, ONVIF `GetDeviceInformation`, WS-Discovery and SADP `ProbeMatch`
/// documents out of saved evidence: XML (namespace prefixes ignored), JSON (XML converted to JSON,
/// `@xmlns` attributes), or `key: value` / `key = value` dumps.
enum DeviceDocumentReader {
    static let maximumFields = 400
    static let maximumDocuments = 16

    /// A small element tree: local name, declared namespaces, text, children.
    final class Node {
        let name: String
        var namespaces: [String] = []
        var text = ""
        var children: [Node] = []

        init(name: String) { self.name = name }

        func find(_ names: Set<String>) -> [Node] {
            if names.contains(name.lowercased()) { return [self] }
            return children.flatMap { $0.find(names) }
        }

        var leaves: [DeviceDocument.Field] {
            if children.isEmpty {
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? [] : [.init(name: name, value: value)]
            }
            return children.flatMap(\.leaves)
        }

        var allNamespaces: [String] { namespaces + children.flatMap(\.allNamespaces) }

        func hasChild(_ name: String) -> Bool {
            let folded = name.lowercased()
            return children.contains { $0.name.lowercased() == folded || $0.hasChild(name) }
        }
    }

    struct Result {
        var documents: [DeviceDocument] = []
        var notes: [String] = []
    }

    static func read(_ text: String, keyValues: Bool = true) -> Result {
        var result = Result()
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("["),
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))
        {
            let root = jsonNode(name: "", object, depth: 0)
            result.documents += documents(in: root, syntax: "json")
            if !result.documents.isEmpty { result.notes.append("JSON device document") }
            return result
        }
        for fragment in xmlFragments(text) {
            if let root = parseXML(fragment) {
                result.documents += documents(in: root, syntax: "xml")
            } else if let root = tolerantXML(fragment) {
                result.documents += documents(in: root, syntax: "xml")
                result.notes.append("XML not well-formed (redacted or truncated?): read element by element")
            }
        }
        if keyValues, result.documents.isEmpty, let root = keyValueNode(text) {
            result.documents += documents(in: root, syntax: "key-value")
            if !result.documents.isEmpty { result.notes.append("key-value dump read as a device document") }
        }
        result.documents = Array(result.documents.prefix(maximumDocuments))
        return result
    }

    // MARK: Classification

    static func documents(in root: Node, syntax: String) -> [DeviceDocument] {
        var found: [DeviceDocument] = []
        let allNamespaces = unique(root.allNamespaces)
        for node in root.find(["deviceinfo"]) {
            let fields = node.leaves
            guard fields.count >= 2 else { continue }
            found.append(
                .init(
                    kind: .isapiDeviceInfo,
                    syntax: syntax,
                    fields: cap(fields),
                    namespaces: unique(node.namespaces + allNamespaces)
                )
            )
        }
        for node in root.find(["getdeviceinformationresponse"]) {
            found.append(
                .init(
                    kind: .onvifDeviceInformation,
                    syntax: syntax,
                    fields: cap(node.leaves),
                    namespaces: allNamespaces
                )
            )
        }
        for node in root.find(["probematch"]) {
            let kind: DeviceDocument.Kind =
                node.hasChild("DeviceSN") || node.hasChild("DeviceDescription") || node.hasChild("SoftwareVersion")
                ? .sadpProbeMatch : .wsDiscoveryProbeMatch
            found.append(.init(kind: kind, syntax: syntax, fields: cap(node.leaves), namespaces: allNamespaces))
        }
        if found.isEmpty {
            // A flat dump: classify by the keys it has.
            let fields = root.leaves
            let names = Set(fields.map { $0.name.lowercased() })
            if names.isSuperset(of: ["model"])
                && !names.isDisjoint(with: ["firmwarereleaseddate", "encoderversion", "telecontrolid", "serialnumber"])
                && !names.contains("manufacturer") || names.contains("telecontrolid")
                || names.contains("encoderversion")
            {
                found.append(
                    .init(kind: .isapiDeviceInfo, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            } else if names.contains("manufacturer")
                && !names.isDisjoint(with: ["firmwareversion", "hardwareid", "model"])
            {
                found.append(
                    .init(kind: .onvifDeviceInformation, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            } else if !names.isDisjoint(with: ["devicesn", "devicedescription", "detailoemcode"]) {
                found.append(
                    .init(kind: .sadpProbeMatch, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            } else if names.contains("scopes") {
                found.append(
                    .init(kind: .wsDiscoveryProbeMatch, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            }
        }
        return found
    }

    private static func cap(_ fields: [DeviceDocument.Field]) -> [DeviceDocument.Field] {
        Array(fields.prefix(maximumFields))
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    // MARK: JSON

    private static func jsonNode(name: String, _ object: Any, depth: Int) -> Node {
        let node = Node(name: name)
        guard depth < 32 else { return node }
        if let dictionary = object as? [String: Any] {
            for key in dictionary.keys.sorted() {
                guard let value = dictionary[key] else { continue }
                if key == "@xmlns" || key.hasPrefix("@xmlns:") {
                    if let uri = value as? String { node.namespaces.append(uri) }
                } else if key.hasPrefix("@") {
                    continue
                } else if key == "#text", let text = value as? String {
                    node.text = text
                } else if let array = value as? [Any] {
                    for element in array.prefix(maximumFields) {
                        node.children.append(jsonNode(name: localName(key), element, depth: depth + 1))
                    }
                } else {
                    node.children.append(jsonNode(name: localName(key), value, depth: depth + 1))
                }
            }
        } else if let array = object as? [Any] {
            for element in array.prefix(maximumFields) {
                node.children.append(jsonNode(name: name, element, depth: depth + 1))
            }
        } else if let string = object as? String {
            node.text = string
        } else if let number = object as? NSNumber {
            node.text = number.stringValue
        }
        return node
    }

    private static func localName(_ qualified: String) -> String {
        qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    // MARK: XML

    nonisolated(unsafe) static let rootStart =
        /<(?:([A-Za-z0-9_-]+):)?(DeviceInfo|Envelope|ProbeMatches|ProbeMatch)[\s>\/]/

    /// Each top-level XML element whose root is a known document, as text.
    static func xmlFragments(_ text: String) -> [String] {
        var fragments: [String] = []
        var searchStart = text.startIndex
        while fragments.count < maximumDocuments, let match = text[searchStart...].firstMatch(of: rootStart) {
            let prefix = match.1.map { $0 + ":" } ?? ""
            let closing = "</\(prefix)\(match.2)>"
            guard let end = text.range(of: closing, range: match.range.lowerBound..<text.endIndex) else {
                fragments.append(String(text[match.range.lowerBound...]))
                break
            }
            fragments.append(String(text[match.range.lowerBound..<end.upperBound]))
            searchStart = end.upperBound
        }
        return fragments
    }

    static func parseXML(_ fragment: String) -> Node? {
        let parser = XMLParser(data: Data(fragment.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    nonisolated(unsafe) static let leafElement =
        /<(?:[A-Za-z0-9_-]+:)?([A-Za-z0-9_-]+)(?:\s[^>]*)?>([^<]*)<\/(?:[A-Za-z0-9_-]+:)?([A-Za-z0-9_-]+)>/
    nonisolated(unsafe) static let namespaceAttribute = /xmlns(?::[A-Za-z0-9_-]+)?="([^"]*)"/

    /// Leaf elements and namespace declarations by pattern, for XML that a parser rejects.
    static func tolerantXML(_ fragment: String) -> Node? {
        guard let first = fragment.firstMatch(of: rootStart) else { return nil }
        let root = Node(name: String(first.2))
        root.namespaces = fragment.matches(of: namespaceAttribute).map { String($0.1) }
        for match in fragment.matches(of: leafElement).prefix(maximumFields) where match.1 == match.3 {
            let leaf = Node(name: String(match.1))
            leaf.text = String(match.2)
            root.children.append(leaf)
        }
        return root.children.isEmpty ? nil : root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Node] = []
        var root: Node?
        var count = 0

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            count += 1
            if count > DeviceDocumentReader.maximumFields * 4 {
                parser.abortParsing()
                return
            }
            let node = Node(name: DeviceDocumentReader.localName(elementName))
            node.namespaces = attributes.keys.sorted().filter { $0 == "xmlns" || $0.hasPrefix("xmlns:") }.compactMap {
                attributes[$0]
            }
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }

    // MARK: Key-value dumps

    nonisolated(unsafe) static let keyValueLine = /^\s*[-*]?\s*"?([A-Za-z][A-Za-z0-9_]*)"?\s*(?::|=)\s*"?(.*?)"?,?\s*$/

    static func keyValueNode(_ text: String) -> Node? {
        let root = Node(name: "")
        for line in text.split(whereSeparator: \.isNewline).prefix(2000) {
            guard let match = String(line).wholeMatch(of: keyValueLine) else { continue }
            let value = String(match.2).trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value != "{", value != "[" else { continue }
            let leaf = Node(name: String(match.1))
            leaf.text = value
            root.children.append(leaf)
            if root.children.count >= maximumFields { break }
        }
        return root.children.count >= 2 ? root : nil
    }
}
