import CamprintTestcam
import Foundation
import Synchronization

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Elements of an XML document in order (local name, namespace URI, trimmed text), read with a
/// real parser.
struct HTTPTestXML {
    struct Element {
        var name: String
        var namespace: String
        var text: String
    }

    var elements: [Element]

    init?(_ bytes: [UInt8]) {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        elements = delegate.elements
    }

    func text(_ name: String) -> String? { elements.first { $0.name == name }?.text }

    func texts(_ name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    private final class Delegate: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append(Element(name: elementName, namespace: namespaceURI ?? "", text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            if let index = open.popLast() {
                elements[index].text = elements[index].text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }
}

/// Collects `auth-failure` lines.
final class CapturedLog: Sendable {
    private let storage = Mutex<[String]>([])

    var log: AuthFailureLog {
        AuthFailureLog { [self] line in storage.withLock { $0.append(line) } }
    }

    var lines: [String] { storage.withLock { $0 } }
}

enum HTTPHarness {
    /// Runs `body` with one camera serving RTSP and HTTP on free ports: (rtspPort, httpPort).
    static func withCamera<T>(
        _ camera: CameraConfig,
        log: CapturedLog = CapturedLog(),
        limits: HTTPLimits = .default,
        _ body: (_ rtspPort: Int, _ httpPort: Int) async throws -> T
    ) async throws -> T {
        var camera = camera
        camera.http = HTTPListen()
        let server = TestcamServer(threads: 1, log: log.log, httpLimits: limits)
        do {
            let bound = try await server.start([ListenerSpec(cameras: [camera])])
            guard let address = bound[0].httpAddresses[0],
                let port = address.split(separator: ":").last.flatMap({ Int($0) })
            else { throw ClientError("camera has no HTTP address") }
            let result = try await body(bound[0].port, port)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    static let credentials = Credentials(user: "admin", password: "Secr3t-pass")
}
