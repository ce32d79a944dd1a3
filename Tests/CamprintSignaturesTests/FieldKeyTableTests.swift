import CamprintSignatures
import CamprintTestSupport
import Foundation
import Testing

@Suite("Field-key table")
struct FieldKeyTableTests {
    /// Code names keys through `FieldKey("…")` (the constants of FieldKey.swift, the template
    /// constructors): every such key in Sources/ must be a catalog row, so the generated
    /// docs/field-keys.md lists it. A literal followed by `+` is a template prefix.
    @Test func everyKeyBuiltInCodeIsInTheCatalog() throws {
        let sources = Corpus.packageRoot.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        let literal = /FieldKey\("([^"\\]*)"\s*(\+)?/
        var found = 0
        var unknown: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for match in text.matches(of: literal) {
                let key = String(match.output.1) + (match.output.2 == nil ? "" : "x")
                found += 1
                if !FieldKey(key).isKnown { unknown.append("\(relative): \(match.output.1)") }
            }
        }
        #expect(found >= 50, "expected the constants of FieldKey.swift")
        #expect(unknown.isEmpty, "keys built in code but missing from FieldKey.catalog: \(unknown)")
    }

    /// Every catalog row says what its value looks like.
    @Test func everyRowHasAFormat() {
        for spec in FieldKey.catalog { #expect(!spec.format.isEmpty, "\(spec.key)") }
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
