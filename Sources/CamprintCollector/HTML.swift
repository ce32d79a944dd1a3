import CamprintStorage
import Foundation

/// Escapes text for HTML element content and double-quoted attribute values: every value shown on the
/// page comes from a camera or an agent and is treated as hostile.
enum HTML {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "`": output += "&#96;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `2026-11-26 15:04 UTC`.
    static func time(_ milliseconds: Int64) -> String {
        let text = EpochTime.rfc3339(milliseconds: milliseconds)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    static let style = """
        :root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6570;--line:#d5dae0;--bg:#fff;--hik:#b42318;--oem:#b54708;\
        --ok:#067647;--chip:#f2f4f7}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#9aa4ae;--line:#3a4149;--bg:#15181c;\
        --hik:#ff8a80;--oem:#fdb022;--ok:#75e0a7;--chip:#262b31}}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
        color:var(--fg);background:var(--bg)}
        header,main{max-width:1200px;margin:0 auto;padding:12px 16px}header{border-bottom:1px solid var(--line)}
        h1{font-size:1.3rem;margin:0 0 4px}h2{font-size:1.15rem;margin:28px 0 8px}h3{font-size:1rem;margin:18px 0 6px}
        a{color:inherit}.muted{color:var(--muted)}.num{font-variant-numeric:tabular-nums;text-align:right}
        table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{padding:6px 8px;border-bottom:1px solid \
        var(--line);text-align:left;vertical-align:top;overflow-wrap:anywhere}th{font-size:.8rem;text-transform:uppercase;\
        letter-spacing:.03em;color:var(--muted)}
        .v{display:inline-block;padding:1px 8px;border-radius:10px;background:var(--chip);font-size:.85rem;white-space:nowrap}
        .v-hikvision{color:var(--hik);font-weight:600}.v-conflict{color:var(--hik)}.c-covered{color:var(--hik);font-weight:600}.c-undetermined{color:var(--muted)}\
        .s-reappeared{color:#fff;background:var(--hik);font-weight:700}.s-verified-gone{color:var(--ok)}\
        .s-scheduled{color:var(--oem)}.reappeared{font-size:1.1rem}figure.chart{max-width:720px;margin:0 0 8px}.v-hikvision-oem{color:var(--oem);font-weight:600}
        .stale{color:var(--muted);font-style:italic}
        form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:10px 0}
        form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
        input,select,button{font:inherit;padding:4px 6px;color:var(--fg);background:var(--bg);border:1px solid \
        var(--line);border-radius:4px}
        .alert{font-weight:600;color:var(--hik)}.good{color:var(--ok)}
        @media (max-width:720px){table.r thead{display:none}table.r tr{display:block;border-bottom:2px solid \
        var(--line);padding:4px 0}table.r td{display:grid;grid-template-columns:8.5em 1fr;gap:8px;border:0;padding:3px 4px}\
        table.r td::before{content:attr(data-label);font-size:.78rem;color:var(--muted);text-transform:uppercase}\
        table.r td.num{text-align:left}}
        """

    static func document(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title><style>\(style)</style></head>
        <body>\(body)</body></html>

        """
    }
}
