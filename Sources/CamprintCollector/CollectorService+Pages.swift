import CamprintReport
import CamprintStorage
import Hummingbird

/// The server-rendered pages: `/` (compliance per site) and `/devices/{id}`. No JavaScript; every value escaped.
extension CollectorService {
    /// Devices listed per site on the page; the CSV export has them all.
    static let pageDevicesPerSite = 1000

    func compliancePage(_ request: Request) async throws -> Response {
        let filter: DeviceFilter
        do {
            filter = try DeviceFilter(parameters: Self.parameters(request))
            _ = try filter.query(staleBefore: 0, policies: policies)
        } catch {
            var response = Self.html(
                HTML.document(
                    title: "camprint collector",
                    body:
                        "<main><h1>Bad filter</h1><p>\(HTML.escape(error.message))</p><p><a href=\"/\">Reset</a></p></main>"
                )
            )
            response.status = .badRequest
            return response
        }
        let now = clock()
        let staleBefore = now - staleAfterMilliseconds
        let summary = try await summaryJSON()
        let allSites = summary.sites.map(\.site)
        let shownSites = filter.site.map { [$0] } ?? allSites
        let staleDays = Double(staleAfterMilliseconds) / 86_400_000
        var body = """
            <header><h1>camprint — Hikvision compliance</h1>
            <div class="muted">\(summary.total) devices at \(allSites.count) sites · generated \(HTML.time(now)) · \
            stale after \(HTML.escape(Self.formatDays(staleDays)))</div>
            \(filterForm(filter, sites: allSites))</header><main>
            <h2>Devices per site</h2>
            \(summaryTable(summary, filter: filter))
            """
        for site in shownSites {
            var query = try filter.query(staleBefore: staleBefore, order: .compliance, policies: policies)
            query.site = site
            query.limit = Self.pageDevicesPerSite
            query.cursor = nil
            query.offset = 0
            let page = try await storage.devices(query)
            // Reappeared devices have their own section; removed and verified-gone ones are not "still reporting".
            let isActiveHikvision: (DeviceRecord) -> Bool = {
                ($0.verdict == .hikvision || $0.verdict == .hikvisionOEM) && $0.lastSeen >= staleBefore
                    && $0.lifecycle != .removed && $0.lifecycle != .verifiedGone
            }
            let reappeared = page.devices.filter { $0.lifecycle == .reappeared }
            let listed = page.devices.filter { $0.lifecycle != .reappeared }
            let flagged = listed.filter(isActiveHikvision)
            let others = listed.filter { !isActiveHikvision($0) }
            body +=
                "<section><h2 id=\"site-\(HTML.escape(DeviceFilter.percentEncode(site)))\">Site \(HTML.escape(site))</h2>"
            let covered = page.devices.filter { device in
                policies.coverage(of: device).contains {
                    $0.status == .covered && (filter.policy == nil || $0.policy == filter.policy)
                }
            }
            if !covered.isEmpty {
                let label = "Site \(site)" + (filter.policy.map { ", \($0)" } ?? "")
                body += "<h3>Covered devices remaining</h3>" + CoverageChart.svg(covered, now: now, label: label)
            }
            if !reappeared.isEmpty {
                body +=
                    "<h3 class=\"alert reappeared\">Reappeared after removal (\(reappeared.count))</h3>"
                    + "<p class=\"alert\">Marked removed, then seen again by the agent: check these first.</p>"
                    + othersTable(reappeared, staleBefore: staleBefore)
            }
            if flagged.isEmpty {
                body += "<p class=\"good\">No Hikvision-made device reporting at this site.</p>"
            } else {
                body +=
                    "<h3 class=\"alert\">Hikvision-made, still reporting (\(flagged.count))</h3>"
                    + flaggedTable(flagged)
            }
            if !others.isEmpty {
                body += "<h3>Other devices (\(others.count))</h3>" + othersTable(others, staleBefore: staleBefore)
            }
            let silent = page.devices.filter {
                $0.isNotAnswering(rounds: DeviceQuery.defaultNotAnsweringRounds, staleBefore: staleBefore)
            }
            if !silent.isEmpty { body += Self.notAnsweringTable(silent) }
            let conflicts = page.devices.filter { $0.conflictKey != nil }
            if !conflicts.isEmpty {
                body += Self.conflictsTable(conflicts)
            }
            if page.total > page.devices.count {
                body +=
                    "<p class=\"muted\">Showing \(page.devices.count) of \(page.total) devices; "
                    + "<a href=\"/api/v1/devices?format=csv&amp;site=\(HTML.escape(DeviceFilter.percentEncode(site)))\">"
                    + "download all as CSV</a>.</p>"
            }
            body += "</section>"
        }
        if shownSites.isEmpty { body += "<p class=\"muted\">No reports yet.</p>" }
        body += "</main>"
        return Self.html(HTML.document(title: "camprint compliance", body: body))
    }

