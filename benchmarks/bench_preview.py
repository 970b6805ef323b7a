"""How long an editor waits under ``compendium serve``: from saving an entry to seeing it in the preview.

    python benchmarks/bench_preview.py                  # real corpus and synthetic 1,000, 3 edits each
    python benchmarks/bench_preview.py --sizes --edits 5

For each case (a copy of the real corpus; synthetic corpora of N entries from synthetic.py),
in a temporary folder: start ``compendium serve`` on a free port, wait for the first build, then
``--edits`` times put a marker in one case's summary and poll the case's page on 127.0.0.1
every 20 ms until the marker is there ("save → visible", the server idle), and, as soon as the
server says the full build for that save is running, save a second marker and poll for it
("save → visible during a full build": the save stops the full build, its quick pass shows it).
Reported: the medians of both, and, measured in the same run on the same corpus as the baseline,
the median of ``compendium build`` run as a fresh command (what an editor would otherwise do; before
a save could stop a full build, a save made during one waited for it to end). Serving goes through
loopback without throttling: this is the editor's own machine, not a phone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from common import REPO, environment, median, table, write_result  # benchmarks/ is on sys.path when run as a script
from phone import load_average_note
from synthetic import generate

CORPUS = ("policies", "casebook", "glossary", "themes", "docs", "overrides", "mkdocs.yml", "synonyms.yml", "courses", "sources")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def copy_real(target: Path) -> None:
    target.mkdir(parents=True)
    for name in CORPUS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)


def _edit(entry: Path, marker: str) -> None:
    """Put ``marker`` at the start of the entry's summary (its ``zh:`` line under ``summary:``)."""
    lines = entry.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("summary:"):
            for follow in range(number + 1, len(lines)):
                stripped = lines[follow].lstrip()
                if stripped.startswith("zh:"):
                    indent = lines[follow][: len(lines[follow]) - len(stripped)]
                    value = stripped[3:].strip()
                    if value in ("|", ">", "|-", ">-"):
                        inner = lines[follow + 1]
                        inner_indent = inner[: len(inner) - len(inner.lstrip())]
                        lines[follow + 1] = f"{inner_indent}{marker}{inner.lstrip()}"
                    else:
                        lines[follow] = f"{indent}zh: {marker}{value.strip(chr(34))}\n"
                    entry.write_text("".join(lines), encoding="utf-8")
                    return
    raise SystemExit(f"no summary.zh in {entry}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the serving process itself: the quick pass and the serving loop (the full builds run in
    processes of their own, and a stopped one reaped meanwhile would add its whole build)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:13]) / os.sysconf("SC_CLK_TCK")


def _log(root: Path) -> str:
    return (root / "serve.log").read_text(encoding="utf-8")


def _visible(url: str, marker: str, started: float, root: Path, what: str) -> float:
    while marker not in _page(url):
        if time.perf_counter() - started > 600:
            raise SystemExit(f"{what} never showed; see {root / 'serve.log'}")
        time.sleep(0.02)
    return time.perf_counter() - started


