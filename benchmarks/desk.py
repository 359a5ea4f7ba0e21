"""How quickly the front desk answers the person at it: `briefing serve` started on a free
port with the shipped fact sheets, then timed over HTTP as a browser would use it. Prints a
table and writes it as JSON. Not part of the test suite.

    python benchmarks/desk.py [--runs 20] [--json benchmarks/desk-results.json]

Each time runs from sending the request to the last byte of the answer, the redirect to the
result page followed (so a press of the button includes rendering, the preview and the page
that shows them). Memory is that of the server and its workers at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VISIT = {"brochure": ["smart-medical"], "lang": ["zh"], "visitor": ["长沙市商务局考察团"], "date": ["2026-11-27"],
         "dates_checked": ["1"]}  # the sheets' expected dates are past by the visit: made anyway, as staff would
EVERYTHING = {"brochure": ["mobile-internet", "smart-medical"], "flyer": ["mobile-internet", "smart-medical"],
              "overview": ["1"], "lang": ["zh", "en"]}
STAFF = 4  # people pressing the button at the same moment


def start() -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--data", str(ROOT / "data"), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=dict(os.environ, PYTHONUNBUFFERED="1"))
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        server.kill()
        raise SystemExit(f"briefing serve said: {line!r}")
    return server, match.group(0)


def fetch(url: str, form: dict | None = None) -> tuple[float, int]:
    """Seconds to the last byte, and the bytes of the final page."""
    data = urllib.parse.urlencode(form, doseq=True).encode() if form else None
    begin = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=120) as response:
        body = response.read()
    return time.perf_counter() - begin, len(body)


def timed(name: str, samples: list[float], note: str = "") -> dict:
    return {"scenario": name, "runs": len(samples), "median_s": round(statistics.median(samples), 3),
            "min_s": round(min(samples), 3), "max_s": round(max(samples), 3), "note": note}


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and proportional (PSS: a page shared by n processes counts 1/n) megabytes of
    the server and every process under it: the workers share what the fork server loaded."""
    pids, rss, pss = [pid], 0.0, 0.0
    while pids:
        current = pids.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            # children of every thread: the pool is started by one of the server's threads
            children = [c for task in Path(f"/proc/{current}/task").iterdir()
                        for c in (task / "children").read_text().split()]
        except OSError:
            continue
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1)) / 1024
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1)) / 1024
        pids += [int(child) for child in children]
    return round(rss, 1), round(pss, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "desk-results.json")
    args = parser.parse_args()

    server, url = start()
    try:
        results = [timed("first press after start", [fetch(url + "make", VISIT)[0]],
                         "one brochure for a visitor; the workers start")]
        results.append(timed("open the form", [fetch(url)[0] for _ in range(args.runs)],
                             "reads the sheets in a worker"))
        results.append(timed("one brochure for a visitor", [fetch(url + "make", VISIT)[0] for _ in range(args.runs)],
                             "zh, with cover line and preview"))
        results.append(timed("every document, both languages",
                             [fetch(url + "make", EVERYTHING)[0] for _ in range(max(3, args.runs // 4))],
                             "2 brochures, 4 flyers, the overview; 14 PDFs in a zip"))
        together = []
        with ThreadPoolExecutor(STAFF) as pool:
            for _ in range(max(3, args.runs // 4)):
                begin = time.perf_counter()
                list(pool.map(lambda _: fetch(url + "make", VISIT), range(STAFF)))
                together.append(time.perf_counter() - begin)
        results.append(timed(f"{STAFF} visitors' brochures at once", together, "until the last page arrives"))
        rss, pss = memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(20)

    print(f"{'scenario':<34} {'runs':>4} {'median':>8} {'min':>7} {'max':>7}  note")
    for r in results:
        print(f"{r['scenario']:<34} {r['runs']:>4} {r['median_s']:>7.3f}s {r['min_s']:>6.3f}s "
              f"{r['max_s']:>6.3f}s  {r['note']}")
    print(f"memory of the server, fork server and workers: {pss} MB proportional, {rss} MB resident "
          f"({os.cpu_count()} cores)")
    args.json.write_text(json.dumps({"results": results, "pss_mb": pss, "rss_mb": rss, "cores": os.cpu_count()},
                                    ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
