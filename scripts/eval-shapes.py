#!/usr/bin/env python3
"""Does a verdict survive the way people paste device output? Every text capture of the eval corpus
(scripts/eval.py) is given again in the shapes logs, issue threads and chat tools put it in — a
logger's prefix on each line, indentation, tabs, CR/LF, Markdown quotes and fences, header names
lower-cased — and `camprint identify` must give the same verdict as for the capture as found.

Per shape it prints how many files kept their verdict, which Hikvision-family files were lost and
which files became hikvision/hikvision-oem. Exits 1 when a shape makes any file a false
hikvision/hikvision-oem (a shape adds no evidence, so that can only be a reader fault).

usage: scripts/eval-shapes.py CAMPRINT CORPUS [--verbose]
"""
import importlib.util, os, re, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("camprint_eval", os.path.join(here, "eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)

HEADER_NAME = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*)(:\s?)", re.M)


def lines_of(body):
    return body.replace(b"\r\n", b"\n").split(b"\n")


def each_line(body, prefix):
    return b"\n".join((prefix + l) if l.strip() else l for l in lines_of(body))


SHAPES = {
    # `2024-05-01 12:34:56.789 DEBUG [rtsp.client] ` — a Python/Java/Go logger's line head.
    "log-prefix": lambda b: each_line(b, b"2024-05-01 12:34:56.789 DEBUG [rtsp.client] "),
    "indent": lambda b: each_line(b, b"    "),
    "tab": lambda b: each_line(b, b"\t"),
    "crlf": lambda b: b"\r\n".join(lines_of(b)),
    "markdown-quote": lambda b: b"\n".join(b"> " + l for l in lines_of(b)),
    "markdown-fence": lambda b: b"```text\n" + b.rstrip(b"\n") + b"\n```\n",
    # Clients that canonicalise or lower-case header names (go2rtc, HTTP/2 logs).
    "lower-headers": lambda b: HEADER_NAME.sub(lambda m: m.group(1).lower() + m.group(2), b),
}


def is_text(data):
    if not data:
        return False
    sample = data[:4096]
    return b"\x00" not in sample and sum(1 for c in sample if c < 9 or 13 < c < 32) < 8


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    binary, corpus = args[0], args[1]
    root = os.path.dirname(here)
    workdir = tempfile.mkdtemp(prefix="camprint-eval-shapes-")
    items = ev.collect(corpus, os.path.join(root, "Samples", "captures"),
                       os.path.join(root, "Samples", "eval", "expected.tsv"), workdir)
    items = [it for it in items if is_text(open(it["file"], "rb").read())]
    jobs = int(os.environ.get("EVAL_JOBS", "4"))
    with ThreadPoolExecutor(jobs) as pool:
        baseline = list(pool.map(lambda it: ev.identify(binary, it, set())["verdict"], items))
    tasks = []
    for name, shape in SHAPES.items():
        for i, it in enumerate(items):
            shaped = dict(it, file=os.path.join(workdir, f"{name}__{os.path.basename(it['file'])}"))
            with open(shaped["file"], "wb") as f:
                f.write(shape(open(it["file"], "rb").read()))
            tasks.append((name, i, shaped))
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda t: ev.identify(binary, t[2], set())["verdict"], tasks))

    failed = False
    family = sum(1 for it in items if it["expected"] in ev.HIK)
    found = sum(1 for it, v in zip(items, baseline) if it["expected"] in ev.HIK and v in ev.HIK)
    print(f"{len(items)} text captures; as found: Hikvision-family recall {found}/{family}")
    print(f"{'shape':16} {'same verdict':>14} {'recall':>9} {'lost':>5} {'false hik':>10}")
    for name in SHAPES:
        rows = [(items[i], baseline[i], v) for (n, i, _), v in zip(tasks, results) if n == name]
        same = sum(1 for _, b, v in rows if b == v)
        recall = sum(1 for it, _, v in rows if it["expected"] in ev.HIK and v in ev.HIK)
        lost = [it for it, b, v in rows if b in ev.HIK and v not in ev.HIK]
        false = [(it, v) for it, _, v in rows if v in ev.HIK and it["expected"] not in ev.HIK]
        failed = failed or bool(false)
        print(f"{name:16} {same:>8}/{len(rows):<5} {recall:>4}/{family:<4} {len(lost):>5} {len(false):>10}")
        for it in lost if verbose else lost[:5]:
            print(f"    lost   {it['path']}")
        for it, v in false:
            print(f"    FALSE  {it['path']} -> {v}")
        if verbose:
            for it, b, v in rows:
                if b != v and not (b in ev.HIK and v not in ev.HIK):
                    print(f"    moved  {it['path']}: {b} -> {v}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
