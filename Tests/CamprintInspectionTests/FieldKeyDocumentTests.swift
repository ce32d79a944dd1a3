import CamprintInspection
import CamprintSignatures
import CamprintTestSupport
import Foundation
import Testing

/// docs/field-keys.md is generated from the catalogs in code (``FieldKeyDocument``): the file must
/// be exactly what they generate now.
@Suite struct FieldKeyDocumentTests {
    static let path = "docs/field-keys.md"

    @Test func documentIsWhatTheCatalogsGenerate() throws {
        let url = Corpus.packageRoot.appendingPathComponent(Self.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let generated = try FieldKeyDocument.render(text)
        let differing = zip(
            text.split(separator: "\n", omittingEmptySubsequences: false),
            generated.split(separator: "\n", omittingEmptySubsequences: false)
        )
        .first { $0.0 != $0.1 }
        let upToDate = text == generated
        #expect(
            upToDate,
            """
            \(Self.path) differs from the catalogs (first differing line: \(differing.map { "\($0.0) ≠ \($0.1)" } ?? "length")); \
            run `swift run camprint signatures field-keys --write \(Self.path)`
            """
        )
    }

    @Test func everyCatalogRowIsInTheDocument() throws {
        let text = try String(contentsOf: Corpus.packageRoot.appendingPathComponent(Self.path), encoding: .utf8)
        for spec in FieldKey.catalog { #expect(text.contains("| `\(spec.key)` |"), "\(spec.key)") }
        #expect(text.contains(FieldKeyDocument.rtspQuirkTable), "the RTSP quirk-code table is out of date")
    }

    @Test func missingMarkersAreAnError() {
        #expect(throws: FieldKeyDocument.RenderError.missingMarkers("field keys")) {
            try FieldKeyDocument.render("# Field keys\n")
        }
    }
}

/// What the extractors emit on real device output stays inside the catalog: every observation
/// read from the labelled captures and the SDP samples has a known key.
@Suite struct FieldKeyCoverageTests {
    @Test func everyObservedKeyIsInTheCatalog() throws {
        var inputs = Captures.all().map { ($0.path, $0.body) }
        let sdp = Samples.root.appendingPathComponent("sdp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: sdp.path)) ?? [] where name.hasSuffix(".sdp")
        {
            if let data = FileManager.default.contents(atPath: sdp.appendingPathComponent(name).path) {
                inputs.append(("Samples/sdp/" + name, Array(data)))
            }
        }
        try #require(inputs.count >= 100, "expected the captures of Samples/captures")
        var unknown: [String: String] = [:]
        for (path, bytes) in inputs {
            let evidence = EvidenceReader.read(name: path, bytes: bytes)
            for observation in ObservationExtractor.observations(from: evidence) where !observation.field.isKnown {
                unknown[observation.field.rawValue] = path
            }
        }
        #expect(unknown.isEmpty, "keys missing from FieldKey.catalog (key: first file): \(unknown)")
    }
}
