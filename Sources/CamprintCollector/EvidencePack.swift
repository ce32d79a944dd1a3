public import CamprintReport
public import CamprintStorage
import Crypto
public import Foundation

/// The auditor's evidence pack (issue 19): every device a loaded policy covers, at one site or all —
/// identity, coverage with its reason, evidence of the latest report with the rules that fired,
/// lifecycle history, firmware advisories, and the stored reports with their SHA-256.
///
/// `camprint-collector export --site S --out DIR` writes `index.html` (printable), `devices.csv`,
/// `devices.json`, `reports/<sha256>.json` (each stored report body, byte for byte) and `SHA256SUMS`
/// (`sha256sum -c SHA256SUMS` checks the whole pack). `GET /export?site=S` shows the same HTML.
public struct EvidencePack: Sendable {
    public struct StoredReport: Codable, Hashable, Sendable {
        public var reportId: String
        /// Hex SHA-256 of the stored body's UTF-8 bytes.
        public var sha256: String
        /// `reports/<sha256>.json` inside the pack.
        public var file: String
        public var observedAt: String?
        /// The reporting tool and version (`camprint agent 0.1.0`): the signature database it ran.
        public var source: String?
    }

    public struct Entry: Codable, Hashable, Sendable {
        public var device: DeviceJSON
        public var lifecycleHistory: [LifecycleEventJSON]
        public var evidence: [ReportEvidence]
        public var reports: [StoredReport]
    }

    public struct PolicyVersion: Codable, Hashable, Sendable {
        public var file: String
        public var sha256: String
    }

    public struct Contents: Codable, Hashable, Sendable {
        public var schema = "camprint.evidence-pack/v1"
        public var generatedAt: String
        public var site: String?
        public var policies: [Policy]
        /// SHA-256 of each policy, lineage and advisory file in force.
        public var policyFiles: [PolicyVersion]
        public var devices: [Entry]
    }

