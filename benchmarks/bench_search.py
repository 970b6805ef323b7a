"""Search on a phone: the new search against today's search and Pagefind, on the same built sites.

In one run, for the real corpus and a synthetic corpus (5,000 entries by default,
benchmarks/synthetic.py), this builds

- ``new``: this checkout's site (the project's own sharded search);
- ``today``: the site as main built it before the new search (commit 45674cd: Material's lunr
  search and the patch plugin), from a temporary ``git worktree`` and a temporary venv
  (``--system-site-packages``, ``pip install --no-deps -e``), both removed afterwards;
- ``pagefind``: Pagefind 1.6 out of the box (npm, extended build) run over a copy of the new site,
- ``before`` (with ``--before COMMIT``): the site's own search as ``COMMIT`` built it (a temporary detached
  ``git worktree``, run with this Python and ``PYTHONPATH`` pointing at it, removed afterwards), to time a
  change of the search against main before it in the same run, on the same load,

recording the wall and CPU time of every build, then loads each site on the phone profile
(benchmarks/phone.py: 1.6 Mbps, 150 ms, gzip, cold cache, CPU paused 75 ms of every 100 ms),
waits until the search is ready, types a query and records the time from navigation start to the
first result on screen and the bytes the server sent until then: medians of ``--runs`` cold loads,
engines interleaved run by run. The site's own box is typed into the moment it says it is ready (focused, then
the text inserted as typing: benchmarks/search_engines.py ``type_when_ready``), without waiting for the page's
DOMContentLoaded, which comes after the theme's bundle; its time is split: when the box said it was ready
(its script has run), and from the query arriving in the box to the first result (shards, then page files).
``--recall`` also types every query of tests/data/search/
(tuning and held-out) into each engine of the real corpus (desktop, unthrottled) and reports
recall@5 and MRR per category.

Eight queries of different kinds are timed on the new search (short, traditional, a long spoken question,
English, an English question with pinyin, pinyin, initials, a one-character slip); the other engines are
timed on the two every engine answers. ``--engines new`` builds and times this checkout's search alone;
``--engines new --before main`` this checkout's search against main's.

Run: ``python benchmarks/bench_search.py [--runs 3] [--size 5000] [--engines new] [--before COMMIT] [--recall]
[--workdir DIR --keep] [--reuse]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.common import REPO, environment, median, table, write_result
from benchmarks.phone import PHONE, CpuThrottle, GzipServer, load_average_note, new_phone_page, phone_browser
from benchmarks.search_engines import (
    ENGINES,
    FIRST_RESULT_OBSERVER,
    OWN,
    RESULT_SELECTORS,
    first_result_time,
    ranked_pages,
    score_by_category,
    type_when_ready,
    wait_until_ready,
)
from benchmarks.synthetic import generate
from generator.content.sources import default_sources_dir

BASELINE = "45674cd"  # main before the new search: Material's lunr search + the patch plugin
PAGEFIND_VERSION = "1.6.0"
ENTRY_FOLDERS = ("policies", "casebook", "glossary", "themes")
# a spread of what readers type (issue 21), each with words the real and the synthetic corpus both have;
# the other engines are timed on the first and fourth only (they find no pinyin, slip or question)
TIMING_QUERIES = [("short", "zh", "社区养老"), ("traditional", "zh", "網格員"),
                  ("long spoken", "zh", "社区工作者的事情太多了忙不过来应该怎么办"), ("english", "en", "elderly care"),
                  ("english question with pinyin", "en", "what is wushe liandong"), ("pinyin", "zh", "wusheliandong"),
                  ("initials", "zh", "wsld"), ("one-character slip", "zh", "五社连动")]
COMMON_QUERIES = {"社区养老", "elderly care"}  # queries every engine answers
QUERY_SETS = ("tuning", "heldout", "heldout-2", "heldout-3")


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``command``; its wall time and the CPU time (user + system) of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


@contextlib.contextmanager
def baseline_checkout(work: Path, commit: str, keep: bool) -> Iterator[tuple[Path, Path]]:
    """A worktree of ``commit`` and a venv with it installed editable: (root, python)."""
    root, venv = work / "today-src", work / "today-venv"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(root), commit], check=True,
                   capture_output=True)
    try:
        base_python = Path(sys.base_prefix) / "bin" / "python3"
        subprocess.run([str(base_python), "-m", "venv", "--system-site-packages", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(root)], check=True)
        yield root, python
    finally:
        if not keep:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(root)], check=False)
            shutil.rmtree(venv, ignore_errors=True)


def pagefind_binary(folder: Path) -> Path:
    """Pagefind's npm wrapper, installed into ``folder`` when it is not there yet."""
    binary = folder / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "i", "-E", f"pagefind@{PAGEFIND_VERSION}"], cwd=folder, check=True, capture_output=True)
    return binary


