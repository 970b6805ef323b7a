"""What ``compendium check`` reads and what it reports, wherever it is run from.

Run with no path from any folder of a project, it checks the whole project (generator/content/project.py
finds it). Given a file or an entry folder such as ``casebook/``,
it loads the whole corpus that file belongs to, so references resolve, and reports only the
problems of what was named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS
from generator.content.problems import Problem
from generator.content.safepaths import unresolved

_ENTRY_FOLDERS = CORPUS_KINDS.folder_names


def _holds_entries(folder: Path) -> bool:
    return any((folder / name).is_dir() for name in _ENTRY_FOLDERS)


def corpus_root_of(path: Path) -> Path:
    """The corpus a named path belongs to: above its entry folder for an entry file or folder, else the path itself.

    A file or folder beside the entry folders that is not one of them (``courses/x.yml``, ``courses/``: what
    pulls entries in rather than being one) belongs to the corpus around it, so that what it pulls resolves.
    """
    path = unresolved(path)
    if path.is_file():
        kind = CORPUS_KINDS.of_file(path)
        if kind:  # above the kind's folder (policies/indicators/x.yml: two folders up)
            return path.parents[len(CORPUS_KINDS[kind].source_parts)]
        folder = path.parent
        return folder.parent if not _holds_entries(folder) and _holds_entries(folder.parent) else folder
    nested = next((kind for kind in CORPUS_KINDS if len(kind.source_parts) > 1
                   and path.parts[-len(kind.source_parts):] == kind.source_parts), None)
    if nested is not None:  # policies/indicators/
        return path.parents[len(nested.source_parts) - 1]
    if path.name in _ENTRY_FOLDERS or (not _holds_entries(path) and _holds_entries(path.parent)):
        return path.parent
    return path


@dataclass
class CheckScope:
    """The folders to load, the paths whose problems are shown, and the project root for sources."""

    load: list[Path]
    named: list[Path]
    root: Path

    def contains(self, path: Path) -> bool:
        """Whether ``path`` is, or is inside, one of the named paths (an entry file that is a link counts where it lies)."""
        where = unresolved(path)
        return any(where == named or where.is_relative_to(named) for named in self.named)

    def shows(self, problem: Problem) -> bool:
        """Whether the problem lies in one of the named paths."""
        return self.contains(problem.path)


def check_scope(paths: list[Path], root: Path) -> CheckScope:
    """The scope of ``compendium check PATH…`` in the project at ``root`` (no path: the whole project)."""
    if not paths:
        return CheckScope([root], [root], root)
    named = [unresolved(path) for path in paths]
    load: list[Path] = []
    for path in named:
        corpus = corpus_root_of(path)
        if not any(corpus == other or corpus.is_relative_to(other) for other in load):
            load = [other for other in load if not other.is_relative_to(corpus)]
            load.append(corpus)
    return CheckScope(load, named, root)
