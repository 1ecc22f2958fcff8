"""Lighthouse 12.2.3 on the page, as a phone (its mobile preset) or a desktop sees it, served by
`python -m server` and as a published build; prints the median of --runs runs per column as a Markdown
table against issue 33's targets. Asserts nothing.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--desktop] [--only server|published]

- server: the app under waitress with its compressed copies, as `python -m server` serves it;
- published: `python -m server.publish` into a temporary folder with --base /courses/vae/, served by
  nginx through the build's own nginx.conf, compressing as CDNs do: brotli where Debian's
  libnginx-mod-http-brotli-filter is installed, else gzip (the column says which; needs nginx:
  scripts/test.sh installs it).
Lighthouse is installed the first time into bench/out/lighthouse/ (npm, pinned 12.2.3: 13 needs Node 22),
and drives Debian's Chromium (tests/harness.py CHROMIUM) headless with the harness's flags. Lighthouse
clears the origin's storage before each run, so every run is a first visit. Its throttling is simulated
(Lantern: 150 ms RTT, 1.6 Mbit/s, a CPU 4× slower than this one for mobile), so the figures depend on
how busy this machine is: run it on a quiet one. The JSON reports stay in bench/out/lighthouse/.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, LiveServer, NginxHost  # noqa: E402

VERSION = "12.2.3"
OUT = os.path.join(ROOT, "bench", "out", "lighthouse")
BASE = "/courses/vae/"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {  # audit id: (label, unit divisor, unit)
    "first-contentful-paint": ("FCP", 1000, "s"),
    "largest-contentful-paint": ("LCP", 1000, "s"),
    "total-blocking-time": ("TBT", 1, "ms"),
    "cumulative-layout-shift": ("CLS", 1, ""),
    "speed-index": ("Speed Index", 1000, "s"),
}
TARGETS = {
    "performance": ">= 90",
    "accessibility": "100",
    "best-practices": "100",
    "seo": "100",
    "LCP": "<= 2.5 s",
    "CLS": "<= 0.1",
}


def lighthouse():
    """The pinned Lighthouse's CLI, installed into bench/out/lighthouse/ if missing."""
    cli = os.path.join(OUT, "node_modules", ".bin", "lighthouse")
    if not os.path.exists(cli):
        print(f"installing lighthouse@{VERSION} into {OUT} (npm) …", file=sys.stderr)
        os.makedirs(OUT, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", OUT, "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{VERSION}"],
            check=True,
        )
    return cli


def run_once(cli, url, desktop, report):
    """One Lighthouse run of url: {category or metric label: value}."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [cli, url, "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={flags}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    with open(report) as f:
        result = json.load(f)
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {result['runtimeError'].get('message')}")
    figures = {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES}
    for audit, (label, divisor, _) in METRICS.items():
        figures[label] = result["audits"][audit]["numericValue"] / divisor
    scored = {k: a for k, a in result["audits"].items() if a["scoreDisplayMode"] in ("binary", "numeric")}
    figures["failed audits"] = sorted(k for k, a in scored.items() if a.get("score") is not None and a["score"] < 0.9)
    return figures


def measure(cli, name, url, runs, desktop):
    results = []
    for k in range(runs):
        report = os.path.join(OUT, f"{name}-{'desktop' if desktop else 'mobile'}-{k + 1}.json")
        results.append(run_once(cli, url, desktop, report))
        said = ", ".join(f"{key} {value}" for key, value in results[-1].items())
        print(f"{name} run {k + 1}: {said}", file=sys.stderr)
    return results


def cell(label, values):
    median = statistics.median(values)
    unit = next((u for lab, _, u in METRICS.values() if lab == label), "")
    if label == "CLS":
        return f"{median:.3f}"
    if unit == "s":
        return f"{median:.2f} s"
    return f"{median:.0f}{' ' + unit if unit else ''}"


def table(columns, runs, desktop):
    names = list(columns)
    lines = [
        f"Lighthouse {VERSION}, {'desktop' if desktop else 'mobile'} preset, median of {runs}",
        "",
        "| figure | " + " | ".join(names) + " | target |",
        "|---|" + "---|" * len(names) + "---|",
    ]
    for label in CATEGORIES + [label for label, _, _ in METRICS.values()]:
        cells = [cell(label, [r[label] for r in columns[n]]) for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {TARGETS.get(label, '')} |")
    for n in names:
        failed = sorted({a for r in columns[n] for a in r["failed audits"]})
        lines.append(f"\n{n}: audits under 0.9 in some run: {', '.join(failed) or 'none'}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 21), metavar="N (1-20)")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of mobile")
    parser.add_argument("--only", choices=["server", "published"])
    args = parser.parse_args()
    cli = lighthouse()
    columns = {}
    if args.only in (None, "server"):
        server = LiveServer(os.path.join(ROOT, "exported_model"), compressed=True)
        try:
            columns["python -m server"] = measure(cli, "server", server.url, args.runs, args.desktop)
        finally:
            server.close()
    if args.only in (None, "published"):
        with tempfile.TemporaryDirectory() as work:
            build = os.path.join(work, "build")
            subprocess.run([sys.executable, "-m", "server.publish", build, "--base", BASE], check=True, cwd=ROOT)
            host = NginxHost(build, work, compress=True)
            try:
                name = f"published (nginx, {host.compression})"
                columns[name] = measure(cli, "published", host.url + BASE, args.runs, args.desktop)
            finally:
                host.close()
    print(table(columns, args.runs, args.desktop))


if __name__ == "__main__":
    main()
