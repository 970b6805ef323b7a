"""Build time, peak memory and output size of ``compendium build``, against plain ``mkdocs build``.

    python benchmarks/bench_build.py                    # real corpus, synthetic 1,000 and 5,000
    python benchmarks/bench_build.py --sizes 1000 --reps 5 --skip-real

Cases, all in one run and in a temporary folder (the repository's generated/ and site/ are
never touched):

- ``real``: a copy of the repository's corpus (policies/, casebook/, glossary/, themes/, docs/,
  overrides/, mkdocs.yml); quotes are checked against ../shared/sources when it exists, as
  ``compendium build`` does by default;
- ``synthetic-N``: a corpus of N entries from benchmarks/synthetic.py (quotes checked against its sources/captures/).

Each build runs in its own subprocess (``python benchmarks/bench_build.py --child ROOT SITE
SOURCES``, which calls ``generator.site.build.build_command`` exactly as ``compendium build --root ROOT
--site-dir SITE --sources SOURCES`` does, and also records how long each phase took). Wall time
is measured around the subprocess; CPU time and peak RSS come from ``os.wait4`` (the rusage of
that one child).

Baseline, in the same run and interleaved with the generator's builds: ``python -m mkdocs build``
of as many plain Markdown pages as the generator wrote for the case (both languages), with about
the same average size in bytes, one site, a minimal mkdocs.yml (theme material, ``font: false``,
``navigation.prune``, the ``search`` plugin) and a nav holding only the home page (the generator's
entry pages are not in the nav either; a nav listing thousands of pages would make the baseline
quadratic in output size).

Runs per case: 3 at every size (``--reps`` / ``--large-reps``); medians of wall time and of CPU
time (user + system of the build and every process it forks) are reported for both sides, with
their ratios, and the load average at start and end (HEAVY LOAD when it exceeds the CPU count). Results go to benchmarks/results/ as JSON.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, environment, median, table, write_result
from phone import load_average_note  # benchmarks/ is on sys.path when run as a script
from synthetic import copy_site_files, generate

CORPUS_FOLDERS = ("policies", "casebook", "glossary", "themes")
PHASES_MARK = "BENCH-PHASES "
# phases inside MkDocs, timed where the build being measured has them (in the zh process only
# when languages build in parallel)
OPTIONAL_PHASES = [
    ("material.plugins.search.plugin", "SearchPlugin", "on_page_context", "of_mkdocs_material_search_pages"),
    ("generator.search.plugin", "CompendiumSearchPlugin", "on_post_build", "of_mkdocs_compendium_search"),
]


# ----- the child: one build, with phase timings -----
def child_build(root: Path, site_dir: Path, sources: Path) -> int:
    """Run ``compendium build`` in this process, timing its phases by wrapping module functions."""
    import importlib
    import logging

    from generator.site import build as site

    phases: dict[str, float] = {}

    def timed(name: str, function: Any) -> Any:
        @functools.wraps(function)  # keeps mkdocs' event priority attribute on plugin methods
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
        return wrapper

    # each phase where this version of build.py has it (both languages build at once in forked processes, each
    # MkDocs then its search index: one phase; the offline copies of issue 24: the zip, each language's packs)
    for name, function in (("check", "check_corpus"), ("check", "check_project"), ("generate_markdown", "write_docs"),
                           ("mkdocs_and_search", "build_languages"), ("downloads", "write_downloads"),
                           ("offline_zip", "write_offline_zip"), ("offline_packs", "_offline_copies")):
        if hasattr(site, function):
            setattr(site, function, timed(name, getattr(site, function)))
    for module, owner, method, name in OPTIONAL_PHASES:  # search plugins, where this version has them
        try:
            cls = getattr(importlib.import_module(module), owner)
        except (ImportError, AttributeError):
            continue
        setattr(cls, method, timed(name, getattr(cls, method)))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:  # the command takes one Project since issue 25; before, its paths one by one
        from generator.content.project import resolve_project
        from generator.courses.kind import ALL_KINDS
    except ImportError:
        code = site.build_command(root, site_dir, sources, "en")
    else:
        code = site.build_command(resolve_project(root, sources=sources, kinds=ALL_KINDS, site_dir=site_dir), "en")
    print(PHASES_MARK + json.dumps(phases), flush=True)
    return code


# ----- the parent -----
def run_measured(command: list[str], cwd: Path, log: Path) -> dict[str, Any]:
    """Run ``command``; wall time, CPU time and peak RSS of that child alone."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, tell Popen
    text = log.read_text(encoding="utf-8", errors="replace")
    phases = {}
    for line in text.splitlines():
        if line.startswith(PHASES_MARK):
            phases = json.loads(line[len(PHASES_MARK):])
    if process.returncode != 0:
        tail = "\n".join(text.splitlines()[-20:])
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}:\n{tail}")
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss_mb": usage.ru_maxrss / 1024,
            "phases": phases}


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder``."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def generator_build(root: Path, sources: Path, log: Path) -> dict[str, Any]:
    site_dir = root / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(root), str(site_dir), str(sources)]
    result = run_measured(command, root, log)
    result["site_bytes"], result["site_files"] = tree_size(site_dir)
    return result


