"""The status rules: how one target is judged against the observations of the same scope.

The rules never claim more than the data shows (issue 14):

* a target is met only by an observation of the same scope dated at or before its deadline;
* "met after the deadline" only when an observation at or before the deadline shows it unmet
  and a later one shows it met;
* "missed" only when the observation for the deadline year shows it unmet and none later meets it;
  when nothing was observed at the deadline the page says so, never "missed" because the date passed;
* undated targets are all "no deadline"; undated observations never decide a status;
* before the deadline, "on track / off track" compares the compound annual growth rate observed
  with the rate needed (Open SDG's method, after Statistics Canada and Eurostat).

The same rules are written out for readers on the status-rules page (generator/site/rules.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from generator.content.model import YEAR_BASIS_NAMES, Comparator, Direction, Document, Fact, YearBasis

# status code -> (zh, en) in plain words (the rules page gives the precise terms); the order is the order of the rules page
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "achieved": ("已实现", "Achieved"),
    "met-after-deadline": ("逾期实现", "Met after deadline"),
    "missed": ("未实现", "Missed"),
    "no-data-at-deadline": ("截止年没有数据", "No data for the deadline year"),
    "on-track": ("进展顺利", "On track"),
    "off-track": ("进度滞后", "Off track"),
    "trend-unknown": ("趋势不明", "Trend unknown"),
    "no-deadline": ("没写期限", "No deadline given"),
    "scope-differs": ("统计范围不同", "Not comparable"),
    "no-data": ("还没有数据", "No data yet"),
    "no-target": ("没有目标", "No target"),
}

# Open SDG: a ratio of observed to required growth of at least 95% is "on track".
ON_TRACK_RATIO = 0.95

_SIGNS = {Comparator.eq: "", Comparator.ge: "≥ ", Comparator.gt: "> ", Comparator.le: "≤ ", Comparator.lt: "< ",
          Comparator.approx: "≈ "}


class Dated(Protocol):
    """What the rules need of a timeline entry: its fact and document."""

    @property
    def fact(self) -> Fact: ...

    @property
    def document(self) -> Document: ...


def meets(value: float, comparator: Comparator, goal: float, direction: Direction) -> bool:
    """Whether an observed ``value`` satisfies a target ``comparator goal``."""
    if comparator in (Comparator.ge, Comparator.gt):
        return value >= goal if comparator is Comparator.ge else value > goal
    if comparator in (Comparator.le, Comparator.lt):
        return value <= goal if comparator is Comparator.le else value < goal
    if direction is Direction.lower_:
        return value <= goal
    if direction is Direction.higher:
        return value >= goal
    return value == goal


def same_scope(first: Dated, second: Dated) -> bool:
    """Facts are comparable when their ``scope_id`` and their documents' region are the same."""
    return first.fact.scope_id == second.fact.scope_id and first.document.region.zh == second.document.region.zh


def scope_text(entry: Dated, lang: str) -> str:
    """The scope as readers see it: region of the document and the fact's own scope."""
    scope = entry.fact.scope.en if lang == "en" and entry.fact.scope.en else entry.fact.scope.zh
    region = entry.document.region.en if lang == "en" and entry.document.region.en else entry.document.region.zh
    return scope if region in scope else f"{region}: {scope}" if lang == "en" else f"{region}·{scope}"


def fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def year_zh(fact: Fact) -> str:
    """``2020年``, or ``2020年（推定）`` when the source does not print the year."""
    suffix = "" if fact.year_basis is YearBasis.stated else f"（{YEAR_BASIS_NAMES[fact.year_basis][0]}）"
    return f"{fact.year}年{suffix}"


def year_en(fact: Fact) -> str:
    suffix = "" if fact.year_basis is YearBasis.stated else f" ({YEAR_BASIS_NAMES[fact.year_basis][1]})"
    return f"{fact.year}{suffix}"


@dataclass(frozen=True)
class Growth:
    """Open SDG's inputs and result: observed and required compound annual growth and their ratio."""

    base_year: int
    base_value: float
    latest_year: int
    latest_value: float
    target_year: int
    target_value: float
    observed: float
    required: float

    @property
    def ratio(self) -> float:
        return self.observed / self.required

    @property
    def on_track(self) -> bool:
        return self.ratio >= ON_TRACK_RATIO


def growth(base: Fact, latest: Fact, target: Fact) -> Growth | None:
    """CAGR observed from ``base`` to ``latest`` against CAGR required from ``base`` to the target.

    Returns None when the rates cannot be computed: zero or negative values, one year only,
    or a base that already meets the target (nothing left to grow).
    """
    assert base.year is not None and latest.year is not None and target.year is not None
    if latest.year <= base.year or target.year <= base.year or min(base.value, latest.value, target.value) <= 0:
        return None
    if base.value == target.value:
        return None
    observed = (latest.value / base.value) ** (1 / (latest.year - base.year)) - 1
    required = (target.value / base.value) ** (1 / (target.year - base.year)) - 1
    return Growth(base.year, base.value, latest.year, latest.value, target.year, target.value, observed, required)


