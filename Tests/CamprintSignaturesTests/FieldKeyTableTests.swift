import CamprintSignatures
import CamprintTestSupport
import Foundation
import Testing

@Suite("Field-key table")
struct FieldKeyTableTests {
    /// docs/field-keys.md and `FieldKey.catalog` list the same keys in the same order.
    @Test func docsTableMatchesCatalog() throws {
        let url = Corpus.packageRoot.appendingPathComponent("docs/field-keys.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let documented = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            let cell = line.dropFirst(3)
            guard let end = cell.firstIndex(of: "`") else { return nil }
            return String(cell[..<end])
        }
        #expect(documented == FieldKey.catalog.map(\.key))
    }

    @Test func keysAreUnique() {
        let keys = FieldKey.catalog.map(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test(arguments: [
        ("rtsp.header.server", true), ("rtsp.status.describe", true), ("rtsp.header-order.options", true),
        ("sdp.attribute.packetization-supported", true), ("sdp.imkh.media-version", true),
        ("http.header.server", true), ("rtsp.header.", false), ("rtsp.header.Server", false),
        ("rtsp.nonsense", false), ("isapi.model", true), ("rtsp.quirk", true),
    ])
    func templatesResolve(key: String, known: Bool) {
        #expect(FieldKey(key).isKnown == known, "\(key)")
    }

    @Test func templateConstructorsLowercase() {
        #expect(FieldKey.rtspHeader("Server").rawValue == "rtsp.header.server")
        #expect(FieldKey.rtspStatus("DESCRIBE").channel == .rtsp)
        #expect(FieldKey.sdpIMKHMediaVersion.channel == .sdp)
    }

    @Test func quirkObservation() {
        let quirk = Observation.quirk("rtsp.date.double-space", channel: .rtsp)
        #expect(quirk.field == FieldKey.rtspQuirk)
        #expect(quirk.value == "rtsp.date.double-space")
    }
}
