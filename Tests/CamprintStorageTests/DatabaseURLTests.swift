import CamprintStorage
import Testing

@Suite struct DatabaseURLTests {
    @Test func sqlite() throws {
        #expect(try DatabaseURL(parsing: "sqlite:///var/lib/x/c.db") == .sqlite(path: "/var/lib/x/c.db"))
        #expect(throws: DatabaseURL.ParseError.missingPath) { try DatabaseURL(parsing: "sqlite://relative.db") }
    }

    @Test func postgres() throws {
        let url = try DatabaseURL(parsing: "postgres://cam@127.0.0.1:5433/inv?sslmode=disable&schema=s1")
        guard case .postgres(let location) = url else {
            Issue.record("not postgres: \(url)")
            return
        }
        #expect(location.user == "cam")
        #expect(location.host == "127.0.0.1")
        #expect(location.port == 5433)
        #expect(location.database == "inv")
        #expect(location.sslMode == .disable)
        #expect(location.schema == "s1")
        #expect(url.description == "postgres://cam@127.0.0.1:5433/inv?sslmode=disable&schema=s1")
        guard case .postgres(let v6) = try DatabaseURL(parsing: "postgresql://[::1]:6000/db") else {
            Issue.record("not postgres")
            return
        }
        #expect(v6.host == "::1")
        #expect(v6.port == 6000)
        #expect(v6.user == "postgres")
    }

    /// Without sslmode: TLS required off loopback (never `prefer`'s silent fallback), off on loopback.
    @Test func sslModeDefaults() throws {
        let cases: [(String, DatabaseURL.PostgresLocation.SSLMode)] = [
            ("postgres://cam@db.internal:5432/inv", .require),
            ("postgres://cam@10.0.0.7/inv", .require),
            ("postgres://cam@127.0.0.1:5432/inv", .disable),
            ("postgres://cam@localhost/inv", .disable),
            ("postgres://cam@[::1]:5432/inv", .disable),
            ("postgres://cam@db.internal/inv?sslmode=prefer", .prefer),
            ("postgres://cam@127.0.0.1/inv?sslmode=require", .require),
        ]
        for (text, mode) in cases {
            guard case .postgres(let location) = try DatabaseURL(parsing: text) else {
                Issue.record("not postgres: \(text)")
                continue
            }
            #expect(location.sslMode == mode, "\(text)")
        }
    }

    @Test(arguments: [
        "postgres://u:secret@h/db", "mysql://h/db", "postgres://h", "postgres://h:99999/db",
        "postgres://h/db?schema=Bad;Drop", "postgres://h/db?sslmode=maybe",
    ])
    func rejects(_ text: String) {
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL(parsing: text) }
    }

    @Test func passwordNeverEchoed() {
        do {
            _ = try DatabaseURL(parsing: "postgres://u:hunter2@h/db")
            Issue.record("accepted a password")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error == .passwordInURL)
        }
    }
}
