import CamprintInspection
import CamprintSignatures
import CamprintTestSupport
import Testing

/// Every labelled capture from public sources (the corpus snippets and Samples/captures), read as
/// `camprint identify` reads it: no capture of another maker, clones included, may come out
/// Hikvision-made, and the Hikvision family must stay found. scripts/eval.py prints the full
/// tables, leave-one-source-out included.
@Suite struct CaptureVerdictTests {
    static let database: SignatureDatabase? = try? SignatureDatabase.load(includeOperatorDirectory: false)
    static let files = Captures.all()
    static let family: Set<String> = ["hikvision", "hikvision-oem"]

    static func verdict(_ file: Captures.File) throws -> String {
        let database = try #require(database)
        let evidence = EvidenceReader.read(name: file.path, bytes: file.body)
        return EvidenceIdentification(evidence: evidence, database: database).identity.verdict.rawValue
    }

    @Test func noCaptureOfAnotherMakerIsCalledHikvision() throws {
        try #require(!Self.files.isEmpty, "no labelled captures found")
        var falsePositives: [String] = []
        for file in Self.files where !Self.family.contains(file.label) {
            let verdict = try Self.verdict(file)
            if Self.family.contains(verdict) { falsePositives.append("\(file.path): \(verdict)") }
        }
        #expect(falsePositives.isEmpty, "labelled \(falsePositives.count) non-Hikvision captures Hikvision-made")
    }

    /// A floor under the recall on these captures (measured 84.0 %, 89/106, when this floor was set;
    /// `make eval` measured 85.3 % leave-one-source-out over the whole corpus then): a change that
    /// loses a few Hikvision devices fails here, not only in `make eval`.
    @Test func hikvisionFamilyRecallStaysAboveItsFloor() throws {
        let family = Self.files.filter { Self.family.contains($0.label) }
        try #require(family.count >= 50, "expected the labelled Hikvision-family captures")
        let found = try family.filter { Self.family.contains(try Self.verdict($0)) }.count
        #expect(Double(found) / Double(family.count) >= 0.83, "recall \(found)/\(family.count)")
    }
}