    /// Configured targets whose latest probes found nothing answering (``DeviceRecord/isNotAnswering(rounds:staleBefore:)``).
    private static func notAnsweringTable(_ devices: [DeviceRecord]) -> String {
        var html = """
            <h3 class="alert" id="not-answering">Configured targets no longer answering (\(devices.count))</h3>
            <p class="muted">Named in an agent's targets; the latest probes found nothing at the address \
            (\(DeviceQuery.defaultNotAnsweringRounds) failed probes in a row, or failed and not seen within the \
            stale period): removed, moved or down.</p>
            <table class="r not-answering"><thead><tr><th>Device</th><th>Verdict</th><th>Vendor / model</th>\
            <th>Status</th><th class="num">Failed in a row</th><th>Last seen</th></tr></thead><tbody>
            """
        for device in devices {
            let vendor = [device.vendor, device.model].compactMap { $0 }.joined(separator: " ")
            html += """
                <tr><td data-label="Device">\(deviceLabel(device))</td>\
                <td data-label="Verdict">\(verdictChip(device.verdict))</td>\
                <td data-label="Vendor">\(HTML.escape(vendor))</td>\
                <td data-label="Status">\(HTML.escape(device.status))</td>\
                <td data-label="Failed in a row" class="num">\(device.failedRounds)</td>\
                <td data-label="Last seen">\(HTML.time(device.lastSeen))</td></tr>
                """
        }
        return html + "</tbody></table>"
    }

    /// How the device was found (with the discovery channels as a tooltip) and the recorder it is seen
    /// through, if any.
    static func foundCell(_ device: DeviceRecord) -> String {
        let channels = device.discoveryChannels.joined(separator: ", ")
        var html =
            "<span class=\"v f-\(HTML.escape(device.foundBy))\" data-found=\"\(HTML.escape(device.foundBy))\""
            + (channels.isEmpty ? "" : " title=\"via \(HTML.escape(channels))\"")
            + ">\(HTML.escape(device.foundBy))</span>"
        if let recorder = device.behindRecorder {
            html +=
                "<br><span class=\"muted behind\" data-recorder=\"\(HTML.escape(recorder))\">behind "
                + "\(HTML.escape(recorder))\(device.behindChannel.map { " channel \($0)" } ?? "")</span>"
        }
        return html
    }

    private static func formatDays(_ days: Double) -> String {
        days == days.rounded() ? "\(Int(days)) days" : "\(Int((days * 24).rounded())) hours"
    }

    private func filterForm(_ filter: DeviceFilter, sites: [String]) -> String {
        func option(_ value: String, _ label: String, selected: Bool) -> String {
            "<option value=\"\(HTML.escape(value))\"\(selected ? " selected" : "")>\(HTML.escape(label))</option>"
        }
        var siteOptions = option("", "all sites", selected: filter.site == nil)
        for site in sites { siteOptions += option(site, site, selected: filter.site == site) }
        var verdictOptions = option("", "any verdict", selected: filter.verdicts.isEmpty)
        for verdict in Verdict.allCases {
            verdictOptions += option(verdict.rawValue, verdict.rawValue, selected: filter.verdicts == [verdict])
        }
        var policyOptions = option("", "any", selected: filter.policy == nil)
        for policy in policies.policies {
            policyOptions += option(policy.id, "covered by \(policy.id)", selected: filter.policy == policy.id)
        }
        var stateOptions = option("", "any", selected: filter.states.isEmpty)
        for state in LifecycleState.allCases {
            stateOptions += option(state.rawValue, state.rawValue, selected: filter.states == [state])
        }
        let foundOptions =
            option("", "any", selected: filter.found == nil)
            + option(ReportDiscovery.discovered, "discovered", selected: filter.found == ReportDiscovery.discovered)
            + option(ReportDiscovery.configured, "configured", selected: filter.found == ReportDiscovery.configured)
        let staleOptions =
            option("", "any", selected: filter.stale == nil)
            + option("false", "reporting", selected: filter.stale == false)
            + option("true", "stale", selected: filter.stale == true)
        let query = filter.queryString
        let csv = "/api/v1/devices?format=csv" + (query.isEmpty ? "" : "&" + query)
        return """
            <form class="filters" method="get" action="/">
            <label>Site<select name="site">\(siteOptions)</select></label>
            <label>Verdict<select name="verdict">\(verdictOptions)</select></label>
            <label>Vendor<input name="vendor" value="\(HTML.escape(filter.vendor ?? ""))" size="12"></label>
            <label>Seen<select name="stale">\(staleOptions)</select></label>
            <label>Policy<select name="policy">\(policyOptions)</select></label>
            <label>State<select name="state">\(stateOptions)</select></label>
            <label>Found<select name="found">\(foundOptions)</select></label>
            <button type="submit">Filter</button>
            <a href="\(HTML.escape(csv))">Download CSV</a> · <a href="/api/v1/summary">JSON</a> · \
            <a href="/export\(filter.site.map { "?site=" + HTML.escape(DeviceFilter.percentEncode($0)) } ?? "")">Evidence pack</a></form>
            """
    }

