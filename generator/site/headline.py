"""The plain sentences an indicator page opens with: the latest value, the target, and what that means.

A community worker reads "最新报告的数值是 86 %（原文未写年份；2022年的文件报告）。目标：到2018年不低于
40 %。截止年没有数据，无法判断是否按期完成；之后报告的数值已达到目标。" before any table. The
sentences are built from the same assessment as the status badge (generator/content/status.py), never
from its wording, so the precise terms (口径, 观测值, 推算过程) stay on the status-rules page and in
the working below.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Comparator, Fact, FactKind, Indicator, YearBasis
from generator.content.status import scope_text
from generator.content.timeline import IndicatorTimeline, TargetAssessment, TimelineEntry, meets
from generator.site.richtext import escape_markdown

# comparator → how a target reads in a sentence: (zh before the value, en before the value)
_TARGET_WORDS = {
    Comparator.ge: ("不低于", "at least "),
    Comparator.gt: ("高于", "more than "),
    Comparator.le: ("不高于", "at most "),
    Comparator.lt: ("低于", "less than "),
    Comparator.approx: ("约为", "about "),
    Comparator.eq: ("达到", ""),
}


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


@dataclass(frozen=True)
class Headline:
    """One or two sentences, escaped (inert for HTML and Markdown, generator/site/richtext.py), and the status they are
    about (None when there is no target)."""

    sentences: list[str]
    status: str | None


class HeadlineWriter:
    """Writes the headline of one indicator's timeline in one language."""

    def __init__(self, lang: str) -> None:
        self.en = lang == "en"
        self.lang = lang

    def _say(self, zh: str, en: str) -> str:
        return en if self.en else zh

    # ----- pieces -----
    def amount(self, fact: Fact, indicator: Indicator) -> str:
        """``86 %``, ``300–500 户``: number (or range) and unit, without a comparator."""
        unit = indicator.unit.en if self.en and indicator.unit.en else indicator.unit.zh
        value = _number(fact.value) + (f"–{_number(fact.value_max)}" if fact.value_max is not None else "")
        return f"{value}{unit}" if not self.en or unit == "%" else f"{value} {unit}".strip()

    def year(self, fact: Fact) -> str:
        """``2020年`` / ``2020``, marked when the editor inferred it: ``2025年（推定：规划期末）``."""
        assert fact.year is not None
        if fact.year_basis is YearBasis.stated:
            return self._say(f"{fact.year}年", str(fact.year))
        return self._say(f"{fact.year}年（推定）", f"{fact.year} (inferred)")

    def when(self, entry: TimelineEntry) -> str:
        """When a value holds: its year, or "year not given; reported in 2022"."""
        if entry.fact.year is not None:
            return self.year(entry.fact)
        reported = entry.document.year
        if reported is None:
            return self._say("原文和文件都没写年份", "no year given in the source or its document")
        return self._say(f"原文未写年份；{reported}年的文件报告", f"year not given; reported in {reported}")

    def target(self, fact: Fact, indicator: Indicator) -> str:
        zh, en = _TARGET_WORDS[fact.comparator]
        amount = self.amount(fact, indicator)
        if fact.year is None:
            return self._say(f"目标：{zh}{amount}（原文没写期限）。", f"Target: {en}{amount} (the source gives no deadline).")
        return self._say(f"目标：到{self.year(fact)}{zh}{amount}。", f"Target: {en}{amount} by {self.year(fact)}.")

    def scopes(self, target: TimelineEntry, other: TimelineEntry | None) -> tuple[str, str]:
        """What the target and a reported value count; their regions too where those differ."""
        if other is None:
            return scope_text(target, self.lang), ""
        if target.document.region.zh != other.document.region.zh:
            return scope_text(target, self.lang), scope_text(other, self.lang)

        def own(entry: TimelineEntry) -> str:
            scope = entry.fact.scope
            return scope.en if self.en and scope.en else scope.zh
        return own(target), own(other)

    # ----- sentences -----
    def latest(self, timeline: IndicatorTimeline) -> str:
        """The latest value and when; a standard where nothing is reported; "no value yet" otherwise."""
        indicator = timeline.indicator
        latest = timeline.latest_observation
        if latest is not None:
            text = self._say(f"最新报告的数值是{self.amount(latest.fact, indicator)}（{self.when(latest)}）。",
                             f"The latest reported value is {self.amount(latest.fact, indicator)} ({self.when(latest)}).")
            if timeline.disagreements():
                text += self._say("各来源报告的数值不一致，见下文。", " Sources report different values; see below.")
            return text
        standards = timeline.standards
        if standards:
            standard = standards[-1]
            scope = standard.fact.scope.en if self.en and standard.fact.scope.en else standard.fact.scope.zh
            return self._say(f"还没有报告的数值；文件规定的标准是{self.amount(standard.fact, indicator)}（{scope}）。",
                             f"No value has been reported yet; the documents set a standard of "
                             f"{self.amount(standard.fact, indicator)} ({scope}).")
        return self._say("还没有报告的数值。", "No value has been reported yet.")

    def meaning(self, assessment: TargetAssessment, indicator: Indicator) -> str:  # noqa: PLR0911 (a sentence per status)
        """What the target's status means for the reader, in a sentence."""
        status, target, evidence = assessment.status, assessment.target.fact, assessment.evidence
        met = evidence is not None and meets(evidence.fact.value, target.comparator, target.value, indicator.direction)
        if status == "achieved":
            return self._say("已达到目标。", "The target has been met.")
        if status == "met-after-deadline":
            later = self.when(evidence) if evidence is not None else ""
            return self._say(f"已达到目标，但晚于期限（{later}）。", f"The target was met, but after the deadline ({later}).")
        if status == "missed":
            return self._say("截止年的数值没有达到目标。", "The value for the deadline year falls short of the target.")
        if status == "no-data-at-deadline":
            then = (self._say("；之后报告的数值已达到目标", "; a value reported later meets it") if met
                    else self._say("；最新的数值还没有达到目标", "; the latest value does not meet it yet"))
            return self._say(f"截止年没有数据，无法判断是否按期完成{then}。",
                             f"There is no value for the deadline year, so whether it was met on time cannot be told{then}.")
        if status == "on-track":
            return self._say("还没有达到；按目前的增长速度，可望按期达到。",
                             "Not met yet; at the present rate of growth it will be met in time.")
        if status == "off-track":
            return self._say("还没有达到；按目前的增长速度，难以按期达到。",
                             "Not met yet; at the present rate of growth it will not be met in time.")
        if status == "trend-unknown":
            return self._say("还没有达到；数据太少，看不出能否按期达到。",
                             "Not met yet; there are too few values to tell whether it will be met in time.")
        if status == "no-deadline":
            if evidence is None:
                return self._say("没写期限，所以不判断是否完成。", "With no deadline, it is not judged.")
            return self._say(f"没写期限，所以不判断是否完成；最新的数值{'已' if met else '还没有'}达到这个水平。",
                             f"With no deadline, it is not judged; the latest value {'meets' if met else 'does not meet'} it.")
        if status == "scope-differs":
            target_scope, other = self.scopes(assessment.target, evidence)
            return self._say(f"报告的数值统计的是“{other}”，目标统计的是“{target_scope}”，范围不同，不能直接比较，所以不判断是否完成。",
                             f"The reported values count “{other}” but the target counts “{target_scope}”, "
                             f"so they cannot be compared and no verdict is given.")
        return self._say("没有可以用来比较的数值，无法判断是否完成。", "There is no value to compare it with, so it cannot be judged.")

    def write(self, timeline: IndicatorTimeline) -> Headline:
        """The headline: the latest value, then the target with the latest deadline and what it means."""
        indicator = timeline.indicator
        sentences = [self.latest(timeline)]
        headline = timeline.headline()
        if headline is None:
            if timeline.observations or timeline.of_kind(FactKind.standard):
                sentences.append(self._say("文件没有为本指标定目标。", "No document sets a target for this indicator."))
            return Headline([escape_markdown(sentence) for sentence in sentences], None)
        second = self.target(headline.target.fact, indicator) + (" " if self.en else "") + self.meaning(headline, indicator)
        others = len(timeline.targets) - 1
        if others:
            second += self._say(f"另有 {others} 个目标，见“目标完成情况”。",
                                f" {others} more target{'s' if others > 1 else ''}: see “How each target stands”.")
        sentences.append(second)
        return Headline([escape_markdown(sentence) for sentence in sentences], headline.status)