def corpus_with_site_files(new: Path, target: Path, site_root: Path) -> Path:
    """The entries of the synthetic corpus ``new`` with another checkout's site files (mkdocs.yml, overrides, docs)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    for folder in ENTRY_FOLDERS:
        shutil.copytree(new / folder, target / folder)
    shutil.copy2(site_root / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(site_root / folder, target / folder)
    return target


def synthetic_corpora(work: Path, size: int, today_root: Path) -> tuple[Path, Path]:
    """The same synthetic entries twice: with this checkout's site files and with the baseline's."""
    new = work / f"corpus-{size}-new"
    generate(size, new, force=True)
    return new, corpus_with_site_files(new, work / f"corpus-{size}-today", today_root)


@contextlib.contextmanager
def before_checkout(work: Path, commit: str, keep: bool) -> Iterator[Path]:
    """A detached worktree of ``commit`` (the generator's dependencies are this Python's)."""
    root = work / "before-src"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(root), commit], check=True,
                   capture_output=True)
    try:
        yield root
    finally:
        if not keep:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(root)], check=False)


def build_before_sites(work: Path, size: int, root: Path) -> tuple[dict[tuple[str, str], Path], dict[str, dict[str, float]]]:
    """``root``'s site for the real corpus and the synthetic one (its entries already written by build_new_sites)."""
    synthetic = corpus_with_site_files(work / f"corpus-{size}-new", work / f"corpus-{size}-before", root)
    env = {**os.environ, "PYTHONPATH": str(root)}
    sites: dict[tuple[str, str], Path] = {}
    costs: dict[str, dict[str, float]] = {}
    for corpus, corpus_root, sources in (("real", root, default_sources_dir(REPO)),
                                         (f"{size}", synthetic, work / f"corpus-{size}-new" / "sources" / "captures")):
        site = work / "sites" / f"before-{corpus}"
        shutil.rmtree(site, ignore_errors=True)
        costs[f"before {corpus}"] = timed([sys.executable, "-m", "generator", "build", "--root", str(corpus_root),
                                           "--site-dir", str(site), "--sources", str(sources)], cwd=corpus_root, env=env)
        sites[("before", corpus)] = site
        print(f"built before {corpus}: {costs[f'before {corpus}']}", flush=True)
    return sites, costs