BASELINE_CONFIG = """\
site_name: Baseline
use_directory_urls: false
theme:
  name: material
  font: false
  features:
    - navigation.prune
plugins:
  - search
nav:
  - index.md
"""
_ZH = ("加快推进城乡社区服务体系建设，推动资源向基层下沉，形成共建共治共享格局。健全村（居）民自治机制，"
       "规范社区工作事项，切实减轻基层负担，提升群众获得感、幸福感、安全感。")
_EN = ("Improve the community service system in towns and villages, move resources down to the grassroots, "
       "and build a pattern of joint construction, joint governance and shared benefits.")


def write_baseline(folder: Path, pages: int, average_bytes: int) -> None:
    """``pages`` plain Markdown pages (index included) of about ``average_bytes`` each, and mkdocs.yml."""
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n\n" + _ZH + "\n\n[First page](pages/page-00001.md)\n", encoding="utf-8")
    for number in range(1, pages):
        neighbour = number % (pages - 1) + 1
        parts = [f"# 页面 {number} · Page {number}\n", f"[下一页 · Next](page-{neighbour:05d}.md) · [首页](../index.md)\n"]
        paragraph = 0
        while sum(len(part.encode()) for part in parts) < average_bytes:
            paragraph += 1
            parts.append(f"## 第{paragraph}节 · Section {paragraph}\n" if paragraph % 3 == 1 else "")
            parts.append(f"{_ZH}（{number}-{paragraph}）\n\n{_EN} ({number}-{paragraph})\n")
        (docs / "pages" / f"page-{number:05d}.md").write_text("\n".join(parts), encoding="utf-8")


def baseline_build(folder: Path, log: Path) -> dict[str, Any]:
    site_dir = folder / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(folder / "mkdocs.yml"), "-d", str(site_dir)]
    result = run_measured(command, folder, log)
    result["site_bytes"], result["site_files"] = tree_size(site_dir)
    return result


