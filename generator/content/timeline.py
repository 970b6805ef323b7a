"""An indicator's whole chain: every target, standard and observation, and its status.

The status is computed, never entered: each target is judged by the rules in
:mod:`generator.content.status` against the observations of the same scope, and the
working is kept so the page can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from generator.content.links import Corpus
from generator.content.model import Document, Fact, FactKind, Indicator
from generator.content.status import STATUS_NAMES, Assessment, StatusRules, meets, same_scope

__all__ = ["STATUS_NAMES", "Disagreement", "IndicatorTimeline", "TargetAssessment", "TimelineEntry", "meets"]


@dataclass(frozen=True)
class TimelineEntry:
    """One fact on an indicator's timeline, with the document that states it."""

    document: Document
    fact: Fact
    anchor: str

    @property
    def year(self) -> int | None:
        """The fact's own year: a fact without one is undated, whatever its document's year."""
        return self.fact.year


@dataclass
class TargetAssessment:
    """How one target fared against the observations, with the reasoning in both languages."""

    target: TimelineEntry
    result: Assessment

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def evidence(self) -> TimelineEntry | None:
        evidence = self.result.evidence  # the status rules judge this timeline's own entries
        return evidence if isinstance(evidence, TimelineEntry) else None

    @property
    def working_zh(self) -> str:
        return self.result.working_zh

    @property
    def working_en(self) -> str:
        return self.result.working_en


@dataclass
class Disagreement:
    """Observations that report different values for the same thing: same year and scope, or paired by an editor."""

    year: int | None
    entries: list[TimelineEntry]
    explicit: bool = False


@dataclass
class IndicatorTimeline:
    """Targets, standards and observations of one indicator, in time order."""

    indicator: Indicator
    entries: list[TimelineEntry] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    pairs: list[tuple[TimelineEntry, TimelineEntry]] = field(default_factory=list)

    @classmethod
    def build(cls, corpus: Corpus, indicator: Indicator, today: date | None = None) -> IndicatorTimeline:
        entries = [
            TimelineEntry(document, fact, corpus.anchor_of(fact)) for document, fact in corpus.facts_of(indicator.id)
        ]
        # Undated facts (no year of their own) go last, not first.
        entries.sort(key=lambda e: (e.year is None, e.year or 0, e.fact.kind.value, e.document.id))
        pairs: list[tuple[TimelineEntry, TimelineEntry]] = []
        for (first, first_fact), (second, second_fact) in corpus.disagreement_pairs.values():
            if indicator.id in (first_fact.indicator, second_fact.indicator):
                pairs.append((TimelineEntry(first, first_fact, corpus.anchor_of(first_fact)),
                              TimelineEntry(second, second_fact, corpus.anchor_of(second_fact))))
        return cls(indicator, entries, today or date.today(), pairs)

    def of_kind(self, kind: FactKind) -> list[TimelineEntry]:
        return [entry for entry in self.entries if entry.fact.kind is kind]

    @property
    def targets(self) -> list[TimelineEntry]:
        return self.of_kind(FactKind.target)

    @property
    def observations(self) -> list[TimelineEntry]:
        return self.of_kind(FactKind.observation)

    @property
    def standards(self) -> list[TimelineEntry]:
        return self.of_kind(FactKind.standard)

    def disagreements(self) -> list[Disagreement]:
        """Observations of the same scope that report different values, and the pairs editors marked.

        An observation without a year could be from any year up to its document's year (any year
        at all when the document has none): it is compared with every such year, and with the
        other undated observations.
        """
        found = [Disagreement(None, group, explicit=True) for group in _connected(self.pairs)]
        marked = {frozenset(id(e.fact) for e in pair) for pair in self.pairs}
        dated = [e for e in self.observations if e.year is not None]
        undated = [e for e in self.observations if e.year is None]
        years = sorted({e.year for e in dated if e.year is not None})
        groups: list[tuple[int | None, list[TimelineEntry]]] = [
            (year, [e for e in dated if e.year == year] + [u for u in undated if u.document.year is None or year <= u.document.year])
            for year in years
        ]
        if not dated:
            groups = [(None, undated)]
        for year, group in groups:
            for entries in _by_scope(group):
                differing = {frozenset((id(a.fact), id(b.fact))) for a, b in combinations(entries, 2)
                             if a.document.id != b.document.id
                             and (a.fact.value, a.fact.comparator) != (b.fact.value, b.fact.comparator)}
                if differing - marked:  # pairs the editors already marked are shown once, as marked
                    found.append(Disagreement(year, entries))
        return found

    def assess(self, target: TimelineEntry) -> TargetAssessment:
        rules = StatusRules(self.observations, self.indicator.direction, self.today)
        return TargetAssessment(target, rules.assess(target))

    def assessments(self) -> list[TargetAssessment]:
        """Every target, dated or not, judged by the same rules (undated ones are "no deadline")."""
        return [self.assess(target) for target in self.targets]

    def headline(self) -> TargetAssessment | None:
        """The assessment of the target with the latest deadline; undated targets count only when none is dated."""
        return max(self.assessments(), key=lambda a: (a.target.fact.year is not None, a.target.fact.year or 0), default=None)

    @property
    def status(self) -> str:
        """The headline target's status; ``no-target`` or ``no-data`` when there is no target."""
        headline = self.headline()
        if headline is None:
            return "no-target" if self.observations or self.standards else "no-data"
        return headline.status

    @property
    def latest_observation(self) -> TimelineEntry | None:
        """The observation with the latest year; without any, the undated one from the latest document."""
        dated = [e for e in self.observations if e.fact.year is not None]
        if dated:
            return dated[-1]
        undated = sorted(self.observations, key=lambda e: (e.document.year is not None, e.document.year or 0))
        return undated[-1] if undated else None


def _by_scope(entries: list[TimelineEntry]) -> list[list[TimelineEntry]]:
    groups: list[list[TimelineEntry]] = []
    for entry in entries:
        group = next((g for g in groups if same_scope(g[0], entry)), None)
        if group is None:
            groups.append([entry])
        else:
            group.append(entry)
    return groups


def _connected(pairs: list[tuple[TimelineEntry, TimelineEntry]]) -> list[list[TimelineEntry]]:
    """Marked pairs that share a fact form one group: 90.1 vs 86 (plan) and 90.1 vs 86 (reply) is one box of three."""
    groups: list[list[TimelineEntry]] = []
    for pair in pairs:
        touching = [g for g in groups if any(id(e.fact) in {id(p.fact) for p in pair} for e in g)]
        merged = [e for g in touching for e in g]
        for entry in pair:
            if all(e.fact is not entry.fact for e in merged):
                merged.append(entry)
        groups = [g for g in groups if g not in touching] + [merged]
    return [sorted(g, key=lambda e: (e.year is None, e.year or 0, e.document.id)) for g in groups]
