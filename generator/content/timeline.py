"""An indicator's whole chain: every target, standard and observation, and its status.

The status is computed, never entered: each target is compared with the observations
reported since, and the working is kept so the page can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.content.links import Corpus
from generator.content.model import Comparator, Direction, Document, Fact, FactKind, Indicator

# status code -> (zh, en)
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "achieved": ("已实现", "Achieved"),
    "met-after-deadline": ("逾期实现", "Met after deadline"),
    "missed": ("未实现", "Missed"),
    "on-track": ("进展顺利", "On track"),
    "off-track": ("进度滞后", "Off track"),
    "no-data": ("暂无数据", "No data"),
    "no-target": ("无目标", "No target"),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One fact on an indicator's timeline, with the document that states it."""

    document: Document
    fact: Fact
    anchor: str

    @property
    def year(self) -> int | None:
        return self.fact.year if self.fact.year is not None else self.document.year


@dataclass
class TargetAssessment:
    """How one target fared against the observations, with the reasoning in both languages."""

    target: TimelineEntry
    status: str
    evidence: TimelineEntry | None
    working_zh: str
    working_en: str


@dataclass
class Disagreement:
    """Observations for the same year that report different values."""

    year: int | None
    entries: list[TimelineEntry]


def meets(value: float, comparator: Comparator, goal: float, direction: Direction) -> bool:
    """Whether an observed ``value`` satisfies a target ``comparator goal``."""
    if comparator in (Comparator.ge, Comparator.gt):
        return value >= goal if comparator is Comparator.ge else value > goal
    if comparator in (Comparator.le, Comparator.lt):
        return value <= goal if comparator is Comparator.le else value < goal
    if direction is Direction.lower:
        return value <= goal
    if direction is Direction.higher:
        return value >= goal
    return value == goal


_SIGNS = {Comparator.eq: "", Comparator.ge: "≥ ", Comparator.gt: "> ", Comparator.le: "≤ ", Comparator.lt: "< ",
          Comparator.approx: "≈ "}


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass
class IndicatorTimeline:
    """Targets, standards and observations of one indicator, in time order."""

    indicator: Indicator
    entries: list[TimelineEntry] = field(default_factory=list)
    today: date = field(default_factory=date.today)

    @classmethod
    def build(cls, corpus: Corpus, indicator: Indicator, today: date | None = None) -> IndicatorTimeline:
        entries = [
            TimelineEntry(document, fact, corpus.anchor_of(fact)) for document, fact in corpus.facts_of(indicator.id)
        ]
        # Undated facts (no year of their own nor of their document) go last, not first.
        entries.sort(key=lambda e: (e.year is None, e.year or 0, e.fact.kind.value, e.document.id))
        return cls(indicator, entries, today or date.today())

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
        """Years for which different documents report different observed values.

        An observation without a year counts for its document's year; when the document
        has no year either, it could be any year, so it is compared with every year.
        """
        by_year: dict[int, list[TimelineEntry]] = {}
        undated: list[TimelineEntry] = []
        for entry in self.observations:
            if entry.year is None:
                undated.append(entry)
            else:
                by_year.setdefault(entry.year, []).append(entry)
        groups = sorted(by_year.items()) or [(None, [])]
        found = []
        for year, dated in groups:
            entries = dated + undated
            values = {(e.fact.value, e.fact.comparator) for e in entries}
            documents = {e.document.id for e in entries}
            if len(values) > 1 and len(documents) > 1:
                found.append(Disagreement(year, entries))
        return found

    def assess(self, target: TimelineEntry) -> TargetAssessment:
        fact = target.fact
        deadline = fact.year or 0
        goal = f"{_SIGNS[fact.comparator]}{_fmt(fact.value)}"
        dated = [e for e in self.observations if e.fact.year is not None]
        met = [e for e in dated if meets(e.fact.value, fact.comparator, fact.value, self.indicator.direction)]
        in_time = [e for e in met if e.fact.year <= deadline]  # type: ignore[operator]
        if in_time:
            first = in_time[0]
            return TargetAssessment(target, "achieved", first,
                                    f"目标 {goal}（{deadline}年）；{first.fact.year}年观测值 {_fmt(first.fact.value)}，已达到。",
                                    f"Target {goal} by {deadline}; observed {_fmt(first.fact.value)} in {first.fact.year}: met.")
        if met:
            first = met[0]
            return TargetAssessment(target, "met-after-deadline", first,
                                    f"目标 {goal}（{deadline}年）；{first.fact.year}年才观测到 {_fmt(first.fact.value)}。",
                                    f"Target {goal} by {deadline}; {_fmt(first.fact.value)} was first reported for {first.fact.year}.")
        if not dated:
            return TargetAssessment(target, "no-data", None, f"目标 {goal}（{deadline}年）；尚无观测值。",
                                    f"Target {goal} by {deadline}; nothing reported yet.")
        latest = dated[-1]
        value = _fmt(latest.fact.value)
        if (latest.fact.year or 0) >= deadline or deadline < self.today.year:
            return TargetAssessment(target, "missed", latest,
                                    f"目标 {goal}（{deadline}年）；最新观测值（{latest.fact.year}年）{value}，未达到。",
                                    f"Target {goal} by {deadline}; latest observation ({latest.fact.year}) {value}: not met.")
        status = "on-track" if self._progressing(target, latest) else "off-track"
        zh = "按当前趋势可望实现" if status == "on-track" else "按当前趋势难以如期实现"
        en = "the trend reaches it in time" if status == "on-track" else "the trend does not reach it in time"
        return TargetAssessment(target, status, latest,
                                f"目标 {goal}（{deadline}年）；最新观测值（{latest.fact.year}年）{value}，{zh}。",
                                f"Target {goal} by {deadline}; latest observation ({latest.fact.year}) {value}: {en}.")

    def _progressing(self, target: TimelineEntry, latest: TimelineEntry) -> bool:
        """Linear extrapolation of the first and latest observations to the deadline."""
        first = next(e for e in self.observations if e.fact.year is not None)
        if first is latest or first.fact.year == latest.fact.year:
            return False
        slope = (latest.fact.value - first.fact.value) / (latest.fact.year - first.fact.year)  # type: ignore[operator]
        projected = latest.fact.value + slope * ((target.fact.year or 0) - (latest.fact.year or 0))
        return meets(projected, target.fact.comparator, target.fact.value, self.indicator.direction)

    def assessments(self) -> list[TargetAssessment]:
        return [self.assess(target) for target in self.targets if target.fact.year is not None]

    @property
    def status(self) -> str:
        """The status of the target with the latest deadline (``no-target`` when none)."""
        assessments = self.assessments()
        if not assessments:
            return "no-target" if self.observations or self.standards else "no-data"
        return max(assessments, key=lambda a: a.target.fact.year or 0).status

    @property
    def latest_observation(self) -> TimelineEntry | None:
        dated = [e for e in self.observations if e.fact.year is not None]
        return dated[-1] if dated else (self.observations[-1] if self.observations else None)