def build_sites(work: Path, size: int, today_root: Path, today_python: Path, pagefind: Path) -> tuple[dict, dict]:
    """Every site of the comparison: {(engine, corpus): site dir}, and the build costs."""
    sources = default_sources_dir(REPO)
    synthetic_new, synthetic_today = synthetic_corpora(work, size, today_root)
    corpus_roots = {("new", "real"): REPO, ("today", "real"): today_root,
                    ("new", f"{size}"): synthetic_new, ("today", f"{size}"): synthetic_today}
    pythons = {"new": Path(sys.executable), "today": today_python}
    sites: dict[tuple[str, str], Path] = {}
    costs: dict[str, dict[str, float]] = {}
    (work / "sites").mkdir(parents=True, exist_ok=True)
    for (engine, corpus), root in corpus_roots.items():
        site = work / "sites" / f"{engine}-{corpus}"
        shutil.rmtree(site, ignore_errors=True)
        # a synthetic corpus keeps its captures in its own sources/captures (benchmarks/synthetic.py);
        # today's generator looks for captures only in --sources
        corpus_sources = sources if corpus == "real" else synthetic_new / "sources" / "captures"
        costs[f"{engine} {corpus}"] = timed([str(pythons[engine]), "-m", "generator", "build", "--root", str(root),
                                             "--site-dir", str(site), "--sources", str(corpus_sources)], cwd=root)
        sites[(engine, corpus)] = site
        print(f"built {engine} {corpus}: {costs[f'{engine} {corpus}']}", flush=True)
    for corpus in ("real", f"{size}"):
        site = work / "sites" / f"pagefind-{corpus}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(sites[("new", corpus)], site)
        costs[f"pagefind {corpus} (index only)"] = timed([str(pagefind), "--site", str(site)], cwd=work)
        sites[("pagefind", corpus)] = site
        print(f"indexed pagefind {corpus}: {costs[f'pagefind {corpus} (index only)']}", flush=True)
    return sites, costs


def build_new_sites(work: Path, size: int) -> tuple[dict[tuple[str, str], Path], dict[str, dict[str, float]]]:
    """This checkout's site for the real corpus and a synthetic one (``--engines new``: no baseline, no Pagefind)."""
    synthetic = work / f"corpus-{size}-new"
    generate(size, synthetic, force=True)
    sites: dict[tuple[str, str], Path] = {}
    costs: dict[str, dict[str, float]] = {}
    (work / "sites").mkdir(parents=True, exist_ok=True)
    for corpus, root, sources in (("real", REPO, default_sources_dir(REPO)), (f"{size}", synthetic, synthetic / "sources" / "captures")):
        site = work / "sites" / f"new-{corpus}"
        shutil.rmtree(site, ignore_errors=True)
        costs[f"new {corpus}"] = timed([sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", str(site),
                                        "--sources", str(sources)], cwd=root)
        sites[("new", corpus)] = site
        print(f"built new {corpus}: {costs[f'new {corpus}']}", flush=True)
    return sites, costs


def one_load(browser: Any, server: GzipServer, engine: str, lang: str, query: str) -> dict[str, Any]:
    """One cold load on the phone profile: ms to the first result, bytes and requests until then."""
    page = new_phone_page(browser)
    cdp = page.context.new_cdp_session(page)
    if engine in RESULT_SELECTORS:
        page.add_init_script(FIRST_RESULT_OBSERVER % RESULT_SELECTORS[engine])
    base = server.url + ("en/" if lang == "en" else "")
    server.reset()
    try:
        with CpuThrottle():
            if engine in OWN:  # typed the moment the box says it is ready, not after the page's DOMContentLoaded
                page.goto(base + "index.html", wait_until="commit", timeout=300_000)
                type_when_ready(page, cdp, engine, query)
            else:
                page.goto(base + "index.html", wait_until="domcontentloaded", timeout=300_000)
                wait_until_ready(page, engine)
            at, links = first_result_time(page, engine, server.url, query, typed=engine in OWN)
        marks = page.evaluate("[window.__readyAt ?? null, window.__typedAt ?? null]") if engine in OWN else [None, None]
        # with no result, the time is when the engine said so: flagged, and left out of the medians
        return {"first_result_ms": round(at), "bytes": server.bytes_sent, "requests": server.requests,
                "ready_ms": round(marks[0]) if marks[0] is not None else None,
                "typed_to_result_ms": round(at - marks[1]) if marks[1] is not None else None,
                "first_link": links[0] if links else None, "found": bool(links)}
    finally:
        page.context.close()


