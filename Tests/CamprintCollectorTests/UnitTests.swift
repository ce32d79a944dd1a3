import CamprintReport
import CamprintStorage
import Foundation
import Testing

@testable import CamprintCollector

@Suite struct TokenSecretTests {
    @Test func secretsAreRandom32ByteBase64URL() {
        let secrets = (0..<50).map { _ in TokenSecret.generate() }
        #expect(Set(secrets).count == 50)
        for secret in secrets {
            #expect(secret.count == 43)
            #expect(secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
    }

    @Test func hashIsSHA256Hex() {
        #expect(TokenSecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func constantTimeEquals() {
        #expect(TokenSecret.constantTimeEquals("abc", "abc"))
        #expect(!TokenSecret.constantTimeEquals("abc", "abd"))
        #expect(!TokenSecret.constantTimeEquals("abc", "abcd"))
        #expect(!TokenSecret.constantTimeEquals("", "a"))
    }

    @Test func base64URLMatchesRFC4648Vectors() {
        #expect(TokenSecret.base64URL(Array("f".utf8)) == "Zg")
        #expect(TokenSecret.base64URL(Array("foob".utf8)) == "Zm9vYg")
        #expect(TokenSecret.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(TokenSecret.base64URL([0xFB, 0xFF]) == "-_8")
    }
}

@Suite struct HTMLAndCSVTests {
    @Test func escapesEveryMarkupCharacter() {
        #expect(
            HTML.escape("<a href=\"x\" title='y'>&`</a>")
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;"
        )
        #expect(HTML.escape("a\u{1}b") == "a\u{FFFD}b")
    }

    @Test func csvQuotesAndDefusesFormulas() {
        #expect(DeviceCSV.cell("plain") == "plain")
        #expect(DeviceCSV.cell("a,b") == "\"a,b\"")
        #expect(DeviceCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DeviceCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(DeviceCSV.cell("@SUM(A1)") == "'@SUM(A1)")
    }
}

@Suite struct ConfigurationTests {
    @Test func listenAddresses() throws {
        #expect(try CollectorConfiguration(listen: "127.0.0.1:9000").listenAddress() == ("127.0.0.1", 9000))
        #expect(try CollectorConfiguration(listen: "[::1]:80").listenAddress() == ("::1", 80))
        #expect(throws: CollectorError.self) { try CollectorConfiguration(listen: "nohost").listenAddress() }
    }

    @Test func defaultsAndOverrides() {
        let base = CollectorConfiguration(database: "sqlite:///a.db", staleAfterSeconds: 60)
        let merged = base.overridden(by: CollectorConfiguration(database: "sqlite:///b.db"))
        #expect(merged.resolvedDatabase == "sqlite:///b.db")
        #expect(merged.staleAfterMilliseconds == 60_000)
        #expect(CollectorConfiguration(stateDirectory: "/srv/x").resolvedDatabase == "sqlite:///srv/x/collector.db")
        #expect(CollectorConfiguration().limits == IngestLimits.default)
    }

    @Test func contentTypes() {
        #expect(ReportBatchDecoder.Format(contentType: "application/json; charset=utf-8") == .jsonArray)
        #expect(ReportBatchDecoder.Format(contentType: "Application/X-NDJSON") == .jsonLines)
        #expect(ReportBatchDecoder.Format(contentType: "text/plain") == nil)
        #expect(ReportBatchDecoder.Format(contentType: nil) == nil)
    }
}

@Suite struct CoverageChartTests {
    static func device(_ id: Int64, firstSeen: Int64, lifecycle: LifecycleState = .found, removedAt: Int64? = nil)
        -> DeviceRecord
    {
        var record = try! JSONDecoder().decode(DeviceRecord.self, from: Data(Self.template.utf8))
        record.id = id
        record.firstSeen = firstSeen
        record.lifecycle = lifecycle
        record.removedAt = removedAt
        return record
    }

    static let template = """
        {"id": 1, "site": "s", "stableId": "addr:h:554", "host": "h", "verdict": "hikvision", "confidence": 1,
         "status": "ok", "firstSeen": 0, "lastSeen": 0, "lastReportId": "r", "reportCount": 1,
         "lifecycle": "found", "missedRounds": 0, "goneAfterRounds": 3, "foundBy": "configured",
         "discoveryChannels": [], "failedRounds": 0}
        """

    /// Three devices seen from day 0; one removed at day 5, one verified gone from day 8, one reappeared.
    @Test func remainingCountFallsAtEachRemoval() {
        let day: Int64 = 86_400_000
        let devices = [
            Self.device(1, firstSeen: 0, lifecycle: .removed, removedAt: 5 * day),
            Self.device(2, firstSeen: 0, lifecycle: .verifiedGone, removedAt: 8 * day),
            Self.device(3, firstSeen: 0, lifecycle: .reappeared, removedAt: 2 * day),
        ]
        let series = CoverageChart.series(devices, now: 10 * day)
        #expect(series.count == CoverageChart.points)
        #expect(series.first?.count == 3)
        #expect(series.last?.count == 1)
        #expect(series.first { $0.time >= 6 * day }?.count == 2)
        #expect(series.map(\.count) == series.map(\.count).sorted(by: >), "never rises: nothing new appears")
        let svg = CoverageChart.svg(devices, now: 10 * day, label: "Site <x>")
        #expect(svg.contains("data-remaining=\"1\" data-max=\"3\""))
        #expect(svg.contains("Site &lt;x&gt;"))
        #expect(CoverageChart.svg([], now: day, label: "x").isEmpty)
    }
}
