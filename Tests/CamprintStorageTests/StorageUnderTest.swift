import CamprintStorage
import Foundation
import Testing

/// Opens a fresh, empty storage of each kind. PostgreSQL needs `CAMPRINT_TEST_POSTGRES_URL`
/// (`eval "$(scripts/collector-test-postgres.sh start)"`); each test gets its own PostgreSQL schema.
enum StorageUnderTest {
    static let postgresURL = ProcessInfo.processInfo.environment["CAMPRINT_TEST_POSTGRES_URL"]
    static let postgresSkipReason: Comment =
        "CAMPRINT_TEST_POSTGRES_URL is not set: run eval \"$(scripts/collector-test-postgres.sh start)\" first"

    static func sqlite() async throws -> any Storage {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("camprint-storage-\(UUID().uuidString)")
        return try await StorageFactory.open(.sqlite(path: directory.path + "/collector.db"))
    }

    static func postgres() async throws -> any Storage {
        let base = try #require(postgresURL, postgresSkipReason)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let separator = base.contains("?") ? "&" : "?"
        return try await StorageFactory.open(try DatabaseURL(parsing: base + separator + "schema=" + schema))
    }
}
