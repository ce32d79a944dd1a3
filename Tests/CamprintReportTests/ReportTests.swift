import CamprintReport
import Foundation
import Testing

@Suite struct ReportTests {
    static let sample = Report(
        reportId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        observedAt: "2026-11-26T15:04:05Z",
        source: ReportSource(kind: "probe", version: "0.1.0"),
        target: ReportTarget(
            url: "rtsp://127.0.0.1:8554/Streaming/Channels/101",
            host: "127.0.0.1",
            port: 8554,
            path: "/Streaming/Channels/101"
        ),
        status: .ok,
        identity: ReportIdentity(
            verdict: .hikvision,
            vendor: "Hikvision",
            confidence: 0.9,
            evidence: [
                ReportEvidence(
                    rule: "rtsp.realm.ip-camera",
                    field: "rtsp.auth.realm",
                    value: "IP Camera(C2875)",
                    weight: 0.5,
                    implies: "hikvision"
                )
            ]
        )
    )

    @Test func roundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(Self.sample)
        let decoded = try JSONDecoder().decode(Report.self, from: data)
        #expect(decoded == Self.sample)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schema\":\"camprint.report\\/v1\""))
        #expect(text.contains("\"verdict\":\"hikvision\""))
    }

    @Test func validReportHasNoErrors() {
        #expect(Self.sample.validationErrors() == [])
    }

    @Test func validationNamesEachProblem() {
        var report = Self.sample
        report.schema = "camprint.report/v0"
        report.observedAt = "yesterday"
        report.target.url = "rtsp://admin:secret@127.0.0.1/"
        report.identity.confidence = 1.5
        report.status = .timeout
        let errors = report.validationErrors()
        #expect(errors.contains { $0.hasPrefix("schema:") })
        #expect(errors.contains { $0.hasPrefix("observedAt:") })
        #expect(errors.contains { $0.hasPrefix("target.url:") })
        #expect(errors.contains { $0.hasPrefix("identity.confidence:") })
        #expect(errors.contains { $0.hasPrefix("error:") })
    }

    @Test func unknownStatusFailsToDecode() throws {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.sample)) as? [String: Any] ?? [:]
        object["status"] = "sleeping"
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Report.self, from: data) }
    }

    @Test(arguments: [
        ("rtsp://admin:secret@10.0.0.5:554/Streaming/Channels/101", "rtsp://10.0.0.5:554/Streaming/Channels/101"),
        ("rtsp://user@[::1]:554/a", "rtsp://[::1]:554/a"),
        ("rtsp://10.0.0.5/a@b", "rtsp://10.0.0.5/a@b"),
        ("open rtsp://u:p%40ss@h/x and http://a:b@c:80?q", "open rtsp://h/x and http://c:80?q"),
        ("rtsp://p:w@host", "rtsp://host"),
        ("café rtsp://ü:pä@höst/x ✓ rtsp://a@b", "café rtsp://höst/x ✓ rtsp://b"),
        ("no url here: a@b", "no url here: a@b"),
        ("ends with rtsp://", "ends with rtsp://"),
    ])
    func redactsCredentials(input: String, expected: String) {
        #expect(URLRedaction.redactAll(in: input) == expected)
    }

    @Test func timestamps() {
        #expect(Timestamp.isRFC3339UTC("2026-11-26T15:04:05Z"))
        #expect(Timestamp.isRFC3339UTC("2026-11-26T15:04:05.123Z"))
        #expect(!Timestamp.isRFC3339UTC("2026-11-26T15:04:05+01:00"))
        #expect(!Timestamp.isRFC3339UTC("2026-11-26 15:04:05Z"))
        #expect(!Timestamp.isRFC3339UTC("2026-11-26T15:04:05.Z"))
    }

    /// The source carries the producing build's facts when given one, and nothing more otherwise
    /// (older reports decode unchanged).
    @Test func sourceCarriesTheBuild() throws {
        let build = CamprintBuild(
            version: "0.1.0",
            commit: "0123456789abcdef0123456789abcdef01234567",
            date: "2026-12-02T08:00:00Z",
            signatures: "sha256:985e80b25ee17366"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let with = String(
            decoding: try encoder.encode(ReportSource(kind: "camprint agent", version: "0.1.0", build: build)),
            as: UTF8.self
        )
        #expect(
            with
                == #"{"buildDate":"2026-12-02T08:00:00Z","commit":"0123456789abcdef0123456789abcdef01234567","kind":"camprint agent","signatures":"sha256:985e80b25ee17366","version":"0.1.0"}"#
        )
        let without = String(decoding: try encoder.encode(ReportSource(kind: "probe", version: "0.1.0")), as: UTF8.self)
        #expect(without == #"{"kind":"probe","version":"0.1.0"}"#)
        let decoded = try JSONDecoder().decode(ReportSource.self, from: Data(without.utf8))
        #expect(decoded.commit == nil && decoded.buildDate == nil && decoded.signatures == nil)
    }

    @Test func buildInfoTextAndMetric() {
        let build = CamprintBuild(
            version: "0.1.0",
            commit: "abc-dirty",
            date: "2026-12-02T08:00:00Z",
            signatures: "a\"b\\c"
        )
        #expect(
            build.versionText(program: "camprint-collector")
                == "camprint-collector 0.1.0\ncommit: abc-dirty\nbuild date: 2026-12-02T08:00:00Z\nsignatures: a\"b\\c"
        )
        let lines = build.prometheusText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "# TYPE camprint_build_info gauge")
        #expect(
            lines[2]
                == #"camprint_build_info{version="0.1.0",commit="abc-dirty",build_date="2026-12-02T08:00:00Z",signatures="a\"b\\c"} 1"#
        )
    }
}
