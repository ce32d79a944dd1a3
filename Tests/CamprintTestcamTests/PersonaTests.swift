import CamprintTestSupport
import CamprintTestcam
import Foundation
import Testing

@Suite("Personas")
struct PersonaTests {
    static let required = [
        "hikvision-ipc", "hikvision-nvr", "hikvision-oem", "clone-imkh", "dahua-ipc", "uniview-ipc", "axis",
        "reolink", "live555-generic", "gstreamer-generic",
    ]

    @Test func requiredPersonasExist() {
        for name in Self.required {
            #expect(Harness.personaNames.contains(name), "Samples/personas/\(name).yaml is missing")
        }
    }

    @Test(arguments: Harness.personaNames)
    func loadsAndCitesSources(name: String) throws {
        let persona = try Harness.persona(name)
        #expect(persona.name == name, "\(name).yaml: name key differs from the file name")
        #expect(!persona.sources.isEmpty)
    }

    /// Every `corpus/real/…` file a persona cites exists (first path of each source entry).
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: Harness.personaNames)
    func citedCapturesExist(name: String) throws {
        let persona = try Harness.persona(name)
        for source in persona.sources where source.hasPrefix("corpus/real/") {
            let first = source.dropFirst("corpus/real/".count).prefix { $0 != " " && $0 != "," }
            let path = Corpus.root.appendingPathComponent(String(first)).path
            #expect(FileManager.default.fileExists(atPath: path), "\(name): cites missing \(first)")
        }
    }

    @Test func unknownPlaceholderIsRejected() {
        #expect(throws: PersonaError.self) { try Template("Date: {not_a_value}") }
    }

    @Test func lineWithoutValueIsDropped() throws {
        let template = try Template("Session:{session:>17};timeout={timeout}")
        #expect(template.render(TemplateValues(["timeout": "60"])) == nil)
        #expect(
            template.render(TemplateValues(["session": "708732579", "timeout": "60"]))
                == "Session:        708732579;timeout=60"
        )
    }
}