    private func summaryTable(_ summary: SummaryJSON, filter: DeviceFilter) -> String {
        let verdicts = Verdict.allCases.map(\.rawValue)
        var html = "<table class=\"r\" id=\"summary\"><thead><tr><th>Site</th>"
        for verdict in verdicts { html += "<th class=\"num\">\(HTML.escape(verdict))</th>" }
        html += "<th class=\"num\">total</th><th class=\"num\">stale</th></tr></thead><tbody>"
        for site in summary.sites {
            let siteAttribute = HTML.escape(site.site)
            let link = "/?site=" + DeviceFilter.percentEncode(site.site)
            html += "<tr><td data-label=\"Site\"><a href=\"\(HTML.escape(link))\">\(HTML.escape(site.site))</a></td>"
            for verdict in verdicts {
                html +=
                    "<td class=\"num\" data-label=\"\(verdict)\" data-site=\"\(siteAttribute)\" "
                    + "data-verdict=\"\(verdict)\">\(site.verdicts[verdict] ?? 0)</td>"
            }
            html +=
                "<td class=\"num\" data-label=\"total\" data-site=\"\(siteAttribute)\" data-verdict=\"total\">\(site.total)</td>"
                + "<td class=\"num\" data-label=\"stale\" data-site=\"\(siteAttribute)\" data-verdict=\"stale\">\(site.stale)</td></tr>"
        }
        html += "</tbody></table>"
        return html
    }

