import CamprintReport
import Foundation
import FoundationXML

/// Reads ISAPI `deviceInfo`, ONVIF `GetDeviceInformation`, WS-Discovery and SADP `ProbeMatch`,
/// UPnP device descriptions and Dahua DHIP announcements out of saved evidence: XML (namespace prefixes ignored), JSON (XML converted to JSON,
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
        /// Fields scanned from text when no document claimed them.
        var looseFields: [DeviceDocument.Field] = []
        var notes: [String] = []
    }

    static func read(_ text: String) -> Result {
        var result = Result()
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("["),
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))
        {
            let root = jsonNode(name: "", object, depth: 0)
            result.documents += documents(in: root, syntax: "json")
            if !result.documents.isEmpty {
                result.notes.append("JSON device document")
                return result
            }
        }
        for fragment in xmlFragments(text) {
            if let root = parseXML(fragment) { result.documents += documents(in: root, syntax: "xml") }
        }
        if !result.documents.isEmpty {
            // Devices written another way beside the XML documents (a dict dump of the camera
            // behind an NVR): scanned documents whose identity no XML document has.
            let known = Set(result.documents.flatMap { identityValues($0) })
            let others = flatDocuments(DeviceTextScanner.scan(text)).filter {
                let values = identityValues($0)
                return !values.isEmpty && known.isDisjoint(with: values)
            }
            result.documents += others
        } else {
            // Everything else — XML that a parser rejects (fragments without a root, redacted or
            // truncated documents, several documents run together), dict dumps, key: value lines,
            // namespaces named in log lines — through the linear scanner.
            let scanned = DeviceTextScanner.scan(text)
            let found = flatDocuments(scanned)
            result.documents += found
            if found.isEmpty {
                // Only what the observations read from loose text: a server name.
                result.looseFields = scanned.fields.filter { looseFieldNames.contains($0.name.lowercased()) }.prefix(16)
                    .map { .init(name: $0.name, value: $0.value) }
            }
            if !found.isEmpty {
                result.notes.append(
                    "device text read field by field (\(scanned.fields.count) fields, \(found.count) document(s))"
                )
            }
        }
        result.documents = Array(result.documents.prefix(maximumDocuments))
        return result
    }

    /// Loose fields kept when no document claims the text (ObservationExtractor reads them).
    static let looseFieldNames: Set<String> = [
        "server", "http-server-header", "httpserver", "webserver", "usn", "st", "nt", "location",
    ]

    /// Never kept from scanned text: credentials and session secrets a dump or log may hold.
    static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["pass", "pwd", "secret", "token", "authorization", "cookie", "credential", "nonce", "response"]
            .contains { lower.contains($0) }
    }

    /// The serial, MAC and device ID values of a document, lower-cased.
    static func identityValues(_ document: DeviceDocument) -> Set<String> {
        Set(
            document.fields.filter {
                ["serialnumber", "devicesn", "macaddress", "mac", "deviceid"].contains($0.name.lowercased())
            }
            .map { $0.value.lowercased() }
        )
    }

    /// Identity keys: when one appears again with another value, a second device starts.
    static let identityKeys: Set<String> = [
        "serialnumber", "devicesn", "macaddress", "mac", "deviceid", "model", "manufacturer",
    ]

    /// Documents from scanned fields: split where an identity key repeats with a new value,
    /// each part classified by the keys it has.
    static func flatDocuments(_ scanned: DeviceTextScanner.Result) -> [DeviceDocument] {
        var parts: [[DeviceTextScanner.Field]] = [[]]
        var seen: [String: String] = [:]
        for var field in scanned.fields where !isSecret(field.name) {
            field.value = URLRedaction.redactAll(in: field.value)
            let key = field.name.lowercased()
            if identityKeys.contains(key), let previous = seen[key], previous != field.value {
                // The new device's record starts at the last `{` or element opened before this
                // field and after the current part began: its earlier fields move with it.
                let current = parts[parts.count - 1]
                let partStart = current.first?.offset ?? 0
                let recordStart = scanned.recordStarts.last { $0 > partStart && $0 <= field.offset } ?? field.offset
                let moved = current.filter { $0.offset >= recordStart }
                parts[parts.count - 1] = current.filter { $0.offset < recordStart }
                parts.append(moved)
                seen = [:]
                for earlier in moved where identityKeys.contains(earlier.name.lowercased()) {
                    seen[earlier.name.lowercased()] = earlier.value
                }
            }
            if identityKeys.contains(key) { seen[key] = field.value }
            parts[parts.count - 1].append(field)
        }
        var found: [DeviceDocument] = []
        let isapiElements = Set(scanned.elements.map { $0.lowercased() }).intersection(isapiRoots)
        let nonEmpty = parts.filter { !$0.isEmpty }
        for (index, part) in nonEmpty.enumerated() {
            let root = Node(name: "")
            for field in part.prefix(maximumFields) {
                let leaf = Node(name: field.name)
                leaf.text = field.value
                root.children.append(leaf)
            }
            // A part's namespaces are those named before the next part starts (the first part
            // also takes those named before it).
            let end = index + 1 < nonEmpty.count ? nonEmpty[index + 1][0].offset : Int.max
            let start = index == 0 ? Int.min : part[0].offset
            root.namespaces = zip(scanned.namespaces, scanned.namespaceOffsets).filter { start..<end ~= $0.1 }.map(\.0)
            let notation = isCapabilityNotation(scanned.capabilityAttributes(in: max(start, 0)..<end))
            found += documents(in: root, syntax: "text", isapiElements: !isapiElements.isEmpty).map {
                var document = $0
                document.capabilityNotation = notation && document.kind == .isapiDocument
                return document
            }
        }
        if found.isEmpty, isCapabilityNotation(scanned.capabilityAttributes(in: 0..<Int.max)) {
            // A capability or ability document alone (no identity, no namespace: HCNetSDK's
            // `IpViewDevAbility`, ISAPI `…/capabilities` of firmware that declares none).
            var document = DeviceDocument(
                kind: .isapiDocument,
                syntax: "text",
                fields: scanned.fields.filter { !isSecret($0.name) }.prefix(maximumFields).map {
                    .init(name: $0.name, value: URLRedaction.redactAll(in: $0.value))
                },
                namespaces: scanned.namespaces
            )
            document.capabilityNotation = true
            found.append(document)
        }
        if found.isEmpty, !scanned.namespaces.isEmpty,
            scanned.namespaces.contains(where: ISAPIObservations.isISAPINamespace)
        {
            // Only a namespace (an ISAPI error document, a client log naming it): still evidence.
            found.append(
                .init(
                    kind: .isapiDocument,
                    syntax: "text",
                    fields: scanned.fields.filter { !isSecret($0.name) }.prefix(maximumFields).map {
                        .init(name: $0.name, value: URLRedaction.redactAll(in: $0.value))
                    },
                    namespaces: scanned.namespaces
                )
            )
        }
        if found.isEmpty, scanned.namespaces.contains(where: isONVIFNamespace) {
            // The head of an ONVIF envelope that the XML parser rejected (cut, escaped in a log).
            found.append(.init(kind: .onvifEnvelope, syntax: "text", fields: [], namespaces: scanned.namespaces))
        }
        return found
    }

    /// A namespace of ONVIF's own specifications (`http://www.onvif.org/ver10/…`).
    static func isONVIFNamespace(_ uri: String) -> Bool {
        uri.lowercased().hasPrefix("http://www.onvif.org/ver")
    }

    /// Capability notation: at least two elements with option lists and one with a range.
    static func isCapabilityNotation(_ counts: (optionLists: Int, ranges: Int)) -> Bool {
        counts.optionLists >= 2 && counts.ranges >= 1
    }

    /// Root elements of ISAPI documents other than deviceInfo (status and error answers, event
    /// alerts, capabilities): their namespace and MAC are evidence like deviceInfo's.
    static let isapiRoots: Set<String> = [
        "responsestatus", "eventnotificationalert", "usercheck", "deviceinfo", "devicecap", "streamingchannel",
        "streamingchannellist", "time", "networkinterface", "networkinterfacelist", "inputproxychannel",
        "inputproxychannellist", "videoinputchannel", "deviceinfolist",
    ]

    // MARK: Classification

    static func documents(in root: Node, syntax: String, isapiElements: Bool = false) -> [DeviceDocument] {
        var found: [DeviceDocument] = []
        let allNamespaces = unique(root.allNamespaces)
        if let dhip = dhipDocument(root, syntax: syntax) { return [dhip] }
        for node in root.find(["device"]) where isUPnPDevice(node) {
            // The root device's own elements; embedded devices and services are functions.
            let fields = node.children.filter(\.children.isEmpty).compactMap { child -> DeviceDocument.Field? in
                let value = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : .init(name: child.name, value: value)
            }
            found.append(
                .init(kind: .upnpDeviceDescription, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
            )
        }
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
        if found.isEmpty, root.name.lowercased() == "envelope", allNamespaces.contains(where: isONVIFNamespace) {
            // A SOAP envelope of another ONVIF call: its namespace declarations are evidence.
            // Read like a device answer: a WS-Discovery `Hello` carries the scopes a `ProbeMatch` does.
            return [.init(kind: .onvifEnvelope, syntax: syntax, fields: cap(root.leaves), namespaces: allNamespaces)]
        }
        if found.isEmpty {
            // A flat dump: classify by the keys it has.
            let fields = root.leaves
            let names = Set(fields.map { $0.name.lowercased() })
            // ISAPI deviceInfo only with an element of its own schema or an ISAPI namespace: a
            // flat `model` + `serialNumber` dump is any maker's.
            let isapiNamespace = allNamespaces.contains(where: ISAPIObservations.isISAPINamespace)
            let isapiOwn =
                !names.isDisjoint(with: ["encoderversion"])
                || !names.intersection(ISAPIObservations.hikvisionSchemaElements).isEmpty
            if DahuaCGIObservations.isCGIAnswer(names) {
                found.append(.init(kind: .dahuaCGI, syntax: syntax, fields: cap(fields), namespaces: []))
            } else if names.contains("modelname"), !names.isDisjoint(with: ["udn", "friendlyname", "devicetype"]) {
                // A UPnP description dumped as a dict (a discovery library's log).
                found.append(
                    .init(kind: .upnpDeviceDescription, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            } else if names.contains("model") && !names.contains("manufacturer")
                && (isapiOwn || isapiNamespace || hasHikvisionSerialLayout(fields))
                || names.contains("telecontrolid") || names.contains("encoderversion")
                || names.intersection(ISAPIObservations.hikvisionSchemaElements).count >= 3
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
            } else if isapiElements || ISAPIObservations.isEventAlert(names)
                || ISAPIObservations.isResponseStatus(names) || ISAPIObservations.isUserCheck(names)
                || ISAPIObservations.isAdminAccessList(names)
                || allNamespaces.contains(where: ISAPIObservations.isISAPINamespace)
                    && !names.isDisjoint(with: [
                        "statuscode", "statusstring", "substatuscode", "macaddress", "eventtype",
                    ])
            {
                found.append(
                    .init(kind: .isapiDocument, syntax: syntax, fields: cap(fields), namespaces: allNamespaces)
                )
            }
        }
        return found
    }

    /// The serial is the model followed by Hikvision's serial tail: an optional two-digit code,
    /// the manufacturing date `yyyymmdd`, four batch letters and the short serial
    /// (`DS-I114W` + `20171106AAWR123556070`, `DS-KV8213-WME1(C)` + `0120230508RRAB0353909`;
    /// docs/signals.md §4.2). A summary line with such a serial is deviceInfo data.
    static func hasHikvisionSerialLayout(_ fields: [DeviceDocument.Field]) -> Bool {
        let models = fields.filter { $0.name.lowercased() == "model" }.map(\.value)
        let serials = fields.filter { ["serial", "serialnumber"].contains($0.name.lowercased()) }.map(\.value)
        return models.contains { model in
            model.count >= 4
                && serials.contains { serial in
                    let tail = Array(serial.utf8.dropFirst(model.utf8.count))
                    return serial.hasPrefix(model) && TextIdentifiers.serialTailEnd(tail[...], from: 0) == tail.count
                }
        }
    }

    /// A UPnP `<device>`: its type or UDN beside a maker or model name (UPnP Device Architecture 1.1
    /// §2.3). ONVIF's `tt:Device` capability and other makers' `Device` elements have neither.
    static func isUPnPDevice(_ node: Node) -> Bool {
        let names = Set(node.children.map { $0.name.lowercased() })
        return !names.isDisjoint(with: ["devicetype", "udn"])
            && !names.isDisjoint(with: ["manufacturer", "modelname", "friendlyname"])
    }

    /// Keys of a Dahua DHIP `client.notifyDevInfo` device record that ISAPI, ONVIF and SADP
    /// documents do not use.
    static let dhipOwnKeys: Set<String> = ["deviceclass", "serialno", "machinename", "videoinputchannels"]

    /// A Dahua DHIP device announcement: the `method` is `client.notifyDevInfo`, or the record has at
    /// least two keys of Dahua's device record. Its `deviceInfo` object is not ISAPI's deviceInfo.
    static func dhipDocument(_ root: Node, syntax: String) -> DeviceDocument? {
        let leaves = root.leaves
        let method = leaves.first { $0.name.lowercased() == "method" }?.value
        let names = Set(leaves.map { $0.name.lowercased() })
        guard method?.hasSuffix("notifyDevInfo") == true || names.intersection(dhipOwnKeys).count >= 2,
            !names.isDisjoint(with: ["deviceclass", "devicetype", "serialno", "manufacturer", "vendor"])
        else { return nil }
        return .init(kind: .dhipDeviceInfo, syntax: syntax, fields: cap(leaves), namespaces: [])
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

    /// Root elements whose documents the reader classifies.
    static let knownRoots = ["DeviceInfo", "Envelope", "ProbeMatches", "ProbeMatch", "root"]

    /// The offset of the first `<Root` or `<prefix:Root` of a known document, its prefix and name.
    static func rootStart(in text: String, from start: String.Index) -> (String.Index, String, String)? {
        var index = start
        while let open = text[index...].firstIndex(of: "<") {
            var nameEnd = text.index(after: open)
            while nameEnd < text.endIndex,
                text[nameEnd].isLetter || text[nameEnd].isNumber || text[nameEnd] == "_"
                    || text[nameEnd] == "-" || text[nameEnd] == ":", text.distance(from: open, to: nameEnd) < 80
            {
                nameEnd = text.index(after: nameEnd)
            }
            let qualified = text[text.index(after: open)..<nameEnd]
            let parts = qualified.split(separator: ":", omittingEmptySubsequences: false)
            let name = String(parts.last ?? "")
            let boundary =
                nameEnd < text.endIndex && (text[nameEnd].isWhitespace || text[nameEnd] == ">" || text[nameEnd] == "/")
            if parts.count <= 2, boundary, knownRoots.contains(name) {
                return (open, parts.count == 2 ? String(parts[0]) + ":" : "", name)
            }
            index = text.index(after: open)
        }
        return nil
    }

    /// Each top-level XML element whose root is a known document, as text.
    static func xmlFragments(_ text: String) -> [String] {
        var fragments: [String] = []
        var searchStart = text.startIndex
        while fragments.count < maximumDocuments, let (open, prefix, name) = rootStart(in: text, from: searchStart) {
            let closing = "</\(prefix)\(name)>"
            guard let end = text.range(of: closing, range: open..<text.endIndex) else {
                fragments.append(String(text[open...]))
                break
            }
            fragments.append(String(text[open..<end.upperBound]))
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
}
