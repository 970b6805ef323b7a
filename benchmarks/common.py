"""Shared helpers of the benchmark scripts: environment record, medians, tables, result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
RESULTS = BENCHMARKS / "results"

if str(REPO) not in sys.path:  # run as `python benchmarks/x.py` without installing the package
    sys.path.insert(0, str(REPO))


def environment() -> dict[str, Any]:
    """What the figures depend on: machine, load, versions, commit."""
    versions = {}
    for package in ("PyYAML", "pydantic", "mkdocs", "mkdocs-material", "Markdown", "jieba", "markdown-it-py"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip() or None
        dirty = bool(subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "generator"],
                                    capture_output=True, text=True, check=False).stdout.strip())
    except OSError:
        commit, dirty = None, None
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(),
        "commit": commit,
        "generator_modified": dirty,
        "versions": versions,
    }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with columns padded for the terminal."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(head, *rows, strict=True)]
    lines = ["| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
             for row in [head, *rows]]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def write_result(name: str, data: dict[str, Any]) -> Path:
    """benchmarks/results/<name>-<timestamp>.json (and <name>-latest.json); the folder is gitignored."""
    RESULTS.mkdir(exist_ok=True)
    data["environment"]["loadavg_end"] = os.getloadavg()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    (RESULTS / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path
