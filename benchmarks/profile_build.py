"""Where the CPU time of one ``compendium build`` goes, phase by phase, child processes included.

    python benchmarks/profile_build.py                     # the repository's corpus
    python benchmarks/profile_build.py --synthetic 1000    # a synthetic corpus of 1,000 entries
    python benchmarks/profile_build.py --courses           # the repository's corpus with its courses (their packs)
    python benchmarks/profile_build.py --cprofile OUT.prof # and a cProfile (CPU clock) of the parent

One build, in a subprocess (as bench_build.py runs it), with the build's functions wrapped: each phase
records the CPU time of its process and of the children it forked and reaped (``getrusage``), so the
two languages' MkDocs builds, the course packs' printers and the offline packers are counted where they
run. The real corpus is the one bench_build.py builds (no courses/, so no course packs) unless ``--courses``
adds the repository's courses. Inside the forked language builds, MkDocs itself, the search index and the guard are timed in
the child and reported back through a file. The synthetic corpus is built without quote sources.

The table it prints is the one in benchmarks/build-profile.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, environment
from phone import load_average_note

# (module, function, phase): wrapped where this version of the generator has them; the first group runs in
# the building process (CPU of its children included), the second in the forked language builds
PARENT_PHASES = [
    ("generator.site.build", "check_project", "check (entries, links, quotes, courses)"),
    ("generator.site.build", "write_docs", "generate Markdown (both languages)"),
    ("generator.site.build", "prepare_search", "search: jieba's dictionary and the synonyms, once before the fork"),
    ("generator.site.build", "build_languages", "both languages: MkDocs + search index + guard (forked)"),
    ("generator.site.build", "write_downloads", "downloads (entries.json, CSV)"),
    ("generator.site.build", "write_indicator_csvs", "downloads (indicator CSVs)"),
    ("generator.site.build", "_course_packs", "course packs (Word, PDF, slides, quiz, zips)"),
    ("generator.site.build", "write_offline_zip", "offline zip"),
    ("generator.site.build", "_offline_copies", "offline packs (service worker)"),
    ("generator.site.build", "precompress", "gzip copies"),
]
CHILD_PHASES = [
    ("generator.site.build", "mkdocs_build", "  MkDocs (one language)"),
    ("generator.site.build", "write_search", "  search index (one language)"),
    ("generator.site.build", "scan_site", "  guard (one language)"),
]
MARK = "PROFILE-PHASE "


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child(root: Path, site: Path, sources: Path, log: Path, cprofile: Path | None) -> int:
    """One build in this process, each phase timed (CPU of this process and its reaped children)."""
    import importlib
    import logging

    def timed(name: str, function: Any, *, in_child: bool) -> Any:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            pid = os.getpid()
            own, kids, wall = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                record = {"phase": name, "pid": pid, "own": _cpu(resource.RUSAGE_SELF) - own,
                          "children": _cpu(resource.RUSAGE_CHILDREN) - kids, "wall": time.perf_counter() - wall}
                with log.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(record) + "\n")
        return wrapper

    for group, in_child in ((PARENT_PHASES, False), (CHILD_PHASES, True)):
        for module_name, function_name, phase in group:
            module = importlib.import_module(module_name)
            if hasattr(module, function_name):
                setattr(module, function_name, timed(phase, getattr(module, function_name), in_child=in_child))
    from generator.content.project import resolve_project
    from generator.courses.kind import ALL_KINDS
    from generator.site import build

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    project = resolve_project(root, sources=sources, kinds=ALL_KINDS, site_dir=site)
    profiler = None
    if cprofile is not None:
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
    code = build.build_command(project, "en")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(cprofile))
    return code


def run(root: Path, sources: Path, work: Path, cprofile: Path | None) -> tuple[list[dict[str, Any]], float, float]:
    """Build once in a subprocess; the phase records, the build's wall and CPU time (its children included)."""
    log = work / "phases.jsonl"
    log.unlink(missing_ok=True)
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(root), str(site), str(sources), str(log)]
    if cprofile is not None:
        command += ["--cprofile", str(cprofile)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return records, wall, usage.ru_utime + usage.ru_stime


def table(records: list[dict[str, Any]], wall: float, cpu: float) -> str:
    """Phase → CPU seconds (own + children), wall seconds; child phases summed over both languages."""
    phases: dict[str, list[float]] = {}
    order: list[str] = []
    for record in records:
        if record["phase"] not in phases:
            order.append(record["phase"])
            phases[record["phase"]] = [0.0, 0.0]
        phases[record["phase"]][0] += record["own"] + record["children"]
        phases[record["phase"]][1] += record["wall"]
    names = [phase for *_, phase in PARENT_PHASES + CHILD_PHASES if phase in phases]
    top = sum(phases[name][0] for name in names if not name.startswith(" "))
    lines = ["| phase | CPU s | wall s |", "|---|---:|---:|"]
    lines += [f"| {name} | {phases[name][0]:.1f} | {phases[name][1]:.1f} |" for name in names]
    lines.append(f"| rest (start-up, imports, staging, swap) | {cpu - top:.1f} | |")
    lines.append(f"| **whole build** | **{cpu:.1f}** | **{wall:.1f}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CPU time of each phase of one compendium build.")
    parser.add_argument("--synthetic", type=int, default=None, help="build a synthetic corpus of N entries instead")
    parser.add_argument("--courses", action="store_true", help="with the repository's courses/ (their packs are built)")
    parser.add_argument("--cprofile", type=Path, default=None, help="also write a cProfile (CPU clock) of the building process")
    parser.add_argument("--child", nargs=4, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child, args.cprofile)

    from bench_build import copy_real_corpus
    from synthetic import generate

    from generator.content.sources import default_sources_dir

    env = environment()
    work = Path(tempfile.mkdtemp(prefix="profile-build-"))
    try:
        root = work / "corpus"
        if args.synthetic:
            generate(args.synthetic, root, seed=1, force=True)
            sources = work / "no-sources"
        else:
            copy_real_corpus(root)
            if args.courses:
                shutil.copytree(REPO / "courses", root / "courses")
            sources = default_sources_dir(REPO)
        records, wall, cpu = run(root, sources, work, args.cprofile)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"commit {env['commit']}{' (modified)' if env['generator_modified'] else ''}, "
          f"{'synthetic ' + str(args.synthetic) if args.synthetic else 'real corpus' + (' with courses' if args.courses else '')}; "
          f"load average at start {env['loadavg_start'][0]:.2f}, at the end: {load_average_note()}\n")
    print(table(records, wall, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
