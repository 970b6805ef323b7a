"""The corpus's check, top to bottom: load → validate → link → check quotes and printed values.

Nothing is written. What combines the corpus with courses or the synonym list is assembled one floor up
(generator/site/projectcheck.py, for ``compendium check`` and ``compendium build``); rendering and building
are generator/site's.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS, Kinds
from generator.content.links import Corpus, Linker
from generator.content.loading import EntryLoader, LoadResult
from generator.content.printed import PrintedValueChecker
from generator.content.problems import Problem
from generator.content.quotes import QuoteChecker
from generator.content.sources import SourceLibrary


@dataclass
class CheckResult:
    """What the check found: the linked corpus and every problem, sorted."""

    loaded: LoadResult
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    quotes_checked: int = 0
    quotes_by_source: dict[str, int] = field(default_factory=dict)
    quotes_by_file: dict[Path, int] = field(default_factory=dict)
    sources_available: bool = False
    # the valid files of kinds checked outside generator/content (courses): kind -> id -> path
    others: dict[str, dict[str, Path]] = field(default_factory=dict)

    def add(self, problems: list[Problem]) -> None:
        """Problems found by a check assembled on top of this one; every problem stays sorted."""
        self.problems = sorted([*self.problems, *problems], key=Problem.sort_key)


# A check of the paths against the sources (None: quotes unchecked), as a command assembles it (with courses …)
Checker = Callable[[list[Path], SourceLibrary | None], CheckResult]


def check_corpus(paths: list[Path], sources: SourceLibrary | None, *, kinds: Kinds = CORPUS_KINDS,
                 freeze: bool = False) -> CheckResult:
    """Load and validate every entry under ``paths``, resolve all references, check quotes against ``sources``.

    ``freeze`` (one-shot commands only: check, build, course, report): the corpus lives as long as the
    process, so the garbage collector stops scanning it (``gc.freeze``); a long ``serve`` or ``cms`` session,
    which checks again after every save, leaves it off and gets each old corpus's memory back.
    """
    # Loading builds millions of small objects that live as long as the corpus and form no
    # garbage cycles; the collector's repeated sweeps over them cost about a third of the
    # time on 10,000 entries (benchmarks/README.md), so it pauses while we load and link.
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = EntryLoader(kinds).load(paths)
        corpus, link_problems = Linker(loaded).link()
    finally:
        if collecting:
            gc.enable()
    if freeze:
        gc.freeze()
    problems = [*loaded.problems, *link_problems]
    result = CheckResult(loaded, corpus)
    if sources is not None:
        # Quotes citing a document without a capture are errors even where no capture is at hand.
        result.sources_available = sources.available
        checker = QuoteChecker(sources)
        problems.extend(checker.check(loaded, corpus))
        checker.improve(problems)
        result.quotes_checked = checker.checked
        result.quotes_by_source = checker.by_kind
        result.quotes_by_file = checker.by_file
        problems.extend(PrintedValueChecker(sources).check(loaded, corpus))  # 文号, 索引号 and dates as printed
    result.problems = sorted(problems, key=Problem.sort_key)
    return result

