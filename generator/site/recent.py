"""When each entry was added, from the repository's history (for the home page's "recently added")."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS, Kinds


def added_dates(root: Path, kinds: Kinds = CORPUS_KINDS) -> dict[tuple[str, str], str]:
    """``{(kind, entry id): "YYYY-MM-DD"}``: the date of the commit that added each entry file.

    Empty when ``root`` is not a git checkout or git is missing: the home page then leaves the
    list out rather than guess. The entry id is the file name without ``.yml``, as editors name them.
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--name-only", "--format=@%cs", "--",
             *(kind.source for kind in kinds)],
            capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[tuple[str, str], str] = {}
    day = ""
    for line in done.stdout.splitlines():
        if line.startswith("@"):
            day = line[1:]
            continue
        path = Path(line.strip())
        if path.suffix != ".yml":
            continue
        folder = path.parent.as_posix()
        kind = next((kind.name for kind in kinds if folder == kind.source), None)
        if kind is not None:
            dates.setdefault((kind, path.stem), day)  # git log is newest first; a re-added file keeps its latest date
    return dates