    private static func deviceLabel(_ device: DeviceRecord) -> String {
        let address = device.port.map { "\(device.host):\($0)" } ?? device.host
        return "<a href=\"/devices/\(device.id)\">\(HTML.escape(address))</a>"
            + (device.serialNumber.map { "<br><span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")
            + (device.conflictKey == nil ? "" : " <span class=\"v v-conflict\">conflict</span>")
    }

    /// Rows claiming the same serial or MAC from different addresses (issue 16), grouped by the key.
    private static func conflictsTable(_ devices: [DeviceRecord]) -> String {
        var html = """
            <h3 class="alert">Serial or MAC conflicts (\(devices.count))</h3>
            <p class="muted">The same serial number or MAC is reported from more than one address while the \
            first still answers: one of them may impersonate the other. Each keeps its own row.</p>
            <table class="r conflicts"><thead><tr><th>Key</th><th>Device</th><th>Verdict</th>\
            <th>Vendor / model</th><th>Last seen</th></tr></thead><tbody>
            """
        let sorted = devices.sorted { ($0.conflictKey ?? "", $0.id) < ($1.conflictKey ?? "", $1.id) }
        for device in sorted {
            let vendor = [device.vendor, device.model].compactMap { $0 }.joined(separator: " ")
            html += """
                <tr><td data-label="Key"><code>\(HTML.escape(device.conflictKey ?? ""))</code></td>\
                <td data-label="Device">\(deviceLabel(device))</td>\
                <td data-label="Verdict">\(verdictChip(device.verdict))</td>\
                <td data-label="Vendor">\(HTML.escape(vendor))</td>\
                <td data-label="Last seen">\(HTML.time(device.lastSeen))</td></tr>
                """
        }
        return html + "</tbody></table>"
    }

    private static func verdictChip(_ verdict: Verdict) -> String {
        "<span class=\"v v-\(verdict.rawValue)\">\(HTML.escape(verdict.rawValue))</span>"
    }

    private func flaggedTable(_ devices: [DeviceRecord]) -> String {
        var html = """
            <table class="r flagged"><thead><tr><th>Device</th><th>Verdict</th><th>Brand / model</th><th>Firmware</th>\
            <th>Last seen</th><th>Coverage</th><th>State</th><th>Found by</th><th>Top evidence</th></tr></thead><tbody>
            """
        for device in devices {
            let brand = [device.brand ?? device.vendor, device.model].compactMap { $0 }.joined(separator: " ")
            html += """
                <tr><td data-label="Device">\(Self.deviceLabel(device))</td>\
                <td data-label="Verdict">\(Self.verdictChip(device.verdict))</td>\
                <td data-label="Model">\(HTML.escape(brand))</td>\
                <td data-label="Firmware">\(HTML.escape(device.firmware ?? ""))\(advisoryNote(device))</td>\
                <td data-label="Last seen">\(HTML.time(device.lastSeen))</td>\
                <td data-label="Coverage">\(coverageCell(device))</td>\
                <td data-label="State">\(Self.lifecycleChip(device))</td>\
                <td data-label="Found by">\(Self.foundCell(device))</td>\
                <td data-label="Evidence">\(HTML.escape(device.topEvidence ?? ""))</td></tr>
                """
        }
        return html + "</tbody></table>"
    }

    /// `firmware in the range of …` under the firmware, one line per advisory range matched.
    func advisoryNote(_ device: DeviceRecord) -> String {
        policies.advisories.matches(of: device).map {
            "<br><span class=\"alert advisory\" data-advisory=\"\(HTML.escape($0.advisory))\">\(HTML.escape($0.summary))</span>"
        }.joined()
    }

    /// The lifecycle state, with the removal date when scheduled.
    static func lifecycleChip(_ device: DeviceRecord) -> String {
        var text = device.lifecycle.rawValue
        if device.lifecycle == .scheduled, let date = device.removalDate {
            text += " " + String(HTML.time(date).prefix(10))
        }
        if device.lifecycle == .removed { text += " (\(device.missedRounds)/\(device.goneAfterRounds) missed)" }
        return "<span class=\"v s-\(device.lifecycle.rawValue)\" data-state=\"\(device.lifecycle.rawValue)\">"
            + "\(HTML.escape(text))</span>"
    }

    /// One chip per policy that covers the device (or leaves it undetermined); the reason as a tooltip.
    func coverageCell(_ device: DeviceRecord) -> String {
        let results = policies.coverage(of: device).filter { $0.status != .notCovered }
        guard !results.isEmpty else {
            return policies.policies.isEmpty ? "" : "<span class=\"muted\">not covered</span>"
        }
        return results.map { result in
            let label = result.status == .covered ? result.policy : "\(result.policy)?"
            return "<span class=\"v c-\(result.status.rawValue)\" title=\"\(HTML.escape(result.summary))\" "
                + "data-policy=\"\(HTML.escape(result.policy))\" data-coverage=\"\(result.status.rawValue)\">"
                + "\(HTML.escape(label))</span>"
        }.joined(separator: " ")
    }

    private func othersTable(_ devices: [DeviceRecord], staleBefore: Int64) -> String {
        var html = """
            <table class="r others"><thead><tr><th>Device</th><th>Verdict</th><th>Vendor / model</th><th>Firmware</th>\
            <th>Last seen</th><th>Coverage</th><th>State</th><th>Found by</th><th>Status</th></tr></thead><tbody>
            """
        for device in devices {
            let stale = device.lastSeen < staleBefore
            let vendor = [device.vendor, device.model].compactMap { $0 }.joined(separator: " ")
            html += """
                <tr><td data-label="Device">\(Self.deviceLabel(device))</td>\
                <td data-label="Verdict">\(Self.verdictChip(device.verdict))</td>\
                <td data-label="Vendor">\(HTML.escape(vendor))</td>\
                <td data-label="Firmware">\(HTML.escape(device.firmware ?? ""))</td>\
                <td data-label="Last seen"\(stale ? " class=\"stale\"" : "")>\(HTML.time(device.lastSeen))\
                \(stale ? " (stale)" : "")</td>\
                <td data-label="Coverage">\(coverageCell(device))</td>\
                <td data-label="State">\(Self.lifecycleChip(device))</td>\
                <td data-label="Found by">\(Self.foundCell(device))</td>\
                <td data-label="Status">\(HTML.escape(device.status))</td></tr>
                """
        }
        return html + "</tbody></table>"
    }

    func devicePage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self), let detail = try await storage.device(id: id)
        else {
            var response = Self.html(
                HTML.document(
                    title: "No such device",
                    body: "<main><h1>No such device</h1><p><a href=\"/\">Back to the overview</a></p></main>"
                )
            )
            response.status = .notFound
            return response
        }
        let device = detail.device
        let staleBefore = self.staleBefore
        let report = detail.latestReport
        func row(_ label: String, _ value: String?) -> String {
            guard let value, !value.isEmpty else { return "" }
            return "<tr><th>\(HTML.escape(label))</th><td>\(HTML.escape(value))</td></tr>"
        }
        var body = """
            <header><p><a href="/">← all devices</a> · <a href="/?site=\(HTML.escape(DeviceFilter.percentEncode(device.site)))">\
            site \(HTML.escape(device.site))</a></p>
            <h1>\(HTML.escape(device.host))\(device.port.map { ":\($0)" } ?? "") \(Self.verdictChip(device.verdict))</h1>
            <div class="muted">\(device.lastSeen < staleBefore ? "stale · " : "")last seen \(HTML.time(device.lastSeen)) · \
            first seen \(HTML.time(device.firstSeen)) · \(device.reportCount) reports · \
            <a href="/api/v1/devices/\(device.id)">JSON</a></div></header><main>
            <h2>Identity</h2><table class="kv">
            """
        body += row("Verdict", device.verdict.rawValue) + row("Confidence", String(format2(device.confidence)))
        body += row("Vendor", device.vendor) + row("Brand", device.brand) + row("Model", device.model)
        body += row("Firmware", device.firmware) + row("Serial number", device.serialNumber) + row("MAC", device.mac)
        body += row("Stable id", device.stableId) + row("Last probe status", device.status)
        body += row("URL", report?.target.url) + row("Agent", report?.source?.agent)
        body += "<tr><th>Found by</th><td>\(Self.foundCell(device))</td></tr>"
        body += row("Discovery channels", device.discoveryChannels.joined(separator: ", "))
        body += device.firstDiscovered.map { "<tr><th>First discovered</th><td>\(HTML.time($0))</td></tr>" } ?? ""
        body += row("Open ports", report?.discovery.map { $0.openPorts.map(String.init).joined(separator: ", ") })
        body += row("Neighbour MAC", report?.discovery?.neighbourMAC)
        if device.failedRounds > 0 { body += row("Failed probes in a row", String(device.failedRounds)) }
        body += "</table>"
        body += "<h2>Removal</h2><p>State \(Self.lifecycleChip(device))</p>"
        if !detail.lifecycleHistory.isEmpty {
            body += """
                <table class="r lifecycle"><thead><tr><th>When</th><th>From</th><th>To</th><th>Who</th>\
                <th>Date</th><th>Note</th></tr></thead><tbody>
                """
            for event in detail.lifecycleHistory {
                body += """
                    <tr><td data-label="When">\(HTML.time(event.at))</td>\
                    <td data-label="From">\(HTML.escape(event.from.rawValue))</td>\
                    <td data-label="To">\(HTML.escape(event.to.rawValue))</td>\
                    <td data-label="Who">\(HTML.escape(event.actor))</td>\
                    <td data-label="Date">\(event.date.map(HTML.time) ?? "")</td>\
                    <td data-label="Note">\(HTML.escape(event.note ?? ""))</td></tr>
                    """
            }
            body += "</tbody></table>"
        }
        let advisories = policies.advisories.matches(of: device)
        if !advisories.isEmpty {
            body += "<h2>Firmware advisories</h2><ul class=\"advisories\">"
            for match in advisories {
                body += "<li><a href=\"\(HTML.escape(match.source))\">\(HTML.escape(match.summary))</a></li>"
            }
            body +=
                "</ul><p class=\"muted\">From the model and firmware the device reported, compared with the "
                + "advisory's published ranges; never verified by testing the device.</p>"
        }
        let coverage = policies.coverage(of: device)
        if !coverage.isEmpty {
            body += "<h2>Coverage</h2><ul class=\"coverage\">"
            for result in coverage {
                body +=
                    "<li data-policy=\"\(HTML.escape(result.policy))\" data-coverage=\"\(result.status.rawValue)\">"
                    + "\(HTML.escape(result.summary))</li>"
            }
            body += "</ul>"
        }
        if let key = device.conflictKey {
            body +=
                "<h2 class=\"alert\">Conflict: <code>\(HTML.escape(key))</code> also reported from</h2><ul>"
                + detail.conflicts.map { other in
                    let address = other.port.map { "\(other.host):\($0)" } ?? other.host
                    return "<li><a href=\"/devices/\(other.id)\">\(HTML.escape(address))</a> "
                        + "\(Self.verdictChip(other.verdict)) last seen \(HTML.time(other.lastSeen))</li>"
                }.joined() + "</ul>"
        }

