import CamprintSignatures
import Foundation
import Testing

@Suite("Rule loading and self-test checks")
struct LoaderTests {
    static let vendors = "vendors:\n  - Hikvision\n  - Dahua\n"

    static func rule(
        id: String = "test.rule",
        field: String = "rtsp.auth.realm",
        matcher: String = "pattern: 'IP Camera\\((?<device_code>[0-9A-Z]{5})\\)'",
        vendor: String = "Hikvision",
        captures: String = "[device_code]",
        example: String = "{value: IP Camera(C2875), captures: {device_code: C2875}}"
    ) -> String {
        """
        rules:
          - id: \(id)
            field: \(field)
            \(matcher)
            implies: {vendor: \(vendor), verdict: hikvision}
            captures: \(captures)
            weight: 0.5
            copyable: semi
            description: test
            source: test
            examples:
              - \(example)
        """
    }

    static func load(_ texts: String...) throws -> SignatureDatabase {
        try SignatureDatabase.load(
            sources: [("vendors.yaml", vendors)] + texts.enumerated().map { ("r\($0.offset).yaml", $0.element) }
        )
    }

    @Test func soundRulePasses() throws {
        #expect(try Self.load(Self.rule()).selfTest().isEmpty)
    }

    @Test func badPatternNamesFileLineAndRule() {
        #expect {
            try Self.load("\n" + Self.rule(matcher: "pattern: '(unclosed'"))
        } throws: { error in
            guard let error = error as? SignatureLoadError else { return false }
            return error.file == "r0.yaml" && error.ruleID == "test.rule" && error.line == 5
        }
    }

    @Test func badWeightIsALoadError() {
        let text = Self.rule().replacingOccurrences(of: "weight: 0.5", with: "weight: 1.5")
        #expect(throws: SignatureLoadError.self) { try Self.load(text) }
    }

    @Test func unknownKeyIsALoadError() {
        let text = Self.rule().replacingOccurrences(of: "description: test", with: "descripton: test")
        #expect(throws: SignatureLoadError.self) { try Self.load(text) }
    }

    @Test(arguments: [
        (rule(example: "{value: IP Camera(C287), captures: {}}"), SelfTestFailure.Check.exampleDoesNotMatch),
        (rule(example: "{value: IP Camera(C2875), captures: {device_code: X}}"), .exampleCaptures),
        (rule(captures: "[model]"), .capturesDeclaration),
        (rule(field: "rtsp.no-such-key"), .unknownField),
        (rule(vendor: "HIKVISION"), .nonCanonicalVendor),
        (rule(vendor: "Acme"), .unknownVendor),
    ])
    func selfTestCatches(text: String, check: SelfTestFailure.Check) throws {
        let failures = try Self.load(text).selfTest()
        #expect(failures.contains { $0.check == check }, "\(failures)")
    }

    @Test func duplicateIDsAndShadowingAreCaught() throws {
        let broad = Self.rule(id: "broad", matcher: "pattern: 'IP Camera\\((?<device_code>.*)\\)'")
        let narrow = Self.rule(id: "broad")
        let failures = try Self.load(broad, narrow).selfTest()
        #expect(failures.contains { $0.check == .duplicateID })
        let shadowed = try Self.load(broad, Self.rule(id: "narrow")).selfTest()
        #expect(shadowed.contains { $0.check == .exampleShadowed && $0.ruleID == "narrow" })
    }

    @Test func vendorsDifferingOnlyInCaseAreCaught() throws {
        let database = try SignatureDatabase.load(sources: [("v.yaml", "vendors: [Axis, AXIS]")])
        #expect(database.selfTest().contains { $0.check == .duplicateVendor })
    }

    @Test func extraDirectoryRulesComeFirst() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-sig-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = Self.rule(id: "local.realm").replacingOccurrences(of: "weight: 0.5", with: "weight: 0.95")
        try local.write(to: directory.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        let database = try SignatureDatabase.load(extraDirectories: [directory], includeOperatorDirectory: false)
        let match = database.firstMatch(Observation(.rtspAuthRealm, "IP Camera(C2875)"))
        #expect(match?.ruleID == "local.realm")
        #expect(database.list.first?.id == "local.realm")
    }
}
