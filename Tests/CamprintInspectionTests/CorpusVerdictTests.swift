import CamprintInspection
import CamprintSignatures
import CamprintTestSupport
import Foundation
import Testing

/// Expected verdicts, read from Samples/eval/expected.tsv (written from MANIFEST.md, not from output).
enum Expectations {
    struct Row: Sendable, CustomStringConvertible {
        var path: String
        var verdict: String
        var vendor: String
        var description: String { "\(path) → \(verdict)" }
    }

    static let rows: [Row] = {
        guard
            let text = try? String(
                contentsOf: Samples.root.appendingPathComponent("eval/expected.tsv"),
                encoding: .utf8
            )
        else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else { return nil }
            return Row(path: columns[0], verdict: columns[1], vendor: columns[2])
        }
    }()

    static let database: SignatureDatabase? = try? SignatureDatabase.load(includeOperatorDirectory: false)

    static func identification(_ path: String) throws -> EvidenceIdentification {
        let database = try #require(database)
        let evidence = EvidenceReader.read(name: path, bytes: try Corpus.bytes(path))
        return EvidenceIdentification(evidence: evidence, database: database)
    }
}

@Suite struct CorpusVerdictTests {
    @Test func expectationsCoverEveryCorpusFile() throws {
        try #require(Corpus.isAvailable, Corpus.skipReason)
        let listed = Set(Expectations.rows.map(\.path))
        let missing = Corpus.files().filter { $0 != "MANIFEST.md" && !listed.contains($0) }
        #expect(missing.isEmpty, "corpus files without an expectation in Samples/eval/expected.tsv: \(missing)")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: Expectations.rows)
    func everyCorpusFileGetsItsExpectedVerdict(row: Expectations.Row) throws {
        let result = try Expectations.identification(row.path)
        #expect(
            result.identity.verdict.rawValue == row.verdict,
            "\(row.path): expected \(row.verdict), got \(result.identity.verdict.rawValue) from \(result.identity.evidence.map(\.ruleID))"
        )
        if row.verdict != "hikvision", row.verdict != "hikvision-oem" {
            #expect(
                result.identity.verdict != .hikvision && result.identity.verdict != .hikvisionOEM,
                "\(row.path): false Hikvision"
            )
        }
    }

    static let clones = [
        "rtsp_text/retina/anjvision_describe.txt", "rtsp_text/retina/anpviz_sdp.txt",
        "rtsp_text/retina/ipcam_describe.txt",
    ]

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: clones)
    func clonesAreNeverHikvisionEvenWithAnyObservationRemoved(path: String) throws {
        let database = try #require(Expectations.database)
        let observations = try Expectations.identification(path).observations
        #expect(IdentityEngine.identify(observations, database: database).verdict == .clone, "\(path)")
        for index in observations.indices {
            var reduced = observations
            let removed = reduced.remove(at: index)
            let verdict = IdentityEngine.identify(reduced, database: database).verdict
            #expect(
                verdict != .hikvision && verdict != .hikvisionOEM,
                "\(path) without \(removed.field)=\(removed.value)"
            )
        }
    }

    /// Clone = a clone's observations plus every copyable Hikvision observation of a real Hikvision
    /// capture but one: never `hikvision`.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: clones)
    func cloneWithRealHikvisionCopyableSignalsMinusOneIsNotHikvision(path: String) throws {
        let database = try #require(Expectations.database)
        let hikvision = try Expectations.identification(
            "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"
        )
        let copyable = hikvision.observations.filter { database.firstMatch($0)?.copyable == .copyable }
        try #require(copyable.count >= 3, "the C2875 capture should carry several copyable signals")
        let clone = try Expectations.identification(path).observations
        for index in copyable.indices {
            var signals = copyable
            let removed = signals.remove(at: index)
            let verdict = IdentityEngine.identify(clone + signals, database: database).verdict
            #expect(
                verdict != .hikvision && verdict != .hikvisionOEM,
                "\(path) + C2875 copyable signals without \(removed.field)"
            )
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func realHikvisionCaptureStaysHikvisionWithAnyCopyableObservationRemoved() throws {
        let database = try #require(Expectations.database)
        let observations = try Expectations.identification(
            "no-license/hikvision_ipcamera_C2875_rtsp_session_transcript.txt"
        ).observations
        for index in observations.indices where database.firstMatch(observations[index])?.copyable == .copyable {
            var reduced = observations
            let removed = reduced.remove(at: index)
            #expect(
                IdentityEngine.identify(reduced, database: database).verdict == .hikvision,
                "without \(removed.field)"
            )
        }
    }
}
