import CamprintInspection
import CamprintSignatures
import CamprintTestSupport
import Testing

@Suite struct ExplanationTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: Expectations.rows.prefix(90).map(\.path))
    func explanationVerdictIsTheIdentifyVerdict(path: String) throws {
        let database = try #require(Expectations.database)
        let result = try Expectations.identification(path)
        let explanation = IdentityEngine.explain(result.observations, database: database)
        #expect(explanation.identity == result.identity, "\(path)")
        #expect(explanation.observations.count == result.observations.count)
        for step in explanation.observations {
            if let winner = database.firstMatch(step.observation) {
                #expect(step.matches.first?.ruleID == winner.ruleID, "\(path): winner of \(step.observation.field)")
            }
        }
    }
}