        let evidence = report?.identity.evidence ?? []
        body += "<h2>Evidence of the latest report (\(evidence.count))</h2>"
        if evidence.isEmpty {
            body += "<p class=\"muted\">None.</p>"
        } else {
            body += """
                <table class="r"><thead><tr><th>Rule</th><th>Field</th><th>Value</th><th class="num">Weight</th>\
                <th>Implies</th><th>Description</th></tr></thead><tbody>
                """
            for item in evidence.sorted(by: { $0.weight > $1.weight }) {
                body += """
                    <tr><td data-label="Rule">\(HTML.escape(item.rule))</td>\
                    <td data-label="Field">\(HTML.escape(item.field))</td>\
                    <td data-label="Value"><code>\(HTML.escape(item.value))</code></td>\
                    <td data-label="Weight" class="num">\(format2(item.weight))</td>\
                    <td data-label="Implies">\(HTML.escape(item.implies))</td>\
                    <td data-label="Description">\(HTML.escape(item.description ?? ""))</td></tr>
                    """
            }
            body += "</tbody></table>"
        }
        let contradictions = report?.identity.contradictions ?? []
        if !contradictions.isEmpty {
            body +=
                "<h2>Contradictions</h2><ul>" + contradictions.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        }
        let streams = report?.streams ?? []
        if !streams.isEmpty {
            body += """
                <h2>Streams</h2><table class="r"><thead><tr><th>Kind</th><th>Codec</th><th>Profile</th>\
                <th>Size</th><th class="num">Frame rate</th></tr></thead><tbody>
                """
            for stream in streams {
                let size = stream.width.flatMap { width in stream.height.map { "\(width)×\($0)" } } ?? ""
                body += """
                    <tr><td data-label="Kind">\(HTML.escape(stream.kind))</td>\
                    <td data-label="Codec">\(HTML.escape(stream.codec))</td>\
                    <td data-label="Profile">\(HTML.escape([stream.profile, stream.level].compactMap { $0 }.joined(separator: " ")))</td>\
                    <td data-label="Size">\(HTML.escape(size))</td>\
                    <td data-label="Frame rate" class="num">\(stream.frameRate.map(format2) ?? "")</td></tr>
                    """
            }
            body += "</tbody></table>"
        }
        body += """
            <h2>Identity history (\(detail.history.count))</h2><table class="r"><thead><tr><th>Observed</th>\
            <th>Verdict</th><th>Vendor / brand</th><th>Model</th><th>Firmware</th><th>Report</th></tr></thead><tbody>
            """
        for change in detail.history.reversed() {
            let vendor = [change.vendor, change.brand].compactMap { $0 }.joined(separator: " / ")
            body += """
                <tr><td data-label="Observed">\(HTML.time(change.observedAt))</td>\
                <td data-label="Verdict">\(Self.verdictChip(change.verdict))</td>\
                <td data-label="Vendor">\(HTML.escape(vendor))</td>\
                <td data-label="Model">\(HTML.escape(change.model ?? ""))</td>\
                <td data-label="Firmware">\(HTML.escape(change.firmware ?? ""))</td>\
                <td data-label="Report"><code>\(HTML.escape(change.reportId))</code></td></tr>
                """
        }
        body += "</tbody></table></main>"
        return Self.html(HTML.document(title: "camprint device \(device.host)", body: body))
    }
}

private func format2(_ value: Double) -> String {
    let scaled = (value * 100).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15 else { return String(value) }
    let integer = Int64(scaled)
    let sign = integer < 0 ? "-" : ""
    let magnitude = abs(integer)
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