def measure_loads(sites: dict[tuple[str, str], Path], runs: int, engines: tuple[str, ...] = ENGINES) -> dict[str, Any]:
    """Medians over ``runs`` cold loads per engine, corpus and query; engines interleaved run by run."""
    samples: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    with contextlib.ExitStack() as stack:
        servers = {key: stack.enter_context(GzipServer(site)) for key, site in sites.items()}
        browser = stack.enter_context(phone_browser())
        for run in range(runs):
            for corpus in sorted({corpus for _, corpus in sites}):
                for _, lang, query in TIMING_QUERIES:
                    for engine in engines:
                        if engine not in OWN and query not in COMMON_QUERIES:
                            continue
                        sample = one_load(browser, servers[(engine, corpus)], engine, lang, query)
                        samples.setdefault((engine, corpus, query), []).append(sample)
                        print(f"run {run + 1} {engine:8} {corpus:5} {query}: {sample}", flush=True)
    summary = {}
    for (engine, corpus, query), taken in samples.items():
        values = [v for v in taken if v["found"]] or taken
        summary[f"{engine}|{corpus}|{query}"] = {
            "found": all(v["found"] for v in values),
            "first_result_ms": median([v["first_result_ms"] for v in values]),
            "bytes": median([v["bytes"] for v in values]),
            "requests": median([v["requests"] for v in values]),
            "ready_ms": median([v["ready_ms"] for v in values]) if values[0]["ready_ms"] is not None else None,
            "typed_to_result_ms": (median([v["typed_to_result_ms"] for v in values])
                                   if values[0]["typed_to_result_ms"] is not None else None),
            "samples": values,
        }
    return summary


