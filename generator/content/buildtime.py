"""The one moment a build is stamped with, so that two builds of the same inputs are the same bytes.

Every date a build writes (the pages' "generated on", the sitemap's lastmod, the timestamps inside zip
files (course packs, the offline copy), the core properties of Word, PowerPoint and Excel files, the
PDF's creation date) comes from here, never from the clock: ``SOURCE_DATE_EPOCH`` when it is set (the
reproducible-builds.org convention, which MkDocs follows too), else the date of the checkout's last
commit, else the newest modification time of the project's input files (a folder that is not a git
checkout, such as a test's copy of the fixtures).
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS, Kinds

VARIABLE = "SOURCE_DATE_EPOCH"
HAND_WRITTEN = ("docs", "overrides")  # beside the kinds' folders (generator/content/kinds.py): pages and theme overrides
INPUT_FILES = ("mkdocs.yml", "synonyms.yml")
ZIP_EPOCH = 315532800  # 1980-01-01: zip files cannot record an earlier time


def source_date_epoch(root: Path, kinds: Kinds = CORPUS_KINDS) -> int:
    """Seconds since 1970 to stamp a build of ``root`` with (see the module's docstring for the order); ``kinds``: the project's."""
    given = os.environ.get(VARIABLE, "").strip()
    if given.isdigit():
        return int(given)
    committed = _last_commit(root)
    if committed is not None:
        return committed
    return _newest_input(root, (*kinds.top_folders, *HAND_WRITTEN))


def stamp_datetime(epoch: int) -> datetime:
    """The stamp as a UTC datetime."""
    return datetime.fromtimestamp(epoch, tz=UTC)


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The stamp as a zip member's date and time (zip cannot go before 1980)."""
    moment = stamp_datetime(max(epoch, ZIP_EPOCH))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def current_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as the build set it for everything it runs (None outside a build)."""
    given = os.environ.get(VARIABLE, "").strip()
    return int(given) if given.isdigit() else None


def _last_commit(root: Path) -> int | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                              check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def _newest_input(root: Path, folders: tuple[str, ...]) -> int:
    newest = 0.0
    for name in INPUT_FILES:
        path = root / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
    for name in folders:
        folder = root / name
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    newest = max(newest, path.stat().st_mtime)
    return max(int(newest), ZIP_EPOCH)