    public let contents: Contents
    /// Report bodies by SHA-256.
    public let bodies: [String: String]

    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Gathers the pack from storage; `site` nil: every site.
    public static func build(
        storage: any Storage,
        policies: PolicyCatalog,
        site: String?,
        now: Int64
    ) async throws -> EvidencePack {
        var entries: [Entry] = []
        var bodies: [String: String] = [:]
        for policy in policies.policies {
            var query = DeviceQuery(site: site, limit: DeviceQuery.maximumLimit)
            query.coveredBy = policies.condition(for: policy)
            var page = try await storage.devices(query)
            var devices = page.devices
            while let next = page.nextCursor {
                query.cursor = next
                page = try await storage.devices(query)
                devices += page.devices
            }
            for device in devices where !entries.contains(where: { $0.device.id == device.id }) {
                guard let detail = try await storage.device(id: device.id) else { continue }
                let ids = Array(Set(detail.history.map(\.reportId) + [device.lastReportId])).sorted()
                let stored = try await storage.reportBodies(ids: ids)
                var reports: [StoredReport] = []
                for id in ids {
                    guard let body = stored[id] else { continue }
                    let hash = sha256(body)
                    bodies[hash] = body
                    let report = try? JSONDecoder().decode(Report.self, from: Data(body.utf8))
                    reports.append(
                        StoredReport(
                            reportId: id,
                            sha256: hash,
                            file: "reports/\(hash).json",
                            observedAt: report?.observedAt,
                            source: report?.source.map { "\($0.kind) \($0.version)" }
                        )
                    )
                }
                entries.append(
                    Entry(
                        device: DeviceJSON(device, staleBefore: 0, policies: policies),
                        lifecycleHistory: detail.lifecycleHistory.map(LifecycleEventJSON.init),
                        evidence: detail.latestReport?.identity.evidence ?? [],
                        reports: reports
                    )
                )
            }
        }
        entries.sort { ($0.device.site, $0.device.id) < ($1.device.site, $1.device.id) }
        let files = policies.files.map { path in
            PolicyVersion(
                file: (path as NSString).lastPathComponent,
                sha256: sha256((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            )
        }
        return EvidencePack(
            contents: Contents(
                generatedAt: EpochTime.rfc3339(milliseconds: now),
                site: site,
                policies: policies.policies,
                policyFiles: files,
                devices: entries
            ),
            bodies: bodies
        )
    }

    public var csv: String {
        DeviceCSV.header + contents.devices.map { DeviceCSV.row($0.device) }.joined()
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(contents)
    }

    /// The printable report; every value escaped (they come from cameras).
    public var html: String {
        let scope = contents.site.map { "site \($0)" } ?? "all sites"
        var body = """
            <header><h1>camprint evidence pack: \(HTML.escape(scope))</h1>
            <div class="muted">generated \(HTML.escape(contents.generatedAt)) · \(contents.devices.count) covered devices · \
            <a href="devices.csv">devices.csv</a> · <a href="devices.json">devices.json</a> · SHA256SUMS</div></header><main>
            <h2>Policies in force</h2><ul>
            """
        for policy in contents.policies {
            body += "<li><b>\(HTML.escape(policy.id))</b>: \(HTML.escape(policy.title))<ul>"
            for source in policy.sources {
                body += "<li>\(HTML.escape(source.title)) &lt;\(HTML.escape(source.url))&gt;</li>"
            }
            body += "</ul></li>"
        }
        body +=
            "</ul><p class=\"muted\">Policy files: "
            + contents.policyFiles.map { "\(HTML.escape($0.file)) sha256 <code>\(HTML.escape($0.sha256))</code>" }
            .joined(separator: "; ") + "</p>"
        for entry in contents.devices {
            let device = entry.device
            let address = device.port.map { "\(device.host):\($0)" } ?? device.host
            body += """
                <section class="device" data-device="\(device.id)"><h2>\(HTML.escape(device.site)) · \(HTML.escape(address)) \
                <span class="v">\(HTML.escape(device.verdict.rawValue))</span></h2><table class="kv">
                <tr><th>Identity</th><td>\(HTML.escape([device.vendor, device.brand, device.model, device.firmware]
                    .compactMap { $0 }.joined(separator: " · ")))</td></tr>
                <tr><th>Serial / MAC</th><td>\(HTML.escape([device.serialNumber, device.mac].compactMap { $0 }.joined(separator: " · ")))</td></tr>
                <tr><th>Seen</th><td>\(HTML.escape(device.firstSeen)) to \(HTML.escape(device.lastSeen)), \(device.reportCount) reports</td></tr>
                <tr><th>State</th><td>\(HTML.escape(device.lifecycle.rawValue))</td></tr>
                </table><h3>Coverage</h3><ul>
                """
            for coverage in device.coverage ?? [] { body += "<li>\(HTML.escape(coverage.summary))</li>" }
            body += "</ul>"
            if let advisories = device.advisories, !advisories.isEmpty {
                body +=
                    "<h3>Firmware advisories</h3><ul>"
                    + advisories.map { "<li>\(HTML.escape($0.summary))</li>" }.joined() + "</ul>"
            }
            body +=
                "<h3>Evidence of the latest report</h3><table class=\"r\"><thead><tr><th>Rule</th><th>Field</th>"
                + "<th>Value</th><th>Weight</th></tr></thead><tbody>"
            for item in entry.evidence.sorted(by: { $0.weight > $1.weight }) {
                body +=
                    "<tr><td>\(HTML.escape(item.rule))</td><td>\(HTML.escape(item.field))</td>"
                    + "<td><code>\(HTML.escape(String(item.value.prefix(200))))</code></td><td>\(item.weight)</td></tr>"
            }
            body += "</tbody></table><h3>Lifecycle history</h3><ul>"
            for event in entry.lifecycleHistory {
                body +=
                    "<li>\(HTML.escape(event.at)) \(HTML.escape(event.from.rawValue)) → \(HTML.escape(event.to.rawValue)) "
                    + "by \(HTML.escape(event.actor))\(event.note.map { ": " + HTML.escape($0) } ?? "")</li>"
            }
            body +=
                "</ul><h3>Stored reports</h3><table class=\"r\"><thead><tr><th>Report</th><th>Observed</th>"
                + "<th>Source</th><th>SHA-256</th></tr></thead><tbody>"
            for report in entry.reports {
                body +=
                    "<tr><td><code>\(HTML.escape(report.reportId))</code></td><td>\(HTML.escape(report.observedAt ?? ""))</td>"
                    + "<td>\(HTML.escape(report.source ?? ""))</td><td><code>\(report.sha256)</code></td></tr>"
            }
            body += "</tbody></table></section>"
        }
        body += "</main>"
        return HTML.document(title: "camprint evidence pack: \(scope)", body: body)
    }

    /// Writes the pack into `directory` (created; files in it are replaced) and returns the files written.
    @discardableResult
    public func write(to directory: URL) throws -> [String] {
        let manager = FileManager.default
        try manager.createDirectory(at: directory.appendingPathComponent("reports"), withIntermediateDirectories: true)
        var files: [(String, Data)] = [
            ("index.html", Data(html.utf8)), ("devices.csv", Data(csv.utf8)), ("devices.json", try json()),
        ]
        for (hash, body) in bodies.sorted(by: { $0.key < $1.key }) {
            files.append(("reports/\(hash).json", Data(body.utf8)))
        }
        var sums = ""
        for (name, data) in files {
            try data.write(to: directory.appendingPathComponent(name), options: .atomic)
            sums += "\(Self.sha256(data))  \(name)\n"
        }
        try Data(sums.utf8).write(to: directory.appendingPathComponent("SHA256SUMS"), options: .atomic)
        return files.map(\.0) + ["SHA256SUMS"]
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
