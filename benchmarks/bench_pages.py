"""Lighthouse 12.2.3 (mobile) on three pages of built sites, served compressed.

For each site given, the home page, the indicator page with the most entries on its timeline
(the largest indicators/*.html) and the largest document page are served by
:class:`benchmarks.phone.GzipServer` (precompressed ``.gz`` files when the build wrote them, gzip
on the fly otherwise) and audited by Lighthouse's mobile preset (its own simulated slow 4G and
4× CPU slowdown) in Debian's Chromium. Sites are measured in turn, run by run, so that a baseline
and the site under test see the same machine load; the figures are medians of ``--runs`` runs.

Printed per site and page: Performance, Accessibility and SEO scores, Lighthouse's total transfer
size (``total-byte-weight``), the bytes the server sent for one cold load on the phone profile of
``benchmarks/phone.py`` (Playwright, new context, until the network is idle, no search typed), and
the ratio of that to the first site.

Then, for sites with a service worker (issue 24), what a first visit to each language's home page keeps
for offline use: the bytes the server sent after the page's load event until the worker's copy is complete
(its script, the core pack, and any style or script the browser did not keep), and the seconds from
navigation to then, on the phone profile with service workers allowed. Measured twice: with a server that
lets the browser keep what the page loaded (``Cache-Control: no-cache``, as a server without cache headers),
and with one that forbids it (``no-store``: the worker downloads the page's styles and scripts again).

Setup (once): ``npm ci --prefix benchmarks/node`` (Lighthouse 12.2.3 from npm; no browser is
downloaded: Chromium is /usr/bin/chromium).

    python benchmarks/bench_pages.py --site before=/tmp/before/site --site after=site [--runs 3] [--page home]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import environment, median, table, write_result
from benchmarks.phone import CHROMIUM, CpuThrottle, GzipServer, new_phone_page, phone_browser

NODE = Path(__file__).resolve().parent / "node"
LIGHTHOUSE = NODE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


def pages_of(site: Path) -> dict[str, str]:
    """The three pages measured: home, the largest indicator page, the largest document page."""
    def largest(folder: str) -> str:
        files = [path for path in (site / folder).glob("*.html") if path.name != "index.html"]
        return f"{folder}/{max(files, key=lambda path: path.stat().st_size).name}"

    return {"home": "index.html", "indicator": largest("indicators"), "document": largest("documents")}


def lighthouse(url: str) -> dict[str, float]:
    """One Lighthouse run: the three category scores (0–100) and the total transfer size in bytes."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
        if not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    scores["transfer"] = data["audits"]["total-byte-weight"]["numericValue"]
    return scores


def cold_load_bytes(browser: object, server: GzipServer, url: str) -> int:
    """Bytes the server sends for one cold load of ``url`` on the phone profile, until the network is idle."""
    page = new_phone_page(browser)
    try:
        server.reset()
        page.goto(url, wait_until="networkidle", timeout=120_000)
        return server.bytes_sent
    finally:
        page.context.close()


OFFLINE_READY = "document.getElementById('offline-box') && document.getElementById('offline-box').dataset.state === 'core'"
CACHE_MODES = ("no-cache", "no-store")


def first_visit_precache(site: Path, lang: str, cache_control: str) -> dict[str, float] | None:
    """Bytes the server sent after the home page's load until the worker's first-visit copy is complete, and when."""
    home = site / lang / "index.html"
    if 'id="offline-box"' not in home.read_text(encoding="utf-8"):
        return None  # a site from before issue 24
    with GzipServer(site, cache_control=cache_control) as server, phone_browser() as browser:
        page = new_phone_page(browser, service_workers="allow")
        try:
            server.reset()
            with CpuThrottle():
                page.goto(server.url + lang + "index.html", wait_until="load", timeout=120_000)
                loaded = server.bytes_sent
                page.wait_for_function(OFFLINE_READY, timeout=120_000)
                ready = page.evaluate("performance.now()") / 1000
            return {"page_bytes": loaded, "precache_bytes": server.bytes_sent - loaded, "ready_seconds": ready}
        finally:
            page.context.close()


