"""Time to build one course pack alone (``compendium course ID``) and with the site (``compendium build``).

    python benchmarks/bench_courses.py                     # 3 runs of the pack, 2 of each build
    python benchmarks/bench_courses.py --pack-reps 5 --build-reps 1

Cases, interleaved run by run so that every case sees the same load, each in its own subprocess
(wall time around it, CPU time of that child from ``os.wait4``), on a copy of the repository's
corpus in a temporary folder:

- ``check`` (baseline of the pack): ``compendium check`` of the corpus without quote checks, the
  loading and linking ``compendium course`` needs anyway;
- ``pack``: ``compendium course ID`` (one course, Chinese, with a base URL so QR codes are drawn):
  both DOCX, the A4 PDF, the slides, the quiz in three forms and the zip;
- ``site`` (baseline of the build): ``compendium build`` of the same corpus without ``courses/``;
- ``site+courses``: ``compendium build`` with ``courses/``: the course pages in both languages and
  a pack per course and language under site/downloads/courses/.

Medians are reported with the ratios pack/check and site+courses/site. Results go to
benchmarks/results/courses-*.json.
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

COURSE = "xin-ren-she-qu-gong-zuo-zhe-ru-zhi"
COPIED = ("policies", "casebook", "glossary", "themes", "courses", "docs", "overrides", "mkdocs.yml", "sources")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one subprocess; fails loudly if the command fails."""
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
    parser.add_argument("--build-reps", type=int, default=2)
    args = parser.parse_args()
    python = sys.executable
    env = {**os.environ, "COMPENDIUM_SITE_URL": "https://compendium.example.cn/"}
    sources = Path(os.environ.get("COMPENDIUM_SOURCES", REPO.parent / "shared" / "sources"))
    results: dict[str, list[tuple[float, float]]] = {"check": [], "pack": [], "site": [], "site+courses": []}
    data: dict[str, Any] = {"environment": environment(), "course": COURSE}
    with tempfile.TemporaryDirectory(prefix="bench-courses-") as temp:
        with_courses = project(Path(temp) / "with", with_courses=True)
        without = project(Path(temp) / "without", with_courses=False)
        for rep in range(max(args.pack_reps, args.build_reps)):
            if rep < args.pack_reps:
                results["check"].append(timed([python, "-m", "generator", "check", ".", "--sources", "/nonexistent"], with_courses, env))
                results["pack"].append(timed([python, "-m", "generator", "course", COURSE, "--out", str(Path(temp) / "out")],
                                             with_courses, env))
            if rep < args.build_reps:
                for name, root in (("site", without), ("site+courses", with_courses)):
                    site = Path(temp) / f"site-{name}"
                    results[name].append(timed([python, "-m", "generator", "build", "--root", str(root), "--site-dir", str(site),
                                                "--sources", str(sources)], root, env))
        pack_files = sorted(path.name for path in (Path(temp) / "out" / COURSE).iterdir())
        packs = Path(temp) / "site-site+courses" / "downloads" / "courses"
        site_bytes = sum(path.stat().st_size for path in packs.rglob("*") if path.is_file())
    medians = {name: (median([w for w, _ in runs]), median([c for _, c in runs])) for name, runs in results.items()}
    rows = [[name, str(len(results[name])), f"{wall:.2f}", f"{cpu:.2f}"] for name, (wall, cpu) in medians.items()]
    print(table(["case", "runs", "wall s (median)", "CPU s (median)"], rows))
    pack_ratio = medians["pack"][0] / medians["check"][0]
    build_ratio = medians["site+courses"][0] / medians["site"][0]
    print(f"\npack / check: {pack_ratio:.2f}× wall; site+courses / site: {build_ratio:.2f}× wall "
          f"(+{medians['site+courses'][0] - medians['site'][0]:.1f} s for 2 courses × 2 languages)")
    print(f"pack files: {', '.join(pack_files)}; packs in the site: {site_bytes / 1e6:.1f} MB")
    data.update(runs=results, medians=medians, ratios={"pack/check": pack_ratio, "site+courses/site": build_ratio},
                pack_files=pack_files, site_pack_bytes=site_bytes)
    print(write_result("courses", data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
