"""Find the entry files of a corpus and load each into a validated model object.

The entry type of a file is given by the folder it sits in (``policies/``,
``policies/indicators/``, ``casebook/``, ``glossary/``, ``themes/``: the registry in
generator/content/kinds.py); nothing is written anywhere while loading.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.ids import is_device_name
from generator.content.kinds import CORPUS_KINDS, Kinds
from generator.content.model import Case, Document, Indicator, Term, Theme
from generator.content.problems import FileNameMismatch, Position, Problem, ReservedName, SymlinkOutside
from generator.content.safepaths import link_leaves
from generator.content.textsafety import SAFETY_CODES
from generator.content.validation import MarkdownSafety, model_problems
from generator.content.yamlhints import REPAIRED_IN_MEMORY
from generator.content.yamlsource import YamlDocument, read_yaml

# Fixtures and build output hold YAML that is not part of the corpus being checked.
_SKIPPED_DIRS = {"site", "node_modules", "build", "dist", "__pycache__", "generated", "tests", "benchmarks", "docs"}


def kind_of(path: Path, kinds: Kinds = CORPUS_KINDS) -> str | None:
    """The entry kind a YAML file holds, judged by its folder; None for other YAML files."""
    return kinds.of_file(path)


@dataclass
class LoadedEntry:
    """One entry file: its kind, its validated model (None when invalid) and positions."""

    kind: str
    source: YamlDocument
    entry: Any = None

    @property
    def path(self) -> Path:
        return self.source.path


@dataclass
class LoadResult:
    """Everything read from a corpus, with the problems found file by file."""

    entries: list[LoadedEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    kinds: Kinds = CORPUS_KINDS

    def of_kind(self, kind: str) -> list[LoadedEntry]:
        return [item for item in self.entries if item.kind == kind and item.entry is not None]

    @property
    def documents(self) -> list[Document]:
        return [item.entry for item in self.of_kind("document")]

    @property
    def indicators(self) -> list[Indicator]:
        return [item.entry for item in self.of_kind("indicator")]

    @property
    def cases(self) -> list[Case]:
        return [item.entry for item in self.of_kind("case")]

    @property
    def terms(self) -> list[Term]:
        return [item.entry for item in self.of_kind("term")]

    @property
    def themes(self) -> list[Theme]:
        return [item.entry for item in self.of_kind("theme")]


def discover(paths: list[Path], kinds: Kinds = CORPUS_KINDS) -> list[Path]:
    """Every entry file under ``paths`` (files are taken as given), sorted, without repeats."""
    return sorted({path for path, _ in find_entries(paths, kinds) if path.is_file()})


def find_entries(paths: list[Path], kinds: Kinds = CORPUS_KINDS) -> list[tuple[Path, Path | None]]:
    """(entry file, the folder it was found in; None for a file named directly), sorted, without repeats.

    Folders are walked without following links to folders (as ``Path.rglob`` does), so an entry folder that
    is a link is reported by the loader rather than read; hidden, build and dependency folders are skipped.
    """
    found: dict[Path, Path | None] = {}
    for path in paths:
        if path.is_file():
            found.setdefault(path, None)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in _SKIPPED_DIRS)
            here = Path(folder)
            names = files + [name for name in subfolders if (here / name).is_symlink()]
            for name in names:
                candidate = here / name
                if (candidate.suffix in (".yml", ".yaml") and kinds.of_file(candidate) is not None) or _is_entry_folder(candidate, kinds):
                    found.setdefault(candidate, path)
    return sorted(found.items())


def _is_entry_folder(path: Path, kinds: Kinds) -> bool:
    return path.is_symlink() and path.is_dir() and kinds.of_file(path / "entry.yml") is not None


class EntryLoader:
    """Reads files and validates each against the model of its kind."""

    def __init__(self, kinds: Kinds = CORPUS_KINDS) -> None:
        self.kinds = kinds.corpus()
        self.safety = MarkdownSafety()

    def load(self, paths: list[Path]) -> LoadResult:
        result = LoadResult(kinds=self.kinds)
        for path, root in find_entries(paths, self.kinds):
            target = None if root is None else self.outside(path, root)
            if target is not None:  # a link out of the project: reported at its own path, never read
                what = ("文件夹", "folder") if path.is_dir() else ("条目文件", "entry file")
                result.problems.append(SymlinkOutside(path, Position(1, 1), {
                    "what_zh": what[0], "what_en": what[1], "target": str(target)}))
                continue
            if not path.is_file():
                continue  # an entry folder linked within the project is not followed (as before); a dangling link
            loaded = self.load_file(path)
            if loaded is None:
                continue
            result.entries.append(loaded)
            result.problems.extend(loaded.source.problems)
        return result

    def outside(self, path: Path, root: Path) -> Path | None:
        """Where ``path`` really is when a symbolic link takes it out of ``root`` (see safepaths.link_leaves)."""
        return link_leaves(path, root)

    def load_file(self, path: Path) -> LoadedEntry | None:
        kind = self.kinds.of_file(path)
        if kind is None:
            return None
        source = read_yaml(path)
        loaded = LoadedEntry(kind, source)
        if is_device_name(path.name):
            source.problems.append(reserved_file_name(path, source))
        # A typing mistake repaired in memory (full-width colon, tab or full-width-space indentation) leaves
        # data that is what the editor meant: its fields are still checked, so one typo hides nothing.
        if not isinstance(source.data, dict) or any(p.code not in REPAIRED_IN_MEMORY for p in source.problems):
            return loaded
        source.problems.extend(self.safety.check(source))
        entry, problems = model_problems(source, self.kinds[kind].model)
        source.problems.extend(problems)
        if entry is not None:
            entry_id = getattr(entry, "id", None)
            if entry_id is not None and path.stem != entry_id:
                source.problems.append(FileNameMismatch(path, source.position(("id",)), {"expected": entry_id}))
            if not any(p.code in SAFETY_CODES for p in source.problems):
                loaded.entry = entry
        return loaded


def reserved_file_name(path: Path, source: YamlDocument) -> Problem:
    """The problem of a file whose name Windows reserves (``NUL.yml``), at its first line."""
    entry_id = source.data.get("id") if isinstance(source.data, dict) else None
    usable = isinstance(entry_id, str) and entry_id and not is_device_name(entry_id)
    return ReservedName(path, Position(1, 1), {"found": path.name, "example": f"{entry_id if usable else 'ju-min-yi-shi-ting'}.yml"})