def load_queries(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((REPO / "tests" / "data" / "search" / f"{name}.yml").read_text(encoding="utf-8"))


def measure_recall(sites: dict[tuple[str, str], Path], engines: tuple[str, ...] = ENGINES) -> dict[str, Any]:
    """recall@5 and MRR per category of every engine on the real corpus, for both query sets."""
    outcome: dict[str, Any] = {}
    with contextlib.ExitStack() as stack, phone_browser() as browser:
        for engine in engines:
            server = stack.enter_context(GzipServer(sites[(engine, "real")]))
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name in QUERY_SETS:
                items = load_queries(name)
                ranked: list[list[str]] = []
                for lang in ("zh", "en"):
                    page.goto(server.url + ("en/" if lang == "en" else "") + "index.html")
                    wait_until_ready(page, engine)
                    for item in items:
                        if item["lang"] == lang:
                            ranked.append(ranked_pages(page, engine, server.url, lang, item["query"]))
                ordered = [item for lang in ("zh", "en") for item in items if item["lang"] == lang]
                scores = score_by_category(ordered, ranked)
                outcome[f"{engine}|{name}"] = {category: {"n": s.count, "recall_at_5": round(s.recall, 3),
                                                          "mrr": round(s.mrr, 3), "misses": s.misses}
                                               for category, s in scores.items()}
                print(f"recall {engine} {name}: {outcome[f'{engine}|{name}']['all']['recall_at_5']}", flush=True)
            page.close()
    return outcome


def report(costs: dict[str, Any], loads: dict[str, Any], recall: dict[str, Any]) -> None:
    if costs:
        print("\n## Builds (wall and CPU seconds)\n")
        print(table(["build", "wall s", "CPU s"], [[name, f"{c['wall_s']:.1f}", f"{c['cpu_s']:.1f}"] for name, c in costs.items()]))
    if loads:
        print(f"\n## First result on the phone profile ({PHONE.describe()}), medians\n")
        rows = []
        for key, value in loads.items():
            engine, corpus, query = key.split("|")
            # the new search against main before it when that was timed, else against today's (lunr)
            base = "before" if f"before|{corpus}|{query}" in loads else "today"
            reference = loads.get(f"{base}|{corpus}|{query}", {}).get("first_result_ms")
            ratio = f"{reference / value['first_result_ms']:.2f}× ({base})" if reference and engine not in (base, "today") else ""
            seconds = f"{value['first_result_ms'] / 1000:.2f}" + ("" if value["found"] else " (no result)")
            kind = next((k for k, _, q in TIMING_QUERIES if q == query), "")
            ready = f"{value['ready_ms'] / 1000:.2f}" if value.get("ready_ms") is not None else ""
            typed = f"{value['typed_to_result_ms'] / 1000:.2f}" if value.get("typed_to_result_ms") is not None else ""
            rows.append([corpus, kind, query, engine, seconds, ready, typed, ratio,
                         f"{value['bytes'] / 1000:.0f}", f"{value['requests']:.0f}"])
        rows.sort()
        print(table(["corpus", "kind", "query", "engine", "first result s", "box ready s", "typed → result s",
                     "faster than", "kB sent", "requests"], rows))
    for name in QUERY_SETS:
        keys = [f"{engine}|{name}" for engine in ENGINES if f"{engine}|{name}" in recall]
        if not keys:
            continue
        print(f"\n## Recall on {name}.yml (recall@5 / MRR)\n")
        order = ["everyday", "names-synonyms", "numbers-facts", "traditional", "english", "multi-concept", "doc-numbers",
                 "spoken", "pinyin", "slips", "english-pinyin"]
        categories = [c for c in order if c in recall[keys[0]]] + [c for c in recall[keys[0]] if c not in order]
        rows = [[category, str(recall[keys[0]][category]["n"]),
                 *(f"{recall[k][category]['recall_at_5']:.0%} / {recall[k][category]['mrr']:.2f}" for k in keys)]
                for category in categories]
        print(table(["category", "n", *(k.split("|")[0] for k in keys)], rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold loads per engine, corpus and query (median)")
    parser.add_argument("--size", type=int, default=5000, help="entries in the synthetic corpus")
    parser.add_argument("--recall", action="store_true", help="also score every query set on the real corpus")
    parser.add_argument("--no-timing", action="store_true", help="skip the phone loads (with --recall)")
    parser.add_argument("--baseline", default=BASELINE, help="commit of today's search")
    parser.add_argument("--before", default=None,
                        help="also build and time the site's own search as this commit had it (engine 'before')")
    parser.add_argument("--pagefind-dir", type=Path, default=Path(tempfile.gettempdir()) / "pagefind-npm",
                        help="folder with (or for) a local npm install of pagefind")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work folder, baseline worktree and venv")
    parser.add_argument("--reuse", action="store_true", help="reuse the sites already built in --workdir (no build figures)")
    parser.add_argument("--engines", default="new,today,pagefind",
                        help="engines to build and time, comma-separated (new alone needs no baseline worktree or Pagefind)")
    args = parser.parse_args(argv)
    engines = tuple(engine for engine in args.engines.split(",") if engine in ENGINES and engine != "before")
    if args.before:
        engines += ("before",)
    env = environment()
    print(load_average_note(), flush=True)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sites = {(engine, corpus): work / "sites" / f"{engine}-{corpus}" for engine in engines
                 for corpus in ("real", f"{args.size}")}
        costs: dict[str, Any] = {}
        if not (args.reuse and all(site.is_dir() for site in sites.values())):
            if set(engines) <= {"new", "before"}:
                sites, costs = build_new_sites(work, args.size)
            else:
                pagefind = pagefind_binary(args.pagefind_dir)
                with baseline_checkout(work, args.baseline, args.keep) as (today_root, today_python):
                    sites, costs = build_sites(work, args.size, today_root, today_python, pagefind)
            if args.before:
                with before_checkout(work, args.before, args.keep) as before_root:
                    more_sites, more_costs = build_before_sites(work, args.size, before_root)
                sites.update(more_sites)
                costs.update(more_costs)
        loads = {} if args.no_timing else measure_loads(sites, args.runs, engines)
        recall = measure_recall(sites, engines) if args.recall else {}
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    report(costs, loads, recall)
    note = load_average_note()
    print(f"\n{note}")
    path = write_result("bench_search", {"environment": env, "profile": PHONE.describe(), "baseline": args.baseline,
                                         "before": args.before,
                                         "size": args.size, "builds": costs, "loads": loads, "recall": recall,
                                         "load_note_end": note, "pid": os.getpid()})
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
