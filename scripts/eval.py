#!/usr/bin/env python3
"""Scores `camprint identify` on every real capture the project can see, as a new user would run it.

Corpus: ../shared/corpus/real (labels in Samples/eval/expected.tsv), its no-license/snippets/
(labels from the file-name prefix, see its README) and Samples/captures/ (labels in each file's
header, see Samples/captures/README.md). Header lines are stripped before identify sees a file.

Two runs:
  whole corpus            every rule available;
  leave-one-source-out    for each source (a repository, thread or site), the rules whose every
                          firing in the corpus comes from that source alone are withheld while its
                          files are scored: a rule learned from one source must not be what
                          recognises that same source.
Prints a confusion table per run and per evidence kind, and exits 1 on any false
hikvision/hikvision-oem in either run (clones included).

usage: scripts/eval.py CAMPRINT CORPUS [--verbose] [--jobs N]
"""
import collections, json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

HIK = {"hikvision", "hikvision-oem"}
VERDICTS = ["hikvision", "hikvision-oem", "clone", "other", "unknown"]
KINDS = ["rtsp", "sdp", "isapi", "onvif", "http", "sadp", "upnp", "logs", "media", "other"]


def kind_of(channel, path):
    c = (channel or "").lower()
    p = path.lower()
    for key, kind in [("isapi", "isapi"), ("onvif", "onvif"), ("wsd", "onvif"), ("ws-discovery", "onvif"),
                      ("sadp", "sadp"), ("log", "logs"), ("ffmpeg", "logs"), ("ffprobe", "logs"),
                      ("ssdp", "upnp"), ("upnp", "upnp"), ("rtsp", "rtsp"), ("sdp", "sdp"), ("http", "http"),
                      ("dhip", "other"), ("snmp", "other"), ("nmap", "other")]:
        if key in c:
            return kind
    for key, kind in [("isapi", "isapi"), ("onvif", "onvif"), ("sadp", "sadp"), ("log", "logs"),
                      ("rtsp", "rtsp"), ("sdp", "sdp"), ("describe", "rtsp"), ("http", "http"),
                      (".pcap", "rtsp"), (".mp4", "media"), (".bin", "media"), (".nal", "media"),
                      (".h26", "media"), ("sei", "media")]:
        if key in p:
            return kind
    return "other"


def source_key(text):
    """The unit held out together: a GitHub repository, a search-index file, or a site."""
    m = re.search(r"github\.com/([^/\s]+)/([^/\s#?]+)", text)
    if m:
        return "github:" + m.group(1).lower() + "/" + m.group(2).lower().removesuffix(".git")
    m = re.search(r"(?:file id|index id|id)\s*:?\s*(\d{6,})", text)
    if m:
        return "index:" + m.group(1)
    m = re.search(r"https?://([^/\s]+)", text)
    if m:
        return "site:" + m.group(1).lower()
    return "text:" + text.strip()[:60].lower()


def parse_header(path):
    header, body, in_header = {}, [], True
    raw = open(path, "rb").read()
    lines = raw.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"#"):
        line = lines[i].decode("utf-8", "replace")
        m = re.match(r"#\s*([A-Za-z/ _-]+):\s*(.*)", line)
        if m:
            key = m.group(1).strip().lower()
            header[key] = (header.get(key, "") + " " + m.group(2)).strip() if key in header else m.group(2).strip()
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    return header, b"\n".join(lines[i:])


def snippet_label(name):
    if name.startswith("hikvision-oem-"):
        return "hikvision-oem", "Hikvision"
    if name.startswith("hikvision-") or name.startswith("ezviz-"):
        return "hikvision", "Hikvision"
    return "other", name.split("-")[0]


def collect(corpus, captures, expected_path, workdir):
    items = []  # dict(path, file, expected, vendor, source, kind)
    for line in open(expected_path):
        if line.startswith("#") or not line.strip():
            continue
        path, expected, vendor, reason = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
        full = os.path.join(corpus, path)
        if not os.path.exists(full):
            continue
        parts = path.split("/")
        source = "corpus:" + "/".join(parts[:2] if len(parts) > 2 else parts[:1])
        m = re.search(r"(retina|gortsplib|go2rtc|mediacommon|moonfire|media-stream-library|onvif)", path)
        if m:
            source = "corpus:" + m.group(1)
        items.append(dict(path="corpus/" + path, file=full, expected=expected, vendor=vendor,
                          source=source, kind=kind_of("", path)))
    snippets = os.path.join(corpus, "no-license", "snippets")
    sources = []
    if os.path.isdir(snippets):
        sources += [(os.path.join(snippets, n), "snippets/" + n, True) for n in sorted(os.listdir(snippets))
                    if n.endswith(".txt") and n != "README.md"]
    for root, _, names in sorted(os.walk(captures)):
        for n in sorted(names):
            if n.endswith(".txt") and n != "README.md":
                full = os.path.join(root, n)
                sources.append((full, "captures/" + os.path.relpath(full, captures), False))
    for full, rel, is_snippet in sources:
        header, body = parse_header(full)
        if is_snippet:
            expected, vendor = snippet_label(os.path.basename(full))
        else:
            expected = header.get("label", "").split()[0] if header.get("label") else ""
            vendor = header.get("vendor", "")
            if expected not in VERDICTS:
                print(f"eval: {rel}: no valid '# label:' header, skipped", file=sys.stderr)
                continue
        stripped = os.path.join(workdir, rel.replace("/", "__"))
        with open(stripped, "wb") as f:
            f.write(body)
        items.append(dict(path=rel, file=stripped, expected=expected, vendor=vendor,
                          source=source_key(header.get("source", rel)),
                          kind=kind_of(header.get("channel", ""), rel)))
    return items


