"""The corpus kept loaded between saves (``compendium serve``): a save re-reads only the files it changed.

Reading and validating every entry is most of a check (1,000 entries: about 2 s of CPU, against a quarter
of a second to link them). A long-running process that checks again after every save keeps each file's
loaded entry with the file's stamp (size, modification time, inode) and reads again only the files whose
stamp changed or that it is told changed; linking runs over the whole corpus as in a full check, so every
reference is resolved as ``compendium check`` resolves it. Quotes are checked for the entries read again
(all of them when a document changed: its clauses are what the others quote).
"""

from __future__ import annotations

import gc
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS, Kinds
from generator.content.links import Linker
from generator.content.loading import EntryLoader, LoadedEntry, LoadResult
from generator.content.pipeline import CheckResult
from generator.content.printed import PrintedValueChecker
from generator.content.problems import Problem
from generator.content.quotes import QuoteChecker
from generator.content.sources import SourceLibrary

Stamp = tuple[int, int, int]  # size, modification time (ns), inode


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


class _KeepingLoader(EntryLoader):
    """An entry loader that reuses what it read before when the file's stamp is unchanged."""

    def __init__(self, kinds: Kinds) -> None:
        super().__init__(kinds)
        self.kept: dict[Path, tuple[Stamp, LoadedEntry | None]] = {}
        self.forced: set[Path] = set()
        self.read: list[LoadedEntry] = []  # what this round read again

    def outside(self, path: Path, root: Path) -> Path | None:
        """As the loader's, asked again only for a file it has not read with this stamp (resolving is a third of a pass)."""
        kept = self.kept.get(path)
        if kept is not None and kept[0] == _stamp(path) and path not in self.forced:
            return None  # read before from inside the project, and the same file since
        return super().outside(path, root)

    def load_file(self, path: Path) -> LoadedEntry | None:
        stamp = _stamp(path)
        kept = self.kept.get(path)
        if stamp is not None and kept is not None and kept[0] == stamp and path not in self.forced:
            return kept[1]
        loaded = super().load_file(path)
        if stamp is not None:
            self.kept[path] = (stamp, loaded)
        if loaded is not None:
            self.read.append(loaded)
        return loaded


class KeptCorpus:
    """The project's entries, checked again after each save from what changed."""

    def __init__(self, root: Path, sources: SourceLibrary | None, kinds: Kinds = CORPUS_KINDS) -> None:
        self.root = root
        self.sources = sources
        self._loader = _KeepingLoader(kinds)

    def check(self, changed: list[Path] | None = None) -> tuple[CheckResult, list[LoadedEntry]]:
        """The corpus as it is now, with its problems, and the entries read again this time.

        ``changed``: files known to have changed (read again even if their stamp looks the same).
        """
        loader = self._loader
        loader.forced = {path.resolve() for path in changed or []} | set(changed or [])
        loader.read = []
        collecting = gc.isenabled()
        gc.disable()  # as in a full check: millions of small objects that form no cycles
        try:
            loaded = loader.load([self.root])
            corpus, link_problems = Linker(loaded).link()
        finally:
            if collecting:
                gc.enable()
        present = {item.path for item in loaded.entries}
        for path in [path for path in loader.kept if path not in present]:
            del loader.kept[path]  # deleted or moved away
        read = loader.read
        problems: list[Problem] = [*loaded.problems, *link_problems]
        result = CheckResult(loaded, corpus)
        if self.sources is not None:
            result.sources_available = self.sources.available
            quoted = loaded if any(item.kind == "document" for item in read) else LoadResult(read, [], loaded.kinds)
            checker = QuoteChecker(self.sources)
            problems += checker.check(quoted, corpus)
            checker.improve(problems)
            problems += PrintedValueChecker(self.sources).check(quoted, corpus)
        result.problems = sorted(problems, key=Problem.sort_key)
        return result, read