@dataclass
class Assessment:
    """How one target fared: a status, a short summary, the full working (both languages) and evidence."""

    status: str
    summary_zh: str
    summary_en: str
    working_zh: str
    working_en: str
    evidence: Dated | None = None
    growth: Growth | None = None


@dataclass(frozen=True)
class Point:
    """An observation placed in time: exactly (its own year) or only "by" its document's year."""

    entry: Dated
    year: int
    exact: bool

    @property
    def value(self) -> str:
        return fmt(self.entry.fact.value)

    @property
    def when_zh(self) -> str:
        return year_zh(self.entry.fact) if self.exact else f"{self.year}年文件所报（原文未写年份）"

    @property
    def when_en(self) -> str:
        return f"in {year_en(self.entry.fact)}" if self.exact else f"as reported in {self.year} (the source gives no year)"

    @property
    def by_zh(self) -> str:
        return f"{year_zh(self.entry.fact)}已达到" if self.exact else f"{self.year}年文件报告时已达到"

    @property
    def by_en(self) -> str:
        return f"met by {year_en(self.entry.fact)}" if self.exact else f"met by {self.year}, the year of the report"


def points(entries: Sequence[Dated]) -> tuple[list[Point], int]:
    """Observations with a year are exact; without one, they hold "by" their document's year.

    Returns the points in time order and how many observations could not be placed at all.
    """
    found = []
    for entry in entries:
        if entry.fact.year is not None:
            found.append(Point(entry, entry.fact.year, True))
        elif entry.document.year is not None:
            found.append(Point(entry, entry.document.year, False))
    found.sort(key=lambda p: (p.year, p.exact))
    return found, len(entries) - len(found)


