"""How long ``compendium check`` takes compared with just parsing the same YAML files.

    python benchmarks/bench_check.py                      # N = 1,000 (5 runs) and 10,000 (3 runs)
    python benchmarks/bench_check.py --sizes 2000 --reps 7

For each N a synthetic corpus is generated (benchmarks/synthetic.py) into a temporary folder.
Then, in this one process and interleaved run by run (alternating which goes first), it times:

- baseline: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of every entry file (libyaml, no checks);
- parse:    ``generator.content.yamlsource.read_yaml`` of the same files (the generator's own YAML layer:
            event stream, YAML 1.2 scalars, positions of every key and value, no validation);
- check:    ``generator.content.pipeline.check_corpus([folder], None)``: discovery, parsing, model
            validation, Markdown safety, linking. Quotes are not checked (``None``).

It prints medians and the ratio check / baseline, and writes JSON to benchmarks/results/.
Not a test: it asserts nothing except that the synthetic corpus has no problems.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml
from common import environment, median, table, write_result
from phone import load_average_note  # benchmarks/ is on sys.path when run as a script
from synthetic import entry_counts, generate

from generator.content.loading import discover
from generator.content.pipeline import check_corpus
from generator.content.yamlsource import read_yaml

DEFAULT_SIZES = [1000, 10_000]


def default_reps(n: int) -> int:
    return 5 if n <= 2000 else 3  # at least three at every size


class Clock:
    """Wall and CPU time (this process: user + system) of one run."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def run_baseline(files: list[Path]) -> Clock:
    with Clock() as clock:
        for file in files:
            with file.open(encoding="utf-8") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)
    return clock


def run_parse(files: list[Path]) -> Clock:
    with Clock() as clock:
        for file in files:
            read_yaml(file)
    return clock


def run_check(folder: Path) -> tuple[Clock, int]:
    with Clock() as clock:
        result = check_corpus([folder], None)
    return clock, len(result.problems)


def measure(n: int, folder: Path, reps: int, seed: int) -> dict[str, object]:
    started = time.perf_counter()
    counts = generate(n, folder, seed=seed, force=True)
    generated = time.perf_counter() - started
    files = discover([folder])
    size = sum(file.stat().st_size for file in files)
    print(f"N={n}: {len(files)} files, {size / 1e6:.1f} MB of YAML, generated in {generated:.1f} s", file=sys.stderr)

    # one untimed round of each: page cache, lazily built parsers and validators
    run_baseline(files)
    _, problems = run_check(folder)
    if problems:
        raise SystemExit(f"synthetic corpus of {n} has {problems} problems; fix benchmarks/synthetic.py")

    wall: dict[str, list[float]] = {"baseline": [], "parse": [], "check": []}
    cpu: dict[str, list[float]] = {"baseline": [], "parse": [], "check": []}
    for rep in range(reps):
        order = ["baseline", "parse", "check"] if rep % 2 == 0 else ["check", "parse", "baseline"]
        for what in order:
            gc.collect()
            if what == "baseline":
                clock = run_baseline(files)
            elif what == "parse":
                clock = run_parse(files)
            else:
                clock, _ = run_check(folder)
            wall[what].append(clock.wall)
            cpu[what].append(clock.cpu)
        print(f"  run {rep + 1}/{reps}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in wall.items()), file=sys.stderr)
    medians = {what: median(values) for what, values in wall.items()}
    cpu_medians = {what: median(values) for what, values in cpu.items()}
    return {
        "n": n,
        "files": len(files),
        "yaml_bytes": size,
        "counts": counts,
        "generate_seconds": generated,
        "reps": reps,
        "seconds": wall,
        "cpu_seconds": cpu,
        "median": medians,
        "median_cpu": cpu_medians,
        "ratio_check_baseline": medians["check"] / medians["baseline"],
        "ratio_parse_baseline": medians["parse"] / medians["baseline"],
        "ratio_check_baseline_cpu": cpu_medians["check"] / cpu_medians["baseline"],
        "check_ms_per_entry": medians["check"] / n * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time check_corpus against bare yaml.load (CSafeLoader).")
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, help="corpus sizes (entries)")
    parser.add_argument("--reps", type=int, default=None, help="runs per size (default: 5 up to 2,000 entries, else 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    args = parser.parse_args(argv)

    env = environment()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-check-"))
    results = []
    try:
        for n in args.sizes:
            results.append(measure(n, workdir / f"corpus-{n}", args.reps or default_reps(n), args.seed))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = []
    for r in results:
        med = r["median"]
        cpu = r["median_cpu"]
        rows.append([f"{r['n']:,}", str(r["reps"]), f"{r['yaml_bytes'] / 1e6:.1f} MB",
                     f"{med['baseline']:.2f} s", f"{med['parse']:.2f} s", f"{med['check']:.2f} s",
                     f"{r['ratio_parse_baseline']:.1f}×", f"{r['ratio_check_baseline']:.1f}×",
                     f"{cpu['baseline']:.2f} s", f"{cpu['check']:.2f} s", f"{r['ratio_check_baseline_cpu']:.1f}×",
                     f"{r['check_ms_per_entry']:.2f} ms"])
    print(table(["entries", "runs", "YAML", "baseline wall (CSafeLoader)", "parse wall (read_yaml)", "check_corpus wall",
                 "parse/baseline", "check/baseline", "baseline CPU", "check CPU", "check/baseline CPU", "check per entry"], rows))
    mix = entry_counts(results[0]["n"]) if results else {}
    print(f"\nmedians; corpus mix for N={results[0]['n'] if results else '-'}: {mix}; load average at start "
          f"{env['loadavg_start'][0]:.2f}; at the end: {load_average_note()}")
    path = write_result("check", {"environment": env, "results": results})
    print(f"written {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
