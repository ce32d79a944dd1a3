import CamprintReport
import Foundation
import Testing

@testable import CamprintCLI

@Suite struct VersionTests {
    /// Reports carry this string; keep it MAJOR.MINOR.PATCH.
    @Test func versionIsSemantic() {
        let parts = CamprintVersion.current.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(CamprintVersion.current)")
    }

    @Test(.enabled(if: BuiltBinary.isAvailable, "camprint binary not built beside the tests (swift build)"))
    func binaryPrintsTheVersion() async throws {
        let run = try await BuiltBinary.run(["--version"])
        #expect(run.status == 0)
        let lines = String(decoding: run.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == "camprint \(CamprintVersion.current)")
        #expect(lines.count == 4, "\(lines)")
        for key in ["commit: ", "build date: ", "signatures: "] {
            #expect(lines.contains { $0.hasPrefix(key) && $0.count > key.count }, "no \(key) in \(lines)")
        }
    }
}