class StatusRules:
    """Applies the rules to one target, given every observation of the indicator in time order."""

    def __init__(self, observations: Sequence[Dated], direction: Direction, today: date) -> None:
        self.observations = observations
        self.direction = direction
        self.today = today

    def _met(self, point: Point, target: Fact) -> bool:
        return meets(point.entry.fact.value, target.comparator, target.value, self.direction)

    def assess(self, target: Dated) -> Assessment:
        fact = target.fact
        goal = f"{_SIGNS[fact.comparator]}{fmt(fact.value)}"
        found, unplaced = points([e for e in self.observations if same_scope(e, target)])
        others = [e for e in self.observations if not same_scope(e, target)]
        if fact.year is None:
            head_zh, head_en = f"目标 {goal}（原文未写期限）", f"Target {goal} (the source gives no deadline)"
            result = self._undated(fact, found)
        else:
            head_zh, head_en = f"目标 {goal}（{year_zh(fact)}）", f"Target {goal} by {year_en(fact)}"
            result = self._dated(fact, found) if found else self._without(others, target)
        tail_zh = f"另有{unplaced}个报告的数值，原文和所在文件都没写年份，不用于判断。" if unplaced else ""
        tail_en = f" {unplaced} reported value(s) with no year, in documents with no year, are not used." if unplaced else ""
        result.working_zh = f"{head_zh}；{result.working_zh}{tail_zh}"
        result.working_en = f"{head_en}; {result.working_en}{tail_en}"
        return result

    def _without(self, others: list[Dated], target: Dated) -> Assessment:
        if not others:
            return Assessment("no-data", "还没有报告的数值", "nothing reported yet", "还没有报告的数值。", "nothing reported yet.")
        scopes_zh = "、".join(dict.fromkeys(scope_text(e, "zh") for e in others))
        scopes_en = "; ".join(dict.fromkeys(scope_text(e, "en") for e in others))
        return Assessment(
            "scope-differs", "报告的数值与目标统计范围不同，不给出状态", "the reported values count something else; no status given",
            f"目标统计的是“{scope_text(target, 'zh')}”，而报告的数值统计的是“{scopes_zh}”，二者不可比，不给出状态。",
            f"the target counts “{scope_text(target, 'en')}” but the reported values count “{scopes_en}”; "
            f"they cannot be compared, so no status is given.", others[-1])

    def _undated(self, fact: Fact, found: list[Point]) -> Assessment:
        summary = ("原文未写期限，不判断是否实现", "no deadline in the source; not judged")
        if not found:
            return Assessment("no-deadline", *summary, "还没有同一统计范围的数值。", "no value reported for the same scope.")
        latest = found[-1]
        met = self._met(latest, fact)
        return Assessment(
            "no-deadline", *summary,
            f"同一统计范围最新的数值为{latest.when_zh}的{latest.value}，{'已' if met else '未'}达到该数值。",
            f"the latest value reported for the same scope is {latest.value} {latest.when_en}, which "
            f"{'meets' if met else 'does not meet'} it.", latest.entry)

    def _dated(self, fact: Fact, found: list[Point]) -> Assessment:
        deadline = fact.year
        assert deadline is not None
        exact_by = [p for p in found if p.exact and p.year <= deadline]
        bound_by = [p for p in found if not p.exact and p.year <= deadline]
        exact_later_met = [p for p in found if p.exact and p.year > deadline and self._met(p, fact)]
        decisive = exact_by[-1:] or [p for p in bound_by if self._met(p, fact)][:1]
        if decisive and self._met(decisive[0], fact):
            point = decisive[0]
            text_zh, text_en = f"{point.when_zh}为{point.value}", f"{point.value} {point.when_en}"
            return Assessment("achieved", f"{text_zh}，已达到", f"{text_en}: met",
                              f"{text_zh}，在截止年或之前已达到。", f"{text_en}, at or before the deadline: met.", point.entry)
        if exact_by and exact_later_met:
            before, after = exact_by[-1], exact_later_met[0]
            return Assessment(
                "met-after-deadline", f"{after.when_zh}才达到", f"met only {after.when_en}",
                f"{before.when_zh}为{before.value}，未达到；{after.when_zh}为{after.value}，已达到。",
                f"{before.value} {before.when_en}: not met; {after.value} {after.when_en}: met.", after.entry)
        at_deadline = [p for p in exact_by if p.year == deadline]
        if at_deadline:
            last, latest = at_deadline[-1], found[-1]
            later_zh = f"其后最新为{latest.when_zh}的{latest.value}，仍未达到。" if latest is not last else ""
            later_en = f" The latest, {latest.value} {latest.when_en}, does not meet it either." if latest is not last else ""
            return Assessment("missed", f"截止年为{last.value}，未达到", f"{last.value} at the deadline: not met",
                              f"截止年{last.when_zh}为{last.value}，未达到。{later_zh}",
                              f"{last.value} {last.when_en}, the deadline year: not met.{later_en}", last.entry)
        if deadline < self.today.year or not exact_by:
            return self._no_data_at_deadline(fact, found, deadline)
        return self._trend(fact, exact_by)

    def _no_data_at_deadline(self, fact: Fact, found: list[Point], deadline: int) -> Assessment:
        met_later = [p for p in found if p.year > deadline and self._met(p, fact)]
        if met_later:
            point = met_later[0]
            return Assessment(
                "no-data-at-deadline", f"截止年没有数据；{point.by_zh}", f"no data for the deadline year; {point.by_en}",
                f"截止年没有数据；{point.when_zh}为{point.value}，已达到，但不知截止年是否已达到。",
                f"no data for the deadline year; {point.value} {point.when_en}: met by then, "
                f"but whether it was met by the deadline is not known.", point.entry)
        latest = found[-1]
        return Assessment(
            "no-data-at-deadline",
            f"截止年没有数据；最新为{latest.when_zh}的{latest.value}",
            f"no data for the deadline year; latest {latest.value} {latest.when_en}",
            f"截止年没有数据；最新为{latest.when_zh}的{latest.value}，未达到；不能据此断定未实现。",
            f"no data for the deadline year; latest {latest.value} {latest.when_en}, not met; "
            f"that does not show the target was missed.", latest.entry)

    def _trend(self, fact: Fact, exact_by: list[Point]) -> Assessment:
        base, latest = exact_by[0], exact_by[-1]
        rates = growth(base.entry.fact, latest.entry.fact, fact) if base.year != latest.year else None
        if rates is None:
            why_zh = "只有一个年份的数值" if base.year == latest.year else "数值为零或负数，无法计算增长率"
            why_en = "values for one year only" if base.year == latest.year else "zero or negative values; no growth rate"
            return Assessment("trend-unknown", f"最新为{latest.when_zh}的{latest.value}；{why_zh}",
                              f"latest {latest.value} {latest.when_en}; {why_en}",
                              f"最新为{latest.when_zh}的{latest.value}，未达到；{why_zh}，不判断趋势。",
                              f"latest {latest.value} {latest.when_en}, not met; {why_en}, so no trend is judged.", latest.entry)
        status = "on-track" if rates.on_track else "off-track"
        verdict_zh = "按当前增速可望如期实现" if rates.on_track else "按当前增速难以如期实现"
        verdict_en = "at this rate it is reached in time" if rates.on_track else "at this rate it is not reached in time"
        sign = "≥" if rates.on_track else "<"
        inputs_zh = (f"{base.when_zh}为{base.value}，{latest.when_zh}为{latest.value}：实际年均增长率 {rates.observed:.1%}；"
                     f"到{fact.year}年达到{fmt(fact.value)}需年均增长 {rates.required:.1%}；比值 {rates.ratio:.0%}"
                     f"（{sign} {ON_TRACK_RATIO:.0%}）")
        inputs_en = (f"{base.value} {base.when_en}, {latest.value} {latest.when_en}: observed annual growth "
                     f"{rates.observed:.1%}; reaching {fmt(fact.value)} by {fact.year} needs {rates.required:.1%} a year; "
                     f"ratio {rates.ratio:.0%} ({sign} {ON_TRACK_RATIO:.0%})")
        return Assessment(status, verdict_zh, verdict_en, f"{inputs_zh}，{verdict_zh}。", f"{inputs_en}: {verdict_en}.",
                          latest.entry, rates)