def identify(binary, item, excluded):
    args = [binary, "identify", "--no-operator-rules", "--format", "jsonl"]
    for rule in sorted(excluded):
        args += ["--exclude-rule", rule]
    run = subprocess.run(args + [item["file"]], capture_output=True, text=True)
    reports = []
    for line in run.stdout.splitlines():
        try:
            reports.append(json.loads(line))
        except ValueError:
            pass
    if not reports:
        return dict(verdict="error", vendor=run.stderr.strip()[:80], rules=set(), confidence=0.0)
    # Several devices in one file: the file's verdict is its most Hikvision-like report (what an
    # operator acts on), its rules are all rules that fired.
    order = {v: i for i, v in enumerate(VERDICTS)}
    best = min(reports, key=lambda r: order.get(r["identity"]["verdict"], 9))
    rules = {e.get("rule") or e.get("ruleId") or e.get("ruleID") for r in reports
             for e in r["identity"].get("evidence", [])}
    return dict(verdict=best["identity"]["verdict"], vendor=best["identity"].get("vendor") or "",
                rules={r for r in rules if r}, confidence=best["identity"].get("confidence", 0.0),
                devices=len(reports))


def table(title, rows):
    print(f"\n{title} (rows expected, columns actual):")
    print("expected \\ actual".ljust(18) + "".join(v.rjust(15) for v in VERDICTS + ["error"]))
    for expected in VERDICTS:
        print(expected.ljust(18) + "".join(
            str(sum(1 for r in rows if r["expected"] == expected and r["actual"] == a)).rjust(15)
            for a in VERDICTS + ["error"]))


def summary(rows):
    family = [r for r in rows if r["expected"] in HIK]
    recalled = sum(1 for r in family if r["actual"] in HIK)
    false = [r for r in rows if r["actual"] in HIK and r["expected"] not in HIK]
    return recalled, len(family), false


def per_kind(rows):
    print("\nper evidence kind: files, Hikvision-family recall, false hikvision, other/clone right, unknown")
    for kind in KINDS:
        sub = [r for r in rows if r["kind"] == kind]
        if not sub:
            continue
        rec, fam, false = summary(sub)
        non = [r for r in sub if r["expected"] in ("other", "clone")]
        right = sum(1 for r in non if r["actual"] == r["expected"])
        unk = sum(1 for r in sub if r["actual"] == "unknown")
        print(f"  {kind:6} {len(sub):4}   recall {rec:3}/{fam:<3}   false {len(false):2}   "
              f"other/clone {right:3}/{len(non):<3}   unknown {unk:3}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    binary, corpus = args[0], args[1]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    captures = os.path.join(root, "Samples", "captures")
    expected_path = os.path.join(root, "Samples", "eval", "expected.tsv")
    workdir = tempfile.mkdtemp(prefix="camprint-eval-")
    items = collect(corpus, captures, expected_path, workdir)
    jobs = int(os.environ.get("EVAL_JOBS", "4"))
    with ThreadPoolExecutor(jobs) as pool:
        whole = list(pool.map(lambda it: identify(binary, it, set()), items))
    rows = [dict(it, actual=w["verdict"], actual_vendor=w["vendor"], confidence=w["confidence"]) for it, w in zip(items, whole)]

    # Which sources each rule fires on.
    fired = collections.defaultdict(set)
    for it, w in zip(items, whole):
        for rule in w["rules"]:
            fired[rule].add(it["source"])
    by_source = collections.defaultdict(list)
    for i, it in enumerate(items):
        by_source[it["source"]].append(i)
    loso_results = [None] * len(items)
    tasks = []
    for source, indexes in by_source.items():
        # Rules generated from the IEEE registry (scripts/generate-oui-rules.py) were not learned
        # from any capture, so holding a source out does not withhold them.
        own = {rule for rule, srcs in fired.items() if srcs == {source} and not rule.endswith(".mac.oui")}
        for i in indexes:
            tasks.append((i, own))
    with ThreadPoolExecutor(jobs) as pool:
        for (i, own), result in zip(tasks, pool.map(lambda t: identify(binary, items[t[0]], t[1]), tasks)):
            loso_results[i] = result
    loso = [dict(it, actual=w["verdict"], actual_vendor=w["vendor"], confidence=w["confidence"]) for it, w in zip(items, loso_results)]

    print("per file: mark  path  [source]  expected (vendor) -> whole | held-out")
    for r, l in zip(rows, loso):
        mark = "ok"
        if r["actual"] != r["expected"] or l["actual"] != l["expected"]:
            mark = "MISMATCH"
        if (r["actual"] in HIK or l["actual"] in HIK) and r["expected"] not in HIK:
            mark = "FALSE-HIKVISION"
        if verbose or mark != "ok":
            print(f"  {mark:15} {r['path']} [{r['source']}]: {r['expected']} ({r['vendor'][:30] or '-'}) -> "
                  f"{r['actual']} ({r['actual_vendor'] or '-'}) | {l['actual']}")
    for title, data in [("whole corpus", rows), ("leave-one-source-out", loso)]:
        table(f"confusion, {title}", data)
        per_kind(data)
    failed = False
    print()
    for title, data in [("whole corpus", rows), ("leave-one-source-out", loso)]:
        rec, fam, false = summary(data)
        pct = 100.0 * rec / fam if fam else 0
        print(f"{title}: {len(data)} files from {len(by_source)} sources, Hikvision-family recall {rec}/{fam} "
              f"({pct:.1f} %), {len(false)} false hikvision/hikvision-oem")
        failed |= bool(false)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