def copy_real_corpus(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for folder in CORPUS_FOLDERS:
        shutil.copytree(REPO / folder, target / folder)
    copy_site_files(target)


def markdown_stats(root: Path) -> tuple[int, int]:
    """Number and bytes of the Markdown pages the last build wrote (both languages)."""
    files = list((root / "generated").rglob("*.md"))
    return len(files), sum(path.stat().st_size for path in files)


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    phases = sorted({key for run in runs for key in run["phases"]})
    return {
        "wall": median([run["wall"] for run in runs]),
        "cpu": median([run["user"] + run["sys"] for run in runs]),
        "maxrss_mb": median([run["maxrss_mb"] for run in runs]),
        "site_bytes": runs[-1]["site_bytes"],
        "site_files": runs[-1]["site_files"],
        "phases": {key: median([run["phases"].get(key, 0.0) for run in runs]) for key in phases},
    }


def measure_case(name: str, root: Path, sources: Path, reps: int, *, workdir: Path, generated: float | None) -> dict[str, Any]:
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    runs: list[dict[str, Any]] = []
    base_runs: list[dict[str, Any]] = []
    pages = page_bytes = 0
    baseline = workdir / f"baseline-{name}"
    for rep in range(reps):
        runs.append(generator_build(root, sources, logs / f"{name}-build-{rep + 1}.log"))
        if rep == 0:
            pages, page_bytes = markdown_stats(root)
            write_baseline(baseline, pages, page_bytes // max(pages, 1))
        base_runs.append(baseline_build(baseline, logs / f"{name}-baseline-{rep + 1}.log"))
        print(f"  {name} run {rep + 1}/{reps}: build {runs[-1]['wall']:.1f} s {runs[-1]['maxrss_mb']:.0f} MB, "
              f"baseline {base_runs[-1]['wall']:.1f} s {base_runs[-1]['maxrss_mb']:.0f} MB", file=sys.stderr)
    build, base = summarise(runs), summarise(base_runs)
    return {
        "case": name, "reps": reps, "synthesis_seconds": generated, "markdown_pages": pages, "markdown_bytes": page_bytes,
        "build": build, "baseline": base, "runs": runs, "baseline_runs": base_runs,
        "ratio_wall": build["wall"] / base["wall"], "ratio_cpu": build["cpu"] / base["cpu"],
        "ratio_maxrss": build["maxrss_mb"] / base["maxrss_mb"],
        "ratio_site_bytes": build["site_bytes"] / base["site_bytes"],
    }


def _mb(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def report(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        b, base = r["build"], r["baseline"]
        rows.append([r["case"], str(r["reps"]), f"{r['markdown_pages']:,}", f"{b['wall']:.1f} s", f"{base['wall']:.1f} s",
                     f"{r['ratio_wall']:.1f}×", f"{b['cpu']:.1f} s", f"{base['cpu']:.1f} s", f"{r['ratio_cpu']:.1f}×",
                     f"{b['maxrss_mb']:.0f} MB", f"{base['maxrss_mb']:.0f} MB", f"{r['ratio_maxrss']:.1f}×",
                     f"{_mb(b['site_bytes'])} / {b['site_files']:,}", f"{_mb(base['site_bytes'])} / {base['site_files']:,}",
                     f"{r['ratio_site_bytes']:.1f}×"])
    main_table = table(["case", "runs", "pages", "build wall", "baseline wall", "ratio", "build CPU", "baseline CPU", "ratio",
                        "build peak RSS", "baseline peak RSS",
                        "ratio", "site/ (build) bytes / files", "site/ (baseline)", "ratio"], rows)
    phase_keys = ["check", "generate_markdown", "mkdocs_and_search", "downloads"]
    phase_keys += [name for *_, name in OPTIONAL_PHASES if any(name in r["build"]["phases"] for r in results)]
    phase_keys += [name for name in ("offline_zip", "offline_packs") if any(name in r["build"]["phases"] for r in results)]
    phase_rows = []
    for r in results:
        phases = r["build"]["phases"]
        synthesis = f"{r['synthesis_seconds']:.1f} s" if r["synthesis_seconds"] is not None else "–"
        phase_rows.append([r["case"], synthesis, *[f"{phases.get(key, 0.0):.1f} s" for key in phase_keys],
                           f"{r['build']['cpu']:.1f} s"])
    phase_table = table(["case", "corpus synthesis", *phase_keys, "build CPU"], phase_rows)
    return f"{main_table}\n\nMedian phases of the generator's build (seconds, in the child process):\n\n{phase_table}"


def default_reps(n: int | None) -> int:
    return 3  # medians of three at every size: one run of a noisy machine says little


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time and memory of compendium build against plain mkdocs build.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000], help="synthetic corpus sizes (entries)")
    parser.add_argument("--skip-real", action="store_true", help="leave out the repository's own corpus")
    parser.add_argument("--reps", type=int, default=None, help="runs for the real corpus and sizes up to 2,000 (default 3)")
    parser.add_argument("--large-reps", type=int, default=None, help="runs for sizes above 2,000 (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora and sites go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--child", nargs=3, type=Path, metavar=("ROOT", "SITE", "SOURCES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_build(*args.child)

    from generator.content.sources import default_sources_dir

    env = environment()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-build-"))
    workdir.mkdir(parents=True, exist_ok=True)
    no_sources = workdir / "no-sources"  # never created: quotes are skipped
    results = []

    def reps_for(n: int | None) -> int:
        if n is not None and n > 2000:
            return args.large_reps or default_reps(n)
        return args.reps or default_reps(n)

    started = time.perf_counter()
    try:
        if not args.skip_real:
            root = workdir / "real"
            copy_real_corpus(root)
            sources = default_sources_dir(REPO)
            env["real_corpus_sources"] = str(sources) if sources.is_dir() else None
            print("real corpus", file=sys.stderr)
            results.append(measure_case("real", root, sources if sources.is_dir() else no_sources, reps_for(None),
                                        workdir=workdir, generated=None))
        for n in args.sizes:
            root = workdir / f"synthetic-{n}"
            t = time.perf_counter()
            generate(n, root, seed=args.seed, force=True)
            synthesis = time.perf_counter() - t
            print(f"synthetic {n}: generated in {synthesis:.1f} s", file=sys.stderr)
            results.append(measure_case(f"synthetic-{n}", root, no_sources, reps_for(n),
                                        workdir=workdir, generated=synthesis))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    total = time.perf_counter() - started
    print(report(results))
    print(f"\nmedians; total benchmark time {total / 60:.1f} min; load average at start {env['loadavg_start'][0]:.2f}; "
          f"at the end: {load_average_note()}")
    env["total_seconds"] = total
    path = write_result("build", {"environment": env, "results": results})
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
