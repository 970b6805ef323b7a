"""Where each clause of a document lies in its captured source, so a quote can be checked against the clause it cites.

A document reproduced in full holds every clause word for word: each clause is found in the capture (or its
fingerprint) in order, and owns the stretch from the end of the clause before it to the end of its own text,
so its printed label and lead-in heading are its own too. A summarised article holds our own words: its clauses
follow the article in order, so the article's paragraphs are shared out among them, in order, to the clause each
shares the most of its rarer four-character windows with (a monotone alignment, as for sentences of two texts);
a clause owns its paragraphs and, at its edges, the neighbouring paragraph, since where one summarised point ends
and the next begins is a matter of judgement. Offsets count the source's characters with whitespace removed,
as :mod:`generator.content.quotes` does; the same works from a capture or from a fingerprint.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.content.model import Clause, Document, Fact, Section, TextReproduction

if TYPE_CHECKING:
    from generator.content.sources import SourceText


@dataclass(frozen=True)
class Region:
    """The stretch of the source a clause owns, [start, end) in whitespace-free characters."""

    start: int
    end: int

    def holds(self, position: int, length: int) -> bool:
        return self.start <= position and position + length <= self.end


@dataclass
class ClauseMap:
    """Each clause's region; ``exact`` when located word for word (full text), not by alignment (summary)."""

    regions: dict[str, Region] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    exact: bool = True

    def holding(self, position: int, length: int) -> list[str]:
        """The clauses whose region holds the passage at ``position``, in document order."""
        return [anchor for anchor in self.order if anchor in self.regions and self.regions[anchor].holds(position, length)]

    def nearest(self, position: int) -> str | None:
        """The clause whose region holds ``position`` or, failing that, starts closest to it."""
        inside = [anchor for anchor in self.order if anchor in self.regions and self.regions[anchor].holds(position, 1)]
        if inside:
            return inside[0]
        placed = [(abs(self.regions[anchor].start - position), anchor) for anchor in self.order if anchor in self.regions]
        return min(placed)[1] if placed else None


def clauses_of(document: Document) -> Iterator[Clause]:
    for section in document.sections:
        yield from section.clauses


def anchor_clauses(document: Document, target: Section | Clause | Fact) -> list[str]:
    """The clause ids an anchor stands for: a clause itself, every clause of a section, a fact's clause."""
    if isinstance(target, Clause):
        return [target.id]
    if isinstance(target, Section):
        return [clause.id for clause in target.clauses]
    return [target.clause]


def clause_map(document: Document, text: SourceText) -> ClauseMap:
    """Where each clause of ``document`` lies in ``text``."""
    if document.reproduction is TextReproduction.full:
        located = _located(document, text)
        if located.regions:
            return located
    return _aligned(document, text)


def _located(document: Document, text: SourceText) -> ClauseMap:
    result = ClauseMap(exact=True)
    cursor = 0
    for clause in clauses_of(document):
        result.order.append(clause.id)
        starts = [start for start in text.positions(clause.text.zh) if start >= cursor]
        if not starts:
            continue  # not word for word in the source: the quote is checked against the document only
        end = starts[0] + len("".join(clause.text.zh.split()))
        result.regions[clause.id] = Region(cursor, end)
        cursor = end
    return result


def _aligned(document: Document, text: SourceText) -> ClauseMap:
    """Share the source's paragraphs out among the clauses in order, each to the clause it shares most with."""
    from generator.content.sources import Fingerprint

    clauses = list(clauses_of(document))
    result = ClauseMap(order=[clause.id for clause in clauses], exact=False)
    hashes = text.window_hashes()
    starts = text.paragraphs
    if not clauses or not starts or not hashes:
        return result
    bounds = [*starts, len(hashes) + Fingerprint.WINDOW - 1]
    paragraphs = [set(hashes[bounds[i]: max(bounds[i], bounds[i + 1] - Fingerprint.WINDOW + 1)]) for i in range(len(starts))]
    spread = Counter(digest for paragraph in paragraphs for digest in paragraph)
    wanted = []
    for clause in clauses:
        words = "".join(((clause.heading.zh if clause.heading else "") + clause.text.zh).split())
        wanted.append({Fingerprint.digest(words[i: i + Fingerprint.WINDOW]) for i in range(len(words) - Fingerprint.WINDOW + 1)})
    weight = [[sum(1 / spread[digest] for digest in mine & paragraph) for paragraph in paragraphs] for mine in wanted]
    owner = _monotone(weight)
    for index, clause in enumerate(clauses):
        owned = [p for p, k in enumerate(owner) if k == index]
        if owned:
            first, last = max(0, owned[0] - 1), min(len(starts) - 1, owned[-1] + 1)  # the neighbouring paragraphs too
            result.regions[clause.id] = Region(bounds[first], bounds[last + 1])
    return result


def _monotone(weight: list[list[float]]) -> list[int]:
    """For each paragraph the clause it goes to: clause numbers never decrease, total weight is largest."""
    clauses, paragraphs = len(weight), len(weight[0])
    best = [weight[k][0] for k in range(clauses)]
    back: list[list[int]] = [list(range(clauses))]
    for p in range(1, paragraphs):
        running, arg = float("-inf"), 0
        row, links = [], []
        for k in range(clauses):
            if best[k] > running:
                running, arg = best[k], k
            row.append(running + weight[k][p])
            links.append(arg)
        best, back = row, [*back, links]
    k = max(range(clauses), key=lambda index: best[index])
    owner = [0] * paragraphs
    for p in range(paragraphs - 1, -1, -1):
        owner[p] = k
        k = back[p][k]
    return owner
