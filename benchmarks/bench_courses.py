"""Time to build one course pack alone (``compendium course ID``) and with the site (``compendium build``).

    python benchmarks/bench_courses.py                     # 3 runs of each pack, 1 of each build
    python benchmarks/bench_courses.py --pack-reps 5 --build-reps 2
    python benchmarks/bench_courses.py --build-reps 0      # packs only (about a minute)

Cases, interleaved run by run so that every case sees the same load, each in its own subprocess
(wall time around it, CPU time of that child and its children from ``os.wait4``), on a copy of the
repository's corpus in a temporary folder:

- ``check`` (baseline of the packs): ``compendium check`` of the corpus without quote checks, the
  loading and linking ``compendium course`` needs anyway;
- ``pack ID`` for every course in courses/ (Chinese), and the first one in English: ``compendium
  course ID`` with a base URL (so the QR code is drawn): both halves (handbook, A4 PDF, lesson plan,
  slides with charts, quiz in three forms, read-mes, two zips). The courses differ in size (180 to
  240 minutes, 60 to 90 slides), so the spread shows what a trainer's own course would take;
- ``site`` (baseline of the build): ``compendium build`` of the same corpus without ``courses/``;
- ``site+courses``: ``compendium build`` with ``courses/``: the course pages in both languages and
  a pack per course and language under site/downloads/courses/.

Medians are reported with CPU time beside wall time, the ratio of each pack to check, and the load
average before and after (wall time on a shared machine is only as good as its load). Results go
to benchmarks/results/courses-*.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, environment, median, table, write_result  # benchmarks/ is on sys.path when run as a script

COPIED = ("policies", "casebook", "glossary", "themes", "courses", "docs", "overrides", "mkdocs.yml", "sources")
TARGET_SECONDS = 3.0  # issue 20: one pack in at most 3 s of wall time on this machine


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child and the children it waited for) for one subprocess; fails loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def project(folder: Path, with_courses: bool) -> Path:
    folder.mkdir(parents=True)
    for name in COPIED:
        if name == "courses" and not with_courses:
            continue
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack-reps", type=int, default=3)
    parser.add_argument("--build-reps", type=int, default=1)
    args = parser.parse_args()
    python = sys.executable
    env = {**os.environ, "COMPENDIUM_SITE_URL": "https://compendium.example.cn/"}
    sources = Path(os.environ.get("COMPENDIUM_SOURCES", REPO.parent / "shared" / "sources"))
    courses = sorted(path.stem for path in (REPO / "courses").glob("*.yml"))
    packs = [(course, "zh") for course in courses] + [(courses[0], "en")]
    names = ["check", *(f"pack {course}{' (en)' if lang == 'en' else ''}" for course, lang in packs), "site", "site+courses"]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    data: dict[str, Any] = {"environment": environment(), "courses": courses}
    with tempfile.TemporaryDirectory(prefix="bench-courses-") as temp:
        with_courses = project(Path(temp) / "with", with_courses=True)
        without = project(Path(temp) / "without", with_courses=False)
        for rep in range(max(args.pack_reps, args.build_reps)):
            if rep < args.pack_reps:
                results["check"].append(timed([python, "-m", "generator", "check", ".", "--sources", "/nonexistent"], with_courses, env))
                for (course, lang), name in zip(packs, names[1:], strict=False):
                    out = Path(temp) / "out" / f"{course}-{lang}"
                    results[name].append(timed([python, "-m", "generator", "course", course, "--out", str(out),
                                                "--content-lang", lang], with_courses, env))
            if rep < args.build_reps:
                for name, root in (("site", without), ("site+courses", with_courses)):
                    site = Path(temp) / f"site-{name}"
                    results[name].append(timed([python, "-m", "generator", "build", "--root", str(root), "--site-dir", str(site),
                                                "--sources", str(sources)], root, env))
        pack_files = sorted(path.name for path in (Path(temp) / "out" / f"{courses[0]}-zh").iterdir())
        built = Path(temp) / "site-site+courses" / "downloads" / "courses"
        site_bytes = sum(path.stat().st_size for path in built.rglob("*") if path.is_file()) if built.exists() else 0
    data["environment"]["loadavg_end"] = os.getloadavg()
    medians = {name: (median([w for w, _ in runs]), median([c for _, c in runs])) for name, runs in results.items() if runs}
    check_wall = medians["check"][0]
    rows = [[name, str(len(results[name])), f"{wall:.2f}", f"{cpu:.2f}",
             f"{wall / check_wall:.2f}×" if name.startswith("pack") else ""] for name, (wall, cpu) in medians.items()]
    print(table(["case", "runs", "wall s (median)", "CPU s (median)", "wall / check"], rows))
    slowest = max(wall for name, (wall, _) in medians.items() if name.startswith("pack"))
    print(f"\nslowest pack: {slowest:.2f} s wall (target ≤ {TARGET_SECONDS:.0f} s: {'met' if slowest <= TARGET_SECONDS else 'NOT met'}); "
          f"load average {data['environment']['loadavg_start'][0]:.2f} at start, {data['environment']['loadavg_end'][0]:.2f} at end")
    if "site" in medians and "site+courses" in medians:
        extra = medians["site+courses"][0] - medians["site"][0]
        print(f"site+courses / site: {medians['site+courses'][0] / medians['site'][0]:.2f}× wall "
              f"(+{extra:.1f} s for {len(courses)} courses × 2 languages); packs in the site: {site_bytes / 1e6:.1f} MB")
    print(f"pack files: {', '.join(pack_files)}")
    data.update(runs=results, medians=medians, slowest_pack=slowest, pack_files=pack_files, site_pack_bytes=site_bytes)
    print(write_result("courses", data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