def measure_precache(sites: dict[str, Path], runs: int) -> dict[str, dict[str, dict[str, list[float]]]]:
    """``{site: {"zh no-cache": {metric: [one value per run]}, …}}``, sites interleaved run by run."""
    results: dict[str, dict[str, dict[str, list[float]]]] = {name: {} for name in sites}
    for run in range(runs):
        for name, site in sites.items():
            for lang in ("", "en/"):
                for mode in CACHE_MODES:
                    figures = first_visit_precache(site, lang, mode)
                    if figures is None:
                        continue
                    key = f"{lang.rstrip('/') or 'zh'} {mode}"
                    for metric, value in figures.items():
                        results[name].setdefault(key, {}).setdefault(metric, []).append(value)
                    print(f"run {run + 1}/{runs} {name} precache {key}: {figures}", file=sys.stderr)
    return results


def measure(sites: dict[str, Path], runs: int, only: list[str]) -> dict[str, dict[str, dict[str, list[float]]]]:
    """``{site: {page: {metric: [one value per run]}}}``, sites interleaved run by run; ``only``: those pages."""
    results: dict[str, dict[str, dict[str, list[float]]]] = {name: {} for name in sites}
    for run in range(runs):
        for name, site in sites.items():
            with GzipServer(site) as server, phone_browser() as browser:
                for page, path in pages_of(site).items():
                    if page not in only:
                        continue
                    figures = lighthouse(server.url + path)
                    figures["server_bytes"] = cold_load_bytes(browser, server, server.url + path)
                    for metric, value in figures.items():
                        results[name].setdefault(page, {}).setdefault(metric, []).append(value)
                    print(f"run {run + 1}/{runs} {name} {page}: {figures}", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", required=True, metavar="NAME=FOLDER",
                        help="a built site to measure; the first is the baseline of the ratios")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported)")
    parser.add_argument("--precache-only", action="store_true", help="only the first visit's offline copy (no Lighthouse)")
    parser.add_argument("--page", action="append", choices=("home", "indicator", "document"),
                        help="only this page (repeatable; default: all three)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() and not args.precache_only:
        sys.exit(f"{LIGHTHOUSE} missing: run `npm ci --prefix {NODE}` first")
    sites = {}
    for item in args.site:
        name, _, folder = item.partition("=")
        sites[name] = Path(folder).resolve()
    pages = {name: pages_of(site) for name, site in sites.items()}
    started = environment()  # the load average before the runs; write_result adds the one after
    results = {} if args.precache_only else measure(sites, args.runs, args.page or ["home", "indicator", "document"])
    baseline = next(iter(sites))
    rows = []
    for name in sites:
        for page, metrics in results.get(name, {}).items():
            base = median(results[baseline][page]["server_bytes"])
            transfer = median(metrics["transfer"])
            rows.append([name, f"{page} ({pages[name][page]})",
                         *(f"{median(metrics[category]):.0f}" for category in CATEGORIES),
                         f"{transfer / 1024:,.0f} KB", f"{median(metrics['server_bytes']) / 1024:,.0f} KB",
                         f"{median(metrics['server_bytes']) / base:.2f}"])
    load = f"load average {started['loadavg_start'][0]:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    if rows:
        print(f"Lighthouse 12.2.3, mobile preset, gzip server, median of {args.runs} run(s); {load}")
        print(table(["site", "page", "Performance", "Accessibility", "SEO", "transfer (Lighthouse)",
                     "cold phone load", f"cold load ÷ {baseline}"], rows))
    precache = measure_precache(sites, args.runs)
    rows = [[name, key, f"{median(m['page_bytes']) / 1024:,.0f} KB", f"{median(m['precache_bytes']) / 1024:,.0f} KB",
             f"{median(m['ready_seconds']):.2f} s"]
            for name in sites for key, m in precache[name].items()]
    if rows:
        print(f"\nFirst visit to the home page, phone profile, service worker allowed, median of {args.runs} run(s); "
              f"load average {os.getloadavg()[0]:.2f} at end")
        print(table(["site", "home page, server's Cache-Control", "page load", "precache after load",
                     "offline copy ready after"], rows))
    path = write_result("pages", {"environment": started, "sites": {k: str(v) for k, v in sites.items()},
                                  "pages": pages, "runs": args.runs, "results": results, "precache": precache})
    print(f"→ {path}")


if __name__ == "__main__":
    main()
