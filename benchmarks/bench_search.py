"""Search payload and speed: index size against the text it indexes, and time to first result.

For the real corpus and a synthetic corpus of 5,000 entries (benchmarks/synthetic.py) this
builds the site, then reports

* the UTF-8 bytes of the indexed text (titles and texts, segmentation marks removed),
* ``search_index.json`` as written (UTF-8) and as Material writes it (``\\uXXXX`` escapes),
  each raw and gzip-compressed (what a server with compression sends),
* the time from navigation start to the first search result in headless Chromium, typing the
  query as soon as the search box exists (median of several cold loads).

Run: ``python benchmarks/bench_search.py [--runs 5] [--sizes 5000]``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import copy_site_files, generate  # noqa: E402
from generator.content.quotes import default_sources_dir  # noqa: E402
from generator.site.build import build_site  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def sizes(site: Path) -> dict[str, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    data = json.loads(raw)
    text = "".join(doc.get("title", "") + doc.get("text", "") for doc in data["docs"]).replace("\u200b", "")
    escaped = json.dumps(data, separators=(",", ":")).encode()
    # What a phone downloads besides the index: the (patched) worker and lunr's language support
    # for the site's languages; search_index.js is the copy the offline plugin adds for file://.
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    languages = data["config"]["lang"]
    lunr_files = [lunr / "lunr.stemmer.support.min.js", lunr / "lunr.multi.min.js"]
    lunr_files += [lunr / f"lunr.{lang}.min.js" for lang in languages if lang != "en"]
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    other = b"".join(path.read_bytes() for path in [*workers, *lunr_files] if path.is_file())
    offline = site / "search" / "search_index.js"
    return {
        "indexed_text_utf8": len(text.encode()),
        "index_utf8": len(raw),
        "index_utf8_gzip": len(gzip.compress(raw, 6)),
        "index_escaped": len(escaped),
        "index_escaped_gzip": len(gzip.compress(escaped, 6)),
        "worker_and_lunr": len(other),
        "worker_and_lunr_gzip": len(gzip.compress(other, 6)),
        "offline_index_js": offline.stat().st_size if offline.is_file() else 0,
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_result_ms(site: Path, query: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            context = browser.new_context()  # a new context each time: nothing cached
            page = context.new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_selector("input.md-search__input", state="attached")
            page.fill("input.md-search__input", query)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            times.append(page.evaluate("performance.now()"))
            context.close()
        browser.close()
    server.shutdown()
    return times


def measure(name: str, project: Path, sources: Path | None, runs: int, query: str) -> dict[str, object]:
    site = project / "site"
    started = time.perf_counter()
    report = build_site(project, site, sources)
    if not report.ok:
        raise SystemExit(f"{name}: build failed")
    result: dict[str, object] = {"corpus": name, "build_s": round(time.perf_counter() - started, 1), **sizes(site)}
    times = first_result_ms(site, query, runs)
    result["first_result_ms_median"] = round(statistics.median(times))
    result["first_result_ms_all"] = [round(t) for t in times]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--query", default="社区养老")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real"
        real.mkdir()
        copy_site_files(real)
        for folder in ("policies", "casebook", "glossary", "themes"):
            import shutil

            shutil.copytree(ROOT / folder, real / folder)
        results.append(measure("corpus", real, default_sources_dir(ROOT), args.runs, args.query))
        for n in args.sizes:
            synthetic = Path(tmp) / f"synthetic-{n}"
            generate(n, synthetic)
            results.append(measure(f"synthetic-{n}", synthetic, None, args.runs, args.query))
    header = ["corpus", "build_s", "indexed_text_utf8", "index_utf8", "index_utf8_gzip", "index_escaped",
              "index_escaped_gzip", "worker_and_lunr", "worker_and_lunr_gzip", "offline_index_js", "first_result_ms_median"]
    print(" | ".join(header))
    for row in results:
        print(" | ".join(str(row[key]) for key in header))
        text = row["indexed_text_utf8"]
        print(f"  ratios to indexed text: utf8 {row['index_utf8'] / text:.2f}, utf8+gzip {row['index_utf8_gzip'] / text:.2f}, "
              f"escaped {row['index_escaped'] / text:.2f}, escaped+gzip {row['index_escaped_gzip'] / text:.2f}; "
              f"first result (ms, each run): {row['first_result_ms_all']}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
