import CamprintAgent
import Foundation
import Testing

@Suite("report spool")
struct ReportSpoolTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("camprint-spool-\(UUID())/spool.sqlite").path
    }

    static func body(_ id: String, size: Int = 100) -> Data {
        Data(("{\"report_id\":\"\(id)\",\"pad\":\"" + String(repeating: "x", count: size) + "\"}").utf8)
    }

    @Test func appendReadDeleteAndDurabilitySettings() async throws {
        let path = Self.temporaryPath()
        let spool = try await ReportSpool.open(path: path, maxBytes: 1 << 20, maxAge: .seconds(3600))
        let durability = try await spool.durability()
        #expect(durability.journalMode.lowercased() == "wal")
        #expect(durability.synchronous == 2, "synchronous must be FULL (2)")
        for id in ["a", "b", "c"] { try await spool.append(reportId: id, json: Self.body(id)) }
        try await spool.append(reportId: "b", json: Self.body("b"))  // duplicate id: ignored
        #expect(try await spool.count() == 3)
        let pending = try await spool.pending(limit: 2)
        #expect(pending.map(\.reportId) == ["a", "b"])
        #expect(pending[0].json == Self.body("a"))
        try await spool.delete(reportIds: ["a", "c"])
        #expect(try await spool.pending(limit: 10).map(\.reportId) == ["b"])
        await spool.close()
    }

    @Test func reopenAfterCloseKeepsReportsAndDroppedCounter() async throws {
        let path = Self.temporaryPath()
        let first = try await ReportSpool.open(path: path, maxBytes: 64 << 10, maxAge: .seconds(3600))
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<10 {
            try await first.append(
                reportId: "r\(index)",
                json: Self.body("r\(index)", size: 10_000),
                now: base.addingTimeInterval(Double(index))
            )
        }
        let kept = try await first.count()
        let dropped = try await first.dropped()
        #expect(kept + dropped == 10)
        #expect(dropped > 0, "64 KiB cannot hold 10 reports of 10 KB")
        #expect(try await first.totalBytes() <= 64 << 10)
        await first.close()

        let second = try await ReportSpool.open(path: path, maxBytes: 64 << 10, maxAge: .seconds(3600))
        #expect(try await second.count() == kept)
        #expect(try await second.dropped() == dropped)
        let ids = try await second.pending(limit: 100).map(\.reportId)
        #expect(ids == (dropped..<10).map { "r\($0)" }, "oldest evicted first")
        await second.close()
    }

    @Test func evictsReportsOlderThanMaxAge() async throws {
        let spool = try await ReportSpool.open(path: Self.temporaryPath(), maxBytes: 1 << 20, maxAge: .seconds(60))
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        try await spool.append(reportId: "old", json: Self.body("old"), now: base)
        try await spool.append(reportId: "new", json: Self.body("new"), now: base.addingTimeInterval(50))
        #expect(try await spool.count() == 2)
        let evicted = try await spool.evict(now: base.addingTimeInterval(90))
        #expect(evicted == 1)
        #expect(try await spool.pending(limit: 10).map(\.reportId) == ["new"])
        #expect(try await spool.dropped() == 1)
        await spool.close()
    }
}
