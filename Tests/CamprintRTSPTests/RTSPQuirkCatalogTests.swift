import CamprintRTSP
import CamprintTestSupport
import CamprintWire
import Foundation
import Testing

/// `RTSPQuirkCodes.catalog` is the one list of RTSP quirk codes (docs/field-keys.md shows it):
/// every constant has a row, and the parsers emit codes only through the constants.
@Suite struct RTSPQuirkCatalogTests {
    static let module = Corpus.packageRoot.appendingPathComponent("Sources/CamprintRTSP")

    @Test func everyConstantHasACatalogRow() throws {
        let text = try String(
            contentsOf: Self.module.appendingPathComponent("RTSPQuirkCodes.swift"),
            encoding: .utf8
        )
        let declared = Set(text.matches(of: /static let \w+ = "([^"]+)"/).map { String($0.output.1) })
        let catalog = RTSPQuirkCodes.catalog.map(\.code)
        #expect(declared.count >= 40)
        #expect(declared.subtracting(catalog).isEmpty, "constants without a catalog row")
        #expect(Set(catalog).subtracting(declared).isEmpty, "catalog rows without a constant")
        #expect(Set(catalog).count == catalog.count, "duplicate rows")
    }

    @Test func codesAreStableDottedKeys() {
        for spec in RTSPQuirkCodes.catalog {
            #expect(spec.code.wholeMatch(of: /rtsp(\.[a-z0-9]+(-[a-z0-9]+)*){2}/) != nil, "\(spec.code)")
            #expect(!spec.meaning.isEmpty && !spec.scope.isEmpty, "\(spec.code)")
        }
    }

    /// A code written as a literal elsewhere in the module would escape the catalog.
    @Test func parsersUseTheConstants() throws {
        let walker = try #require(FileManager.default.enumerator(atPath: Self.module.path))
        var literals: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift"), relative != "RTSPQuirkCodes.swift" else { continue }
            let text = try String(contentsOf: Self.module.appendingPathComponent(relative), encoding: .utf8)
            for match in text.matches(of: /"(rtsp\.[a-z0-9.-]+)"/) { literals.append("\(relative): \(match.output.1)") }
        }
        #expect(literals.isEmpty, "quirk codes written as literals: \(literals)")
    }
}
