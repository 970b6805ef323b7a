"""The pipeline, top to bottom: load → validate → link → (check quotes) → render → build.

Nothing is written until everything has loaded and linked without problems.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.links import Corpus, Linker
from generator.content.loading import EntryLoader, LoadResult
from generator.content.printed import PrintedValueChecker
from generator.content.problems import Problem
from generator.content.quotes import QuoteChecker, SourceLibrary
from generator.courses.checks import CourseSet, check_courses


@dataclass
class CheckResult:
    """What ``compendium check`` found: the linked corpus and every problem, sorted."""

    loaded: LoadResult
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    quotes_checked: int = 0
    quotes_by_source: dict[str, int] = field(default_factory=dict)
    quotes_by_file: dict[Path, int] = field(default_factory=dict)
    sources_available: bool = False
    courses: CourseSet = field(default_factory=CourseSet)


def check_corpus(paths: list[Path], sources: SourceLibrary | None) -> CheckResult:
    """Load and validate every entry under ``paths``, resolve all references, check quotes against ``sources``."""
    # Loading builds millions of small objects that live as long as the corpus and form no
    # garbage cycles; the collector's repeated sweeps over them cost about a third of the
    # time on 10,000 entries (benchmarks/README.md), so it pauses while we load and link.
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = EntryLoader().load(paths)
        corpus, link_problems = Linker(loaded).link()
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    problems = [*loaded.problems, *link_problems, *_synonym_problems(paths, loaded)]
    result = CheckResult(loaded, corpus)
    result.courses, course_problems = check_courses(paths, corpus)  # courses/*.yml (generator/courses/)
    problems.extend(course_problems)
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


def _synonym_problems(paths: list[Path], loaded: LoadResult) -> list[Problem]:
    """Problems in the synonym list (synonyms.yml) at the top of each corpus folder."""
    from generator.search.synonyms import check_synonyms  # the search layer reads the corpus, not the reverse

    return check_synonyms(paths, loaded)