def measure_serve(root: Path, sources: Path, edits: int) -> tuple[list[float], list[float], list[float], list[float]]:
    case = sorted((root / "casebook").glob("*.yml"))[0]
    url_path = f"cases/{case.stem}.html"
    port = _free_port()
    log = (root / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port),
                               "--sources", str(sources)], stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}/{url_path}"
    times: list[float] = []
    cpu: list[float] = []
    during: list[float] = []
    during_cpu: list[float] = []
    try:
        deadline = time.monotonic() + 2400  # the first build of 1,000 entries took 15 minutes on a loaded machine
        while "<html" not in _page(url) or "site built in" not in _log(root):
            if time.monotonic() > deadline or server.poll() is not None or "first build failed" in _log(root):
                raise SystemExit(f"serve did not come up; see {root / 'serve.log'}")
            time.sleep(0.2)
        time.sleep(2)
        for number in range(edits):
            marker = f"预览标记{number}号"
            started, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
            running = _log(root).count("full build running")
            _edit(case, marker)
            times.append(_visible(url, marker, started, root, f"edit {number}"))
            cpu.append(cpu_seconds(server.pid) - cpu_before)
            # the full build of that save has started: save again, in the middle of it
            while _log(root).count("full build running") <= running:
                if time.perf_counter() - started > 600:
                    raise SystemExit(f"edit {number}'s full build never started; see {root / 'serve.log'}")
                time.sleep(0.02)
            time.sleep(1.0)
            again = f"构建中标记{number}号"
            started, cpu_before = time.perf_counter(), cpu_seconds(server.pid)
            _edit(case, again)
            during.append(_visible(url, again, started, root, f"edit {number} made during a full build"))
            during_cpu.append(cpu_seconds(server.pid) - cpu_before)
            print(f"    edit {number + 1}: visible after {times[-1]:.2f} s ({cpu[-1]:.2f} s CPU); saved during its full "
                  f"build: visible after {during[-1]:.2f} s ({during_cpu[-1]:.2f} s CPU)", file=sys.stderr)
            # let the full build of the last save finish before the next edit
            while _log(root).count("rebuilt in") < number + 1:
                if time.perf_counter() - started > 2400:
                    raise SystemExit(f"edit {number}'s full build never finished; see {root / 'serve.log'}")
                time.sleep(0.2)
        if "stopped to show this save first" not in _log(root):
            raise SystemExit(f"no save stopped a full build; see {root / 'serve.log'}")
    except BaseException:
        print(f"--- the last lines of {root / 'serve.log'} ---\n" + "\n".join(_log(root).splitlines()[-40:]), file=sys.stderr)
        raise
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return times, cpu, during, during_cpu


def full_builds(root: Path) -> list[float]:
    """The durations serve reported for its full builds after a save ("rebuilt in N s")."""
    return [float(value) for value in re.findall(r"rebuilt in ([0-9.]+) s", _log(root))]


def measure_build(root: Path, sources: Path, reps: int) -> tuple[list[float], list[float]]:
    times, cpu = [], []
    for _ in range(reps):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir",
                                    str(root / "site-cli"), "--sources", str(sources)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"compendium build failed in {root}")
        times.append(time.perf_counter() - started)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save-to-visible time under compendium serve.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic corpus sizes (entries)")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--builds", type=int, default=3,
                        help="runs of the baseline `compendium build`; 0: serve's own full builds in the same run")
    args = parser.parse_args(argv)
    from generator.content.sources import default_sources_dir

    env = environment()
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    results: list[dict[str, Any]] = []
    try:
        cases: list[tuple[str, Path, Path]] = []
        if not args.skip_real:
            copy_real(work / "real")
            cases.append(("real", work / "real", default_sources_dir(REPO)))
        for n in args.sizes:
            generate(n, work / f"synthetic-{n}", seed=1, force=True)
            cases.append((f"synthetic-{n}", work / f"synthetic-{n}", work / "no-sources"))
        for name, root, sources in cases:
            print(name, file=sys.stderr)
            serve_times, serve_cpu, during, during_cpu = measure_serve(root, sources, args.edits)
            if args.builds:
                build_times, build_cpu = measure_build(root, sources, args.builds)
            else:  # the baseline is serve's own full builds in this run: what a save during one used to wait for
                build_times, build_cpu = full_builds(root), []
            results.append({"case": name, "save_to_visible": serve_times, "serve_cpu": serve_cpu,
                            "save_during_full_build": during, "during_cpu": during_cpu,
                            "build_command": build_times, "build_cpu": build_cpu})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [[r["case"], str(len(r["save_to_visible"])), f"{median(r['save_to_visible']):.2f} s",
             f"{min(r['save_to_visible']):.2f}–{max(r['save_to_visible']):.2f} s", f"{median(r['serve_cpu']):.2f} s",
             f"{median(r['save_during_full_build']):.2f} s",
             f"{min(r['save_during_full_build']):.2f}–{max(r['save_during_full_build']):.2f} s",
             f"{median(r['during_cpu']):.2f} s",
             f"{median(r['build_command']):.2f} s", f"{median(r['build_cpu']):.2f} s" if r["build_cpu"] else "—",
             f"{median(r['save_to_visible']) / median(r['build_command']):.2f}×"] for r in results]
    print(table(["case", "edits", "save → visible wall (median)", "range", "serve CPU until visible",
                 "saved during a full build → visible (median)", "range", "serve CPU until visible",
                 "`compendium build` wall (median)", "build CPU",
                 "wall ratio"], rows))
    print(f"\n{load_average_note()}; {os.cpu_count()} CPUs")
    path = write_result("preview", {"environment": env, "results": results})
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
