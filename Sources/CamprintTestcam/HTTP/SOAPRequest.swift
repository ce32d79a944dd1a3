import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What the emulator reads from a SOAP 1.2 request (ONVIF Core §5.1): the operation (local name of
/// the first element in `Body`) and the WS-Security UsernameToken fields (OASIS WSS UsernameToken
/// Profile 1.0 §3.1), all found by local name whatever their prefixes.
struct SOAPRequest: Equatable {
    var operation: String?
    var username: String?
    var password: String?
    /// The `Type` attribute of `Password` (`…#PasswordDigest` / `…#PasswordText`).
    var passwordType: String?
    var nonce: String?
    var created: String?

    enum ParseError: Error, Equatable {
        /// SOAP 1.2 Part 1 §5: a message must not contain a Document Type Declaration.
        case documentTypeDeclaration
        case malformed
    }

    /// Each text field is cut at this many characters.
    static let maxFieldLength = 1024

    static func parse(_ bytes: [UInt8]) throws(ParseError) -> SOAPRequest {
        let data = Data(bytes)
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!doctype".utf8)) != nil {
            throw .documentTypeDeclaration
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate()
        parser.delegate = delegate
        // A document without a Body operation is not a SOAP request (and an unfinished one
        // may parse without error on some XMLParser versions).
        guard parser.parse(), parser.parserError == nil, delegate.request.operation != nil else { throw .malformed }
        return delegate.request
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var request = SOAPRequest()
        private var stack: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            let name = Self.localName(elementName)
            if request.operation == nil, stack.count == 2, stack[1] == "Body" { request.operation = name }
            if name == "Password", stack.contains("Security") {
                request.passwordType = attributeDict["Type"]
            }
            stack.append(name)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text.count < SOAPRequest.maxFieldLength { text += string }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            let name = Self.localName(elementName)
            if stack.contains("Security") {
                let value = String(
                    text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(SOAPRequest.maxFieldLength)
                )
                switch name {
                case "Username": request.username = value
                case "Password": request.password = value
                case "Nonce": request.nonce = value
                case "Created": request.created = value
                default: break
                }
            }
            if !stack.isEmpty { stack.removeLast() }
            text = ""
        }

        static func localName(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }
    }
}
