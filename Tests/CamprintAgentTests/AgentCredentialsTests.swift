import CamprintAgent
import CamprintClients
import CamprintTestSupport
import Foundation
import Testing

@Suite("credentials files")
struct AgentCredentialsTests {
    @Test(arguments: [
        ("admin:pa:ss word\n", "admin", "pa:ss word"),
        ("admin\nsecret\n", "admin", "secret"),
        ("# lobby camera\nusername=admin\npassword=se=cret\n", "admin", "se=cret"),
        ("user = operator\npassword=x\n", "operator", "x"),
    ])
    func layouts(text: String, username: String, password: String) throws {
        let credentials = try AgentCredentials.parse(text, name: "cam")
        #expect(credentials.username == username)
        #expect(credentials.password == password)
    }

    @Test func unusableFileErrorNamesFileNotContents() {
        #expect {
            try AgentCredentials.parse("just-a-password-value\n", name: "lobby")
        } throws: { error in
            "\(error)".contains("lobby") && !"\(error)".contains("just-a-password-value")
        }
    }

    /// Like ssh with a private key: a file group or others may read is refused, naming the file
    /// and the fix, never the contents.
    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func groupOrOtherAccessIsRefused(mode: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-creds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lobby")
        try PrivateFile.write("admin:demo-lobby\n", to: file, mode: mode)
        #expect {
            try AgentCredentials.load(name: "lobby", directory: directory.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains(file.path) && text.contains("chmod 600") && !text.contains("demo-lobby")
        }
        try PrivateFile.write("admin:demo-lobby\n", to: file, mode: 0o400)
        #expect(try AgentCredentials.load(name: "lobby", directory: directory.path).password == "demo-lobby")
    }

    @Test func resolvesNamesInTheDirectoryOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("camprint-creds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try PrivateFile.agentCredential(password: "demo-lobby", at: directory.appendingPathComponent("lobby"))
        let loaded = try AgentCredentials.load(name: "lobby", directory: directory.path)
        #expect(loaded.username == "admin" && loaded.password == "demo-lobby")
        #expect(throws: AgentCredentialsError.self) {
            try AgentCredentials.load(name: "absent", directory: directory.path)
        }
        #expect(throws: AgentCredentialsError.self) {
            try AgentCredentials.load(name: "../lobby", directory: directory.path)
        }
        #expect(!AgentCredentials.isValidName(".."))
        #expect(!AgentCredentials.isValidName("a/b"))
        #expect(AgentCredentials.isValidName("cam-01.cred"))
    }
}
