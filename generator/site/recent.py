"""When each entry was added, from the repository's history (for the home page's "recently added")."""

from __future__ import annotations

import subprocess
from pathlib import Path

# entry folders and the kind of entry each holds (policies/indicators/ before policies/)
ENTRY_FOLDERS = (("policies/indicators", "indicator"), ("policies", "document"), ("casebook", "case"),
                 ("glossary", "term"))


def added_dates(root: Path) -> dict[tuple[str, str], str]:
    """``{(kind, entry id): "YYYY-MM-DD"}``: the date of the commit that added each entry file.

    Empty when ``root`` is not a git checkout or git is missing: the home page then leaves the
    list out rather than guess. The entry id is the file name without ``.yml``, as editors name them.
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--name-only", "--format=@%cs", "--",
             *(folder for folder, _ in ENTRY_FOLDERS)],
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
        kind = next((kind for name, kind in ENTRY_FOLDERS if folder == name), None)
        if kind is not None:
            dates.setdefault((kind, path.stem), day)  # git log is newest first; a re-added file keeps its latest date
    return dates
