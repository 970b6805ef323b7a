"""Indicator status, disagreements and ordering, computed from facts (never entered by editors)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.content.links import Corpus
from generator.content.model import Direction, Document, Indicator
from generator.content.timeline import IndicatorTimeline

TODAY = date(2024, 6, 1)
INDICATOR = Indicator.model_validate({
    "id": "coverage", "name": {"zh": "覆盖率"}, "unit": {"zh": "%"}, "direction": "higher",
    "definition": {"zh": "覆盖的比例。"},
})


def _document(document_id: str, year: int | None, facts: list[dict[str, Any]]) -> Document:
    return Document.model_validate({
        "id": document_id, "title": {"zh": document_id}, "kind": "plan", "issuers": [{"zh": "某机关"}],
        "level": "provincial", "region": {"zh": "某省"}, "year": year, "reproduction": "full",
        "source": {"publisher": {"zh": "某机关"}}, "summary": {"zh": "摘要。"},
        "sections": [{"id": "s1", "heading": {"zh": "一"}, "clauses": [{"id": "s1-1", "text": {"zh": "正文。"}}]}],
        "facts": [{"indicator": "coverage", "scope": {"zh": "全省"}, "clause": "s1-1", "quote": "引文引文", **fact}
                  for fact in facts],
    })


def timeline(*documents: Document, indicator: Indicator = INDICATOR) -> IndicatorTimeline:
    corpus = Corpus(indicators={"coverage": indicator})
    for document in documents:
        corpus.documents[document.id] = document
        for index, fact in enumerate(document.facts):
            corpus.fact_anchors[id(fact)] = f"fact-{index + 1}"
            corpus.facts_by_indicator["coverage"].append((document, fact))
    return IndicatorTimeline.build(corpus, indicator, TODAY)


def target(value: float, year: int, comparator: str = ">=") -> dict[str, Any]:
    return {"kind": "target", "comparator": comparator, "value": value, "year": year}


def observed(value: float, year: int | None) -> dict[str, Any]:
    return {"kind": "observation", "value": value, "year": year}


@pytest.mark.parametrize(("facts", "status"), [
    ([target(90, 2020), observed(92, 2019)], "achieved"),
    ([target(90, 2020), observed(80, 2019), observed(95, 2022)], "met-after-deadline"),
    ([target(90, 2020), observed(80, 2019), observed(85, 2021)], "missed"),
    ([target(90, 2026), observed(60, 2020), observed(80, 2023)], "on-track"),   # +6.7 a year reaches 100 by 2026
    ([target(90, 2026), observed(70, 2020), observed(71, 2023)], "off-track"),  # +0.3 a year reaches 72
    ([target(90, 2026)], "no-data"),
    ([observed(90, 2020)], "no-target"),
])
def test_status_of_the_latest_target(facts: list[dict[str, Any]], status: str) -> None:
    assert timeline(_document("plan", 2020, facts)).status == status


def test_a_lower_is_better_target() -> None:
    falling = INDICATOR.model_copy(update={"direction": Direction.lower})
    document = _document("plan", 2020, [target(10, 2020, "="), observed(8, 2020)])
    assert timeline(document, indicator=falling).status == "achieved"


def test_the_working_is_shown_in_both_languages() -> None:
    line = timeline(_document("plan", 2020, [target(90, 2020), observed(80, 2019), observed(95, 2022)]))
    assessment = line.assessments()[0]
    assert assessment.working_zh == "目标 ≥ 90（2020年）；2022年才观测到 95。"
    assert assessment.working_en == "Target ≥ 90 by 2020; 95 was first reported for 2022."


def test_sources_that_disagree_are_flagged_not_resolved() -> None:
    plan = _document("plan", 2022, [observed(86, 2020)])
    article = _document("article", None, [observed(90.1, None)])  # no year: could be any year
    line = timeline(plan, article)
    (disagreement,) = line.disagreements()
    assert {e.document.id for e in disagreement.entries} == {"plan", "article"}
    assert timeline(plan, _document("reply", 2023, [observed(86, 2020)])).disagreements() == []


def test_undated_facts_come_last() -> None:
    line = timeline(_document("article", None, [observed(90.1, None)]), _document("plan", 2018, [target(40, 2018)]),
                    _document("report", 2022, [observed(86, 2020)]))
    assert [(e.document.id, e.year) for e in line.entries] == [("plan", 2018), ("report", 2020), ("article", None)]
